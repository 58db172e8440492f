import { customerHistories, ordersBetween } from "./customer-history";
import type { OrderFact } from "./metric-facts";
import { assertPeriod, type Period } from "./period";
import { ratio, type Ratio } from "./ratio";

export type RepeatPurchase = {
  /** Customers with 1+ orders in scope. */
  readonly customers: number;
  /** Of those, customers with 2+ orders in scope. */
  readonly repeatCustomers: number;
  /** repeatCustomers / customers (≤ 1); `formatOneIn` gives the guides' "1:N" form. */
  readonly rate: Ratio;
};

/**
 * Repeat purchase rate in the period = customers with 2+ orders in the period / customers
 * with 1+ orders in the period. Guest checkouts are not customers. Not defined when no
 * customer ordered.
 */
export function repeatPurchaseRate(orders: readonly OrderFact[], period: Period): RepeatPurchase {
  assertPeriod(period);
  return countRepeaters(orders, period.from.getTime(), period.to.getTime());
}

/**
 * Lifetime repeat purchase rate, as of the period end = customers with 2+ orders ever /
 * customers with 1+ orders ever, counting every order before the period end (history from
 * before the install included). This is the ratio Shopify calls "returning customer rate".
 */
export function lifetimeRepeatPurchaseRate(orders: readonly OrderFact[], period: Period): RepeatPurchase {
  assertPeriod(period);
  return countRepeaters(orders, -Infinity, period.to.getTime());
}

function countRepeaters(orders: readonly OrderFact[], from: number, to: number): RepeatPurchase {
  let customers = 0;
  let repeatCustomers = 0;
  for (const history of customerHistories(orders).values()) {
    const count = ordersBetween(history, from, to);
    if (count >= 1) customers += 1;
    if (count >= 2) repeatCustomers += 1;
  }
  return { customers, repeatCustomers, rate: ratio(repeatCustomers, customers) };
}
