import { addMonths, periodKey, startOfLocalDay, type LocalDate } from "../calendar/calendar";
import type { AverageOrderValue } from "./average-order-value";
import type { CohortRow } from "./cohorts";
import { activityWindow, countsAsOrder, isActiveIn, isCustomerOrder, isMemberOrder, type ActivitySettings } from "./definitions";
import type { GroupStats } from "./group-comparison";
import type { HistoricalLifetimeValue, LifespanSettings } from "./lifetime-value";
import type { MemberComparison } from "./member-comparison";
import type { CustomerFact, OrderFact } from "./metric-facts";
import { isInPeriod, trailingYear, type Period } from "./period";
import type { PurchaseFrequency } from "./purchase-frequency";
import { multiplyRatios, ratio, type Ratio } from "./ratio";
import type { CustomerFlow } from "./retention";
import type { RepeatPurchase } from "./repeat-purchase";

/**
 * The reference recomputation: the store-level metrics as plain loops over the raw orders,
 * written to be obviously right rather than fast (customers × orders). The metric functions
 * and the reports' fast path (SQL aggregates, incremental updates) are property-tested
 * against it on random shops. It shares the definitions (definitions.ts, the calendar, the
 * period and fact types) and nothing else: no customer-history index, no binary searches,
 * no month boundaries.
 */

/** Every identified customer with at least one counted order, in first-seen order. */
function naiveCustomers(orders: readonly OrderFact[]): string[] {
  const seen: string[] = [];
  for (const order of orders) {
    if (isCustomerOrder(order) && !seen.includes(order.customerId)) seen.push(order.customerId);
  }
  return seen;
}

/** The customer's counted orders. */
function ordersOf(orders: readonly OrderFact[], customerId: string): OrderFact[] {
  const own: OrderFact[] = [];
  for (const order of orders) {
    if (isCustomerOrder(order) && order.customerId === customerId) own.push(order);
  }
  return own;
}

function lastBefore(own: readonly OrderFact[], instant: Date): Date | null {
  let last: Date | null = null;
  for (const order of own) {
    if (order.placedAt.getTime() < instant.getTime() && (last === null || order.placedAt.getTime() > last.getTime())) last = order.placedAt;
  }
  return last;
}

function firstOf(own: readonly OrderFact[]): Date | null {
  let first: Date | null = null;
  for (const order of own) {
    if (first === null || order.placedAt.getTime() < first.getTime()) first = order.placedAt;
  }
  return first;
}

export function naiveCustomerFlow(orders: readonly OrderFact[], period: Period, settings: ActivitySettings): CustomerFlow {
  const flow = { atStart: 0, atEnd: 0, retained: 0, lost: 0, acquired: 0, acquiredFirstTime: 0, acquiredWonBack: 0, firstTimeBuyers: 0 };
  for (const customerId of naiveCustomers(orders)) {
    const own = ordersOf(orders, customerId);
    const first = firstOf(own);
    const firstTime = first !== null && isInPeriod(first, period);
    const atStart = isActiveIn(lastBefore(own, period.from), activityWindow(period.from, settings));
    const atEnd = isActiveIn(lastBefore(own, period.to), activityWindow(period.to, settings));
    if (firstTime) flow.firstTimeBuyers += 1;
    if (atStart) flow.atStart += 1;
    if (atEnd) flow.atEnd += 1;
    if (atStart && atEnd) flow.retained += 1;
    if (atStart && !atEnd) flow.lost += 1;
    if (atEnd && !atStart) flow.acquired += 1;
    if (atEnd && !atStart && firstTime) flow.acquiredFirstTime += 1;
    if (atEnd && !atStart && !firstTime) flow.acquiredWonBack += 1;
  }
  return flow;
}

export function naiveRetentionRate(orders: readonly OrderFact[], period: Period, settings: ActivitySettings): { rate: Ratio; flow: CustomerFlow } {
  const flow = naiveCustomerFlow(orders, period, settings);
  return { rate: ratio(flow.atEnd - flow.acquired, flow.atStart), flow };
}

