import { isCustomerOrder } from "./definitions";
import type { OrderFact } from "./metric-facts";
import { assertPeriod, isInPeriod, type Period } from "./period";
import { ratio, type Ratio } from "./ratio";

export type PurchaseFrequency = {
  /** Counted orders of identified customers placed in the period. */
  readonly orders: number;
  /** Unique customers who placed them. */
  readonly customers: number;
  /** orders / customers (≥ 1 when defined). */
  readonly frequency: Ratio;
};

/**
 * Purchase frequency = orders / unique customers in the period. Guest checkouts are left
 * out of both (a guest cannot be counted as a unique customer, so counting their orders
 * would inflate the ratio). It is per period: measure a year to compare with a yearly goal
 * such as "3.3 orders a year". Not defined when no customer ordered.
 */
export function purchaseFrequency(orders: readonly OrderFact[], period: Period): PurchaseFrequency {
  assertPeriod(period);
  let orderCount = 0;
  const customers = new Set<string>();
  for (const order of orders) {
    if (!isCustomerOrder(order) || !isInPeriod(order.placedAt, period)) continue;
    orderCount += 1;
    customers.add(order.customerId);
  }
  return { orders: orderCount, customers: customers.size, frequency: ratio(orderCount, customers.size) };
}
