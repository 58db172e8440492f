import type { TierRules } from "../program/rules-schema";
import { tierWindowContains, tierWindowStart } from "./tier-window";

/**
 * An order as tiers see it. `counts` is false for orders that do not qualify (unpaid,
 * cancelled, fully refunded, test…): the caller decides that once, from the order's latest
 * state, so tiers converge with points. `spendMinor` is the order's net spend after
 * refunds, in minor units, never negative.
 */
export type TierOrder = { readonly processedAt: Date; readonly spendMinor: number; readonly counts: boolean };

/** A net earned-points entry; negative for a reversal (a refund taking points back). */
export type TierPointsEntry = { readonly occurredAt: Date; readonly points: number };

export type TierActivity = {
  readonly orders: readonly TierOrder[];
  readonly pointsEarned: readonly TierPointsEntry[];
};

/**
 * The member's qualifying value for tiers at `now`: minor units of spend, points earned or a
 * count of orders, over the rules' window in the shop's `timeZone` (see tier-window.ts).
 * Points are floored at 0: a reversal inside the window of points earned before it must not
 * push a member below having earned nothing.
 */
export function tierMetricValue(
  rules: Pick<TierRules, "metric" | "window">,
  activity: TierActivity,
  now: Date,
  timeZone: string,
): number {
  const start = tierWindowStart(rules.window, now, timeZone);
  const inWindow = (instant: Date) => tierWindowContains(start, now, instant);
  switch (rules.metric) {
    case "spend":
      return countingOrders(activity.orders, inWindow).reduce((sum, order) => sum + order.spendMinor, 0);
    case "orders":
      return countingOrders(activity.orders, inWindow).length;
    case "points":
      return Math.max(0, pointsIn(activity.pointsEarned, inWindow));
  }
}

function countingOrders(orders: readonly TierOrder[], inWindow: (instant: Date) => boolean): TierOrder[] {
  orders.forEach(assertOrder);
  return orders.filter((order) => order.counts && inWindow(order.processedAt));
}

function pointsIn(entries: readonly TierPointsEntry[], inWindow: (instant: Date) => boolean): number {
  let sum = 0;
  for (const entry of entries) {
    if (!Number.isSafeInteger(entry.points)) throw new Error(`points must be a safe integer, got ${entry.points}`);
    if (inWindow(entry.occurredAt)) sum += entry.points;
  }
  return sum;
}

/** Callers validated these already; a fraction or a negative here is a bug, not data. */
function assertOrder(order: TierOrder): void {
  if (!Number.isSafeInteger(order.spendMinor) || order.spendMinor < 0) {
    throw new Error(`spendMinor must be a non-negative safe integer, got ${order.spendMinor}`);
  }
}