export function naiveChurnRate(orders: readonly OrderFact[], period: Period, settings: ActivitySettings): { rate: Ratio; flow: CustomerFlow } {
  const flow = naiveCustomerFlow(orders, period, settings);
  return { rate: ratio(flow.lost, flow.atStart), flow };
}

function naiveRepeaters(orders: readonly OrderFact[], include: (order: OrderFact) => boolean): RepeatPurchase {
  let customers = 0;
  let repeatCustomers = 0;
  for (const customerId of naiveCustomers(orders)) {
    let count = 0;
    for (const order of ordersOf(orders, customerId)) if (include(order)) count += 1;
    if (count >= 1) customers += 1;
    if (count >= 2) repeatCustomers += 1;
  }
  return { customers, repeatCustomers, rate: ratio(repeatCustomers, customers) };
}

export function naiveRepeatPurchaseRate(orders: readonly OrderFact[], period: Period): RepeatPurchase {
  return naiveRepeaters(orders, (order) => isInPeriod(order.placedAt, period));
}

export function naiveLifetimeRepeatPurchaseRate(orders: readonly OrderFact[], period: Period): RepeatPurchase {
  return naiveRepeaters(orders, (order) => order.placedAt.getTime() < period.to.getTime());
}

export function naivePurchaseFrequency(orders: readonly OrderFact[], period: Period): PurchaseFrequency {
  let count = 0;
  let customers = 0;
  for (const customerId of naiveCustomers(orders)) {
    let own = 0;
    for (const order of ordersOf(orders, customerId)) if (isInPeriod(order.placedAt, period)) own += 1;
    count += own;
    if (own > 0) customers += 1;
  }
  return { orders: count, customers, frequency: ratio(count, customers) };
}

export function naiveAverageOrderValue(orders: readonly OrderFact[], period: Period): AverageOrderValue {
  let count = 0;
  let netSalesMinor = 0;
  for (const order of orders) {
    if (countsAsOrder(order) && isInPeriod(order.placedAt, period)) {
      count += 1;
      netSalesMinor += order.netSalesMinor;
    }
  }
  return { orders: count, netSalesMinor, aov: ratio(netSalesMinor, count) };
}

export function naiveHistoricalLifetimeValue(orders: readonly OrderFact[], period: Period): HistoricalLifetimeValue {
  let customers = 0;
  let netSalesMinor = 0;
  for (const customerId of naiveCustomers(orders)) {
    const before = ordersOf(orders, customerId).filter((order) => order.placedAt.getTime() < period.to.getTime());
    if (before.length === 0) continue;
    customers += 1;
    for (const order of before) netSalesMinor += order.netSalesMinor;
  }
  return { customers, netSalesMinor, ltv: ratio(netSalesMinor, customers) };
}

/** Projected LTV by its simplest route: AOV × frequency is net sales per customer over the basis year. */
export function naiveProjectedLifetimeValue(
  orders: readonly OrderFact[],
  period: Period,
  settings: ActivitySettings & LifespanSettings,
): { readonly ltv: Ratio; readonly lifespanYears: Ratio } {
  const year = trailingYear(period.to, settings.timeZone);
  let customers = 0;
  let netSalesMinor = 0;
  for (const customerId of naiveCustomers(orders)) {
    const inYear = ordersOf(orders, customerId).filter((order) => isInPeriod(order.placedAt, year));
    if (inYear.length > 0) customers += 1;
    for (const order of inYear) netSalesMinor += order.netSalesMinor;
  }
  const flow = naiveCustomerFlow(orders, year, settings);
  const lifespanYears = settings.lifespanMonths !== null ? ratio(settings.lifespanMonths, 12) : ratio(flow.atStart, flow.lost);
  return { ltv: multiplyRatios(ratio(netSalesMinor, customers), lifespanYears), lifespanYears };
}

