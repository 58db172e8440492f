import { isCustomerOrder } from "./definitions";
import type { OrderFact } from "./metric-facts";

/**
 * Each customer's counted orders, sorted by time, with running net sales: the index the
 * metric functions answer from with binary searches (the reference recomputation in
 * naive-recompute.ts deliberately does not use it).
 */
export type CustomerHistory = {
  readonly customerId: string;
  /** Epoch milliseconds of each counted order, ascending. */
  readonly times: readonly number[];
  /** `salesBefore[i]` = net sales of the first `i` orders; one longer than `times`. */
  readonly salesBefore: readonly number[];
};

/** Histories of every identified customer with at least one counted order. */
export function customerHistories(orders: readonly OrderFact[]): Map<string, CustomerHistory> {
  const byCustomer = new Map<string, Array<{ time: number; sales: number }>>();
  for (const order of orders) {
    if (!isCustomerOrder(order)) continue;
    const list = byCustomer.get(order.customerId) ?? [];
    list.push({ time: order.placedAt.getTime(), sales: order.netSalesMinor });
    byCustomer.set(order.customerId, list);
  }
  const histories = new Map<string, CustomerHistory>();
  for (const [customerId, list] of byCustomer) {
    list.sort((a, b) => a.time - b.time);
    const salesBefore = [0];
    for (const entry of list) salesBefore.push((salesBefore[salesBefore.length - 1] ?? 0) + entry.sales);
    histories.set(customerId, { customerId, times: list.map((entry) => entry.time), salesBefore });
  }
  return histories;
}

/** How many of the customer's orders were placed before `time` (a lower-bound search). */
export function ordersBefore(history: CustomerHistory, time: number): number {
  let low = 0;
  let high = history.times.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((history.times[middle] ?? Infinity) < time) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** Orders placed in [from, to). */
export function ordersBetween(history: CustomerHistory, from: number, to: number): number {
  return Math.max(0, ordersBefore(history, to) - ordersBefore(history, from));
}

/** Net sales of orders placed in [from, to). */
export function salesBetween(history: CustomerHistory, from: number, to: number): number {
  if (to <= from) return 0;
  return (history.salesBefore[ordersBefore(history, to)] ?? 0) - (history.salesBefore[ordersBefore(history, from)] ?? 0);
}

/** The last order placed before `time`, or `null`. */
export function lastOrderBefore(history: CustomerHistory, time: number): Date | null {
  const count = ordersBefore(history, time);
  const last = history.times[count - 1];
  return last === undefined ? null : new Date(last);
}

/** The customer's first counted order (every history has one). */
export function firstOrderTime(history: CustomerHistory): number {
  const first = history.times[0];
  if (first === undefined) throw new Error(`history of ${history.customerId} has no orders`);
  return first;
}
