import { customerHistories, ordersBetween, salesBetween } from "./customer-history";
import { countsAsOrder } from "./definitions";
import type { OrderFact } from "./metric-facts";
import { assertPeriod, isInPeriod, type Period } from "./period";
import { ratio, type Ratio } from "./ratio";

/** One group's figures for a period, and its customers' lifetime value as of the period end. */
export type GroupStats = {
  /** Counted orders in the period attributed to the group. */
  readonly orders: number;
  /** Unique identified customers behind those orders (0 for guest checkouts). */
  readonly customers: number;
  readonly netSalesMinor: number;
  /** netSalesMinor / orders. */
  readonly aov: Ratio;
  /** orders / customers. */
  readonly frequency: Ratio;
  /** netSalesMinor / customers = AOV × frequency: what a customer of the group spent in the period. */
  readonly revenuePerCustomer: Ratio;
  /** netSalesMinor / net sales of every counted order in the period (guests included). */
  readonly revenueShare: Ratio;
  /** Customers of the group (as of the period end) with an order before the period end. */
  readonly lifetimeCustomers: number;
  /** Their net sales over the whole relationship up to the period end. */
  readonly lifetimeNetSalesMinor: number;
  /** Historical LTV: lifetimeNetSalesMinor / lifetimeCustomers. */
  readonly ltv: Ratio;
};

export type Grouping<K extends string> = {
  readonly groups: readonly K[];
  /** The group an order in the period counts for, or null to leave it out. */
  readonly orderGroup: (order: OrderFact) => K | null;
  /** The group a customer's lifetime value counts for, or null to leave it out. */
  readonly customerGroup: (customerId: string) => K | null;
};

type Tally = { orders: number; customers: Set<string>; netSalesMinor: number; lifetimeCustomers: number; lifetimeNetSalesMinor: number };

/** Per-group figures for one period; the comparisons below choose the grouping. */
export function compareGroups<K extends string>(orders: readonly OrderFact[], period: Period, grouping: Grouping<K>): Map<K, GroupStats> {
  assertPeriod(period);
  const tallies = new Map<K, Tally>();
  for (const group of grouping.groups) {
    tallies.set(group, { orders: 0, customers: new Set(), netSalesMinor: 0, lifetimeCustomers: 0, lifetimeNetSalesMinor: 0 });
  }
  let totalNetSalesMinor = 0;
  for (const order of orders) {
    if (!countsAsOrder(order) || !isInPeriod(order.placedAt, period)) continue;
    totalNetSalesMinor += order.netSalesMinor;
    const group = grouping.orderGroup(order);
    const tally = group === null ? undefined : tallies.get(group);
    if (!tally) continue;
    tally.orders += 1;
    tally.netSalesMinor += order.netSalesMinor;
    if (order.customerId !== null) tally.customers.add(order.customerId);
  }
  const end = period.to.getTime();
  for (const history of customerHistories(orders).values()) {
    const group = grouping.customerGroup(history.customerId);
    const tally = group === null ? undefined : tallies.get(group);
    if (!tally || ordersBetween(history, -Infinity, end) === 0) continue;
    tally.lifetimeCustomers += 1;
    tally.lifetimeNetSalesMinor += salesBetween(history, -Infinity, end);
  }
  const stats = new Map<K, GroupStats>();
  for (const [group, tally] of tallies) stats.set(group, statsOf(tally, totalNetSalesMinor));
  return stats;
}

function statsOf(tally: Tally, totalNetSalesMinor: number): GroupStats {
  const customers = tally.customers.size;
  return {
    orders: tally.orders,
    customers,
    netSalesMinor: tally.netSalesMinor,
    aov: ratio(tally.netSalesMinor, tally.orders),
    frequency: ratio(tally.orders, customers),
    revenuePerCustomer: ratio(tally.netSalesMinor, customers),
    revenueShare: ratio(tally.netSalesMinor, totalNetSalesMinor),
    lifetimeCustomers: tally.lifetimeCustomers,
    lifetimeNetSalesMinor: tally.lifetimeNetSalesMinor,
    ltv: ratio(tally.lifetimeNetSalesMinor, tally.lifetimeCustomers),
  };
}

/** The stats of a group the grouping declared (a missing one is a bug). */
export function statsFor<K extends string>(stats: Map<K, GroupStats>, group: K): GroupStats {
  const found = stats.get(group);
  if (!found) throw new Error(`no stats for group ${group}`);
  return found;
}
