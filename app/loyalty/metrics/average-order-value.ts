import { countsAsOrder } from "./definitions";
import type { OrderFact } from "./metric-facts";
import { assertPeriod, isInPeriod, type Period } from "./period";
import { ratio, type Ratio } from "./ratio";

export type AverageOrderValue = {
  readonly orders: number;
  readonly netSalesMinor: number;
  /** netSalesMinor / orders, exact; `minorUnits(aov)` rounds it half-up to whole minor units. */
  readonly aov: Ratio;
};

/**
 * Average order value = net sales / orders in the period, every counted order included
 * (guest checkouts too; refunded orders with their reduced or zero net sales). Shown in
 * whole minor units, rounded half-up. Not defined when there were no orders. The member /
 * non-member split is in member-comparison.ts.
 */
export function averageOrderValue(orders: readonly OrderFact[], period: Period): AverageOrderValue {
  assertPeriod(period);
  let count = 0;
  let netSalesMinor = 0;
  for (const order of orders) {
    if (!countsAsOrder(order) || !isInPeriod(order.placedAt, period)) continue;
    count += 1;
    netSalesMinor += order.netSalesMinor;
  }
  return { orders: count, netSalesMinor, aov: ratio(netSalesMinor, count) };
}
