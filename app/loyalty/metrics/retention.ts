import { customerHistories, firstOrderTime, lastOrderBefore } from "./customer-history";
import { activityWindow, isActiveIn, type ActivitySettings } from "./definitions";
import type { OrderFact } from "./metric-facts";
import { assertPeriod, type Period } from "./period";
import { ratio, type Ratio } from "./ratio";

/**
 * Who the shop had at the start of a period, who it has at the end, and how it changed.
 * "Having" a customer means the customer is active (definitions.ts): S and E are counted
 * at the instants `from` and `to`.
 */
export type CustomerFlow = {
  /** S: customers active at the start. */
  readonly atStart: number;
  /** E: customers active at the end. */
  readonly atEnd: number;
  /** Active at both the start and the end: E − N. */
  readonly retained: number;
  /** Active at the start, not at the end: S − retained. */
  readonly lost: number;
  /** N: active at the end but not at the start = first-time buyers still active + customers won back. */
  readonly acquired: number;
  /** Of N: customers whose first-ever order falls in the period. */
  readonly acquiredFirstTime: number;
  /** Of N: earlier customers, lapsed at the start, who ordered again in the period. */
  readonly acquiredWonBack: number;
  /** Every customer whose first-ever order falls in the period, including any lapsed again by its end. */
  readonly firstTimeBuyers: number;
};

/** S, E, N and the lost, for one period. */
export function customerFlow(orders: readonly OrderFact[], period: Period, settings: ActivitySettings): CustomerFlow {
  assertPeriod(period);
  const from = period.from.getTime();
  const to = period.to.getTime();
  let atStart = 0;
  let atEnd = 0;
  let retained = 0;
  let acquiredFirstTime = 0;
  let firstTimeBuyers = 0;
  const startWindow = activityWindow(period.from, settings);
  const endWindow = activityWindow(period.to, settings);
  for (const history of customerHistories(orders).values()) {
    const first = firstOrderTime(history);
    const isFirstTime = first >= from && first < to;
    const activeAtStart = isActiveIn(lastOrderBefore(history, from), startWindow);
    const activeAtEnd = isActiveIn(lastOrderBefore(history, to), endWindow);
    if (isFirstTime) firstTimeBuyers += 1;
    if (activeAtStart) atStart += 1;
    if (activeAtEnd) atEnd += 1;
    if (activeAtStart && activeAtEnd) retained += 1;
    if (isFirstTime && activeAtEnd) acquiredFirstTime += 1;
  }
  const acquired = atEnd - retained;
  return {
    atStart,
    atEnd,
    retained,
    lost: atStart - retained,
    acquired,
    acquiredFirstTime,
    acquiredWonBack: acquired - acquiredFirstTime,
    firstTimeBuyers,
  };
}

/**
 * Customer retention rate, CRR = (E − N) / S × 100.
 * S = customers active at the start, E = active at the end, N = customers active at the end
 * who were not at the start: first-time buyers and lapsed customers won back. Counting the
 * won-back in N keeps E − N to the customers actually kept from S, so CRR stays within
 * 0..100 % (with N as first-time buyers only, a win-back campaign could push it past 100 %).
 * Not defined when S = 0.
 */
export function customerRetentionRate(
  orders: readonly OrderFact[],
  period: Period,
  settings: ActivitySettings,
): { readonly rate: Ratio; readonly flow: CustomerFlow } {
  const flow = customerFlow(orders, period, settings);
  return { rate: ratio(flow.atEnd - flow.acquired, flow.atStart), flow };
}

/**
 * Churn rate = customers lost during the period / customers at its start × 100.
 * Lost = active at the start, no longer active at the end (the inactivity window ran out
 * during the period with no order since). So churn = 100 % − CRR. Not defined when S = 0.
 */
export function churnRate(
  orders: readonly OrderFact[],
  period: Period,
  settings: ActivitySettings,
): { readonly rate: Ratio; readonly flow: CustomerFlow } {
  const flow = customerFlow(orders, period, settings);
  return { rate: ratio(flow.lost, flow.atStart), flow };
}
