import { daysBetween, localDateOf } from "../calendar/calendar";
import { customerHistories, ordersBetween, salesBetween } from "./customer-history";
import type { OrderFact } from "./metric-facts";
import { assertPeriod, type Period } from "./period";
import { ratio, type Ratio } from "./ratio";

export const SEGMENTS = ["A", "B", "C"] as const;
export type Segment = (typeof SEGMENTS)[number];

/** Cumulative shares of the ranking: A = top 20 %, B = the next 30 %, C = the remaining 50 %. */
export const SEGMENT_CUTS_PERCENT = { A: 20, B: 50 } as const;

export type RfmCustomer = {
  readonly customerId: string;
  /** Shop-local days from the day of the last order to the day the period ends (its last day + 1): an order on the last day is 1 day ago. */
  readonly recencyDays: number;
  readonly orders: number;
  readonly netSalesMinor: number;
  /** Quintile scores, 1 (lowest fifth) to 5 (top fifth). */
  readonly recencyScore: number;
  readonly frequencyScore: number;
  readonly monetaryScore: number;
  /** recency + frequency + monetary scores, 3..15. */
  readonly score: number;
  /** 1 = best. */
  readonly rank: number;
  readonly segment: Segment;
};

export type SegmentSummary = { readonly customers: number; readonly netSalesMinor: number; readonly revenueShare: Ratio };

export type RfmSegments = {
  readonly customers: readonly RfmCustomer[];
  readonly segments: Readonly<Record<Segment, SegmentSummary>>;
};

/**
 * A/B/C segments by recency, frequency and monetary value, as of the period end, over every
 * customer with an order before it (lifetime orders and net sales; guests excluded).
 * - Each dimension scores 1..5 by quintile of rank: score = 1 + ⌊5 × (customers strictly
 *   worse) / customers⌋, so equal values always get equal scores. Recency is in whole
 *   shop-local days (more recent is better); frequency is the order count; monetary is net
 *   sales (the profitability we can see: costs are not known).
 * - Combined score = R + F + M. Customers are ranked by it, then by net sales, orders,
 *   recency, and customer id, so the ranking is total and deterministic.
 * - A = the first ⌈20 % × n⌉ of the ranking, B = up to ⌈50 % × n⌉, C = the rest.
 * Revenue per segment is lifetime net sales; its share is of all customers' lifetime net sales.
 */
export function rfmSegments(orders: readonly OrderFact[], period: Period, settings: { readonly timeZone: string }): RfmSegments {
  assertPeriod(period);
  const end = period.to.getTime();
  const endDay = localDateOf(period.to, settings.timeZone);
  const raw: Array<{ customerId: string; recencyDays: number; orders: number; netSalesMinor: number }> = [];
  for (const history of customerHistories(orders).values()) {
    const count = ordersBetween(history, -Infinity, end);
    const last = history.times[count - 1];
    if (last === undefined) continue;
    const recencyDays = daysBetween(localDateOf(new Date(last), settings.timeZone), endDay);
    raw.push({ customerId: history.customerId, recencyDays, orders: count, netSalesMinor: salesBetween(history, -Infinity, end) });
  }
  const recencyScore = quintileScorer(raw.map((c) => -c.recencyDays));
  const frequencyScore = quintileScorer(raw.map((c) => c.orders));
  const monetaryScore = quintileScorer(raw.map((c) => c.netSalesMinor));
  const scored = raw.map((c) => {
    const r = recencyScore(-c.recencyDays);
    const f = frequencyScore(c.orders);
    const m = monetaryScore(c.netSalesMinor);
    return { ...c, recencyScore: r, frequencyScore: f, monetaryScore: m, score: r + f + m };
  });
  scored.sort(
    (a, b) =>
      b.score - a.score ||
      b.netSalesMinor - a.netSalesMinor ||
      b.orders - a.orders ||
      a.recencyDays - b.recencyDays ||
      (a.customerId < b.customerId ? -1 : a.customerId > b.customerId ? 1 : 0),
  );
  const customers = scored.map((c, index) => ({ ...c, rank: index + 1, segment: segmentAt(index, scored.length) }));
  return { customers, segments: summarise(customers) };
}

/** The segment of the customer at 0-based `index` in a ranking of `count`. */
export function segmentAt(index: number, count: number): Segment {
  if (index < Math.ceil((count * SEGMENT_CUTS_PERCENT.A) / 100)) return "A";
  if (index < Math.ceil((count * SEGMENT_CUTS_PERCENT.B) / 100)) return "B";
  return "C";
}

/** score(v) = 1 + ⌊5 × (values strictly below v) / n⌋, higher values better. */
export function quintileScorer(values: readonly number[]): (value: number) => number {
  const sorted = [...values].sort((a, b) => a - b);
  return (value) => {
    let low = 0;
    let high = sorted.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if ((sorted[middle] ?? Infinity) < value) low = middle + 1;
      else high = middle;
    }
    return 1 + Math.floor((5 * low) / sorted.length);
  };
}

function summarise(customers: readonly RfmCustomer[]): Record<Segment, SegmentSummary> {
  const totals = { A: { customers: 0, netSalesMinor: 0 }, B: { customers: 0, netSalesMinor: 0 }, C: { customers: 0, netSalesMinor: 0 } };
  let all = 0;
  for (const customer of customers) {
    totals[customer.segment].customers += 1;
    totals[customer.segment].netSalesMinor += customer.netSalesMinor;
    all += customer.netSalesMinor;
  }
  const summary = (segment: Segment) => ({ ...totals[segment], revenueShare: ratio(totals[segment].netSalesMinor, all) });
  return { A: summary("A"), B: summary("B"), C: summary("C") };
}