function monthStart(key: string): LocalDate {
  return { year: Number(key.slice(0, 4)), month: Number(key.slice(5, 7)), day: 1 };
}

function nextMonthKey(key: string): string {
  const next = addMonths(monthStart(key), 1);
  return `${String(next.year).padStart(4, "0")}-${String(next.month).padStart(2, "0")}`;
}

export function naiveMonthlyCohorts(orders: readonly OrderFact[], period: Period, settings: { readonly timeZone: string }): CohortRow[] {
  if (period.to.getTime() <= period.from.getTime()) return [];
  const { timeZone } = settings;
  const monthOf = (instant: Date) => periodKey(instant, "month", timeZone);
  const months: string[] = [];
  const lastMonth = monthOf(new Date(period.to.getTime() - 1));
  for (let key = monthOf(period.from); key <= lastMonth; key = nextMonthKey(key)) months.push(key);
  const rows: CohortRow[] = [];
  months.forEach((cohort, position) => {
    const members: string[] = [];
    for (const customerId of naiveCustomers(orders)) {
      const first = firstOf(ordersOf(orders, customerId));
      if (first !== null && isInPeriod(first, period) && monthOf(first) === cohort) members.push(customerId);
    }
    const cells = months.slice(position).map((month, k) => {
      let active = 0;
      for (const customerId of members) {
        const own = ordersOf(orders, customerId);
        if (own.some((order) => order.placedAt.getTime() < period.to.getTime() && monthOf(order.placedAt) === month)) active += 1;
      }
      const monthEnd = startOfLocalDay(monthStart(nextMonthKey(month)), timeZone);
      return { monthsAfter: k, month, customers: active, rate: ratio(active, members.length), partial: monthEnd.getTime() > period.to.getTime() };
    });
    rows.push({ cohort, size: members.length, cells });
  });
  return rows;
}

type NaiveGroup = "members" | "nonMembers" | "guests";

export function naiveMemberComparison(orders: readonly OrderFact[], customers: readonly CustomerFact[], period: Period): MemberComparison {
  const enrolledAt = (customerId: string): Date | null => {
    for (const customer of customers) if (customer.customerId === customerId) return customer.enrolledAt;
    return null;
  };
  const orderGroup = (order: OrderFact): NaiveGroup => {
    if (order.customerId === null) return "guests";
    return isMemberOrder(order, enrolledAt(order.customerId)) ? "members" : "nonMembers";
  };
  const customerGroup = (customerId: string): NaiveGroup => {
    const at = enrolledAt(customerId);
    return at !== null && at.getTime() < period.to.getTime() ? "members" : "nonMembers";
  };
  let total = 0;
  for (const order of orders) if (countsAsOrder(order) && isInPeriod(order.placedAt, period)) total += order.netSalesMinor;
  const statsOf = (group: NaiveGroup): GroupStats => {
    let count = 0;
    let netSalesMinor = 0;
    const buyers: string[] = [];
    for (const order of orders) {
      if (!countsAsOrder(order) || !isInPeriod(order.placedAt, period) || orderGroup(order) !== group) continue;
      count += 1;
      netSalesMinor += order.netSalesMinor;
      if (order.customerId !== null && !buyers.includes(order.customerId)) buyers.push(order.customerId);
    }
    const lifetime = naiveHistoricalLifetimeValue(
      orders.filter((order) => group !== "guests" && order.customerId !== null && customerGroup(order.customerId) === group),
      period,
    );
    return {
      orders: count,
      customers: buyers.length,
      netSalesMinor,
      aov: ratio(netSalesMinor, count),
      frequency: ratio(count, buyers.length),
      revenuePerCustomer: ratio(netSalesMinor, buyers.length),
      revenueShare: ratio(netSalesMinor, total),
      lifetimeCustomers: lifetime.customers,
      lifetimeNetSalesMinor: lifetime.netSalesMinor,
      ltv: lifetime.ltv,
    };
  };
  return { members: statsOf("members"), nonMembers: statsOf("nonMembers"), guests: statsOf("guests") };
}
