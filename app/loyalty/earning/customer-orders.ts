import { periodKey } from "../calendar/calendar";
import type { ProgramRules, ProgramVersion } from "../program/program";

/** What one of a customer's orders earns on its own (OrderEarning, as stored with the order). */
export type CustomerOrderBasis = {
  readonly orderId: string;
  readonly processedAt: Date;
  readonly programVersion: number | null;
  readonly qualifies: boolean;
  readonly spendPoints: number;
  readonly orderPoints: number;
};

/** True when some order's points depend on the customer's other orders. */
export function hasCrossOrderRules(rules: ProgramRules): boolean {
  const { spend, perOrder, nthOrder } = rules.earning;
  return (spend.enabled && spend.cap !== null) || (perOrder.enabled && perOrder.limit !== null) || nthOrder.enabled;
}

export function anyCrossOrderRules(versions: readonly ProgramVersion[]): boolean {
  return versions.some((version) => hasCrossOrderRules(version.rules));
}

/**
 * The points each of a customer's orders deserves once rules that span orders apply:
 * per-period caps on spend points, per-period limits on per-order points, and the bonus
 * on every Nth qualifying order. A pure function of the set of orders, taken in the order
 * they were placed (ties by id), so it converges whatever order the webhooks arrive in:
 * when an earlier order turns up late, is cancelled or fully refunded, later orders' caps
 * and bonuses shift, and the service reconciles each order to its new figure.
 *
 * Each order follows the version that governs it: its cap, its limit, its Nth-order rule.
 * Periods are the shop's calendar days, ISO weeks, months and years.
 */
export function customerOrderPoints(
  orders: readonly CustomerOrderBasis[],
  versions: readonly ProgramVersion[],
  timeZone: string,
): Map<string, number> {
  const rulesByVersion = new Map(versions.map((version) => [version.version, version.rules]));
  const spendUsed = new Map<string, number>();
  const awardsUsed = new Map<string, number>();
  const points = new Map<string, number>();
  let sequence = 0;
  for (const order of [...orders].sort(byPlacement)) {
    const rules = order.programVersion === null ? undefined : rulesByVersion.get(order.programVersion);
    if (!order.qualifies || !rules) {
      points.set(order.orderId, order.qualifies ? order.spendPoints + order.orderPoints : 0);
      continue;
    }
    sequence += 1;
    const spend = cappedSpend(order, rules, spendUsed, timeZone);
    const perOrder = limitedOrderPoints(order, rules, awardsUsed, timeZone);
    const { nthOrder } = rules.earning;
    const bonus = nthOrder.enabled && sequence % nthOrder.every === 0 ? nthOrder.points : 0;
    points.set(order.orderId, spend + perOrder + bonus);
  }
  return points;
}

function byPlacement(a: CustomerOrderBasis, b: CustomerOrderBasis): number {
  return a.processedAt.getTime() - b.processedAt.getTime() || (a.orderId < b.orderId ? -1 : a.orderId > b.orderId ? 1 : 0);
}

function cappedSpend(order: CustomerOrderBasis, rules: ProgramRules, used: Map<string, number>, timeZone: string): number {
  const { cap } = rules.earning.spend;
  if (cap === null || order.spendPoints === 0) return order.spendPoints;
  const key = `${cap.period}:${periodKey(order.processedAt, cap.period, timeZone)}`;
  const already = used.get(key) ?? 0;
  const granted = Math.max(0, Math.min(order.spendPoints, cap.maxPoints - already));
  used.set(key, already + granted);
  return granted;
}

function limitedOrderPoints(order: CustomerOrderBasis, rules: ProgramRules, used: Map<string, number>, timeZone: string): number {
  const { limit } = rules.earning.perOrder;
  if (limit === null || order.orderPoints === 0) return order.orderPoints;
  const key = `${limit.period}:${periodKey(order.processedAt, limit.period, timeZone)}`;
  const already = used.get(key) ?? 0;
  if (already >= limit.maxAwards) return 0;
  used.set(key, already + 1);
  return order.orderPoints;
}
