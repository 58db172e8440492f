import { customerHistories, ordersBetween, salesBetween } from "./customer-history";
import type { ActivitySettings } from "./definitions";
import type { OrderFact } from "./metric-facts";
import { assertPeriod, trailingYear, type Period } from "./period";
import { customerFlow } from "./retention";
import { multiplyRatios, ratio, type Ratio } from "./ratio";

export type HistoricalLifetimeValue = {
  /** Customers with at least one order before the period end. */
  readonly customers: number;
  /** Their net sales over their whole relationship up to the period end. */
  readonly netSalesMinor: number;
  /** netSalesMinor / customers, minor units. */
  readonly ltv: Ratio;
};

/**
 * Historical LTV, as of the period end = net sales per customer over the relationship:
 * every customer with 1+ orders before the period end, and all their net sales up to then
 * (history from before the install included). Guests are not customers. Not defined for a
 * shop without customers.
 */
export function historicalLifetimeValue(orders: readonly OrderFact[], period: Period): HistoricalLifetimeValue {
  assertPeriod(period);
  const end = period.to.getTime();
  let customers = 0;
  let netSalesMinor = 0;
  for (const history of customerHistories(orders).values()) {
    if (ordersBetween(history, -Infinity, end) === 0) continue;
    customers += 1;
    netSalesMinor += salesBetween(history, -Infinity, end);
  }
  return { customers, netSalesMinor, ltv: ratio(netSalesMinor, customers) };
}

/** A merchant-set expected customer lifespan replaces the one derived from churn. */
export type LifespanSettings = { readonly lifespanMonths: number | null };

export type ProjectedLifetimeValue = {
  /** The 12 months ending at the period end that AOV, frequency and churn are measured over. */
  readonly basis: Period;
  readonly orders: number;
  readonly customers: number;
  readonly netSalesMinor: number;
  /** Net sales / orders of identified customers in the basis year. */
  readonly aov: Ratio;
  /** Orders / customers in the basis year: purchases per customer per year. */
  readonly frequencyPerYear: Ratio;
  /** 1 / annual churn (customers at the start of the year / lost during it), or the merchant's value. */
  readonly lifespanYears: Ratio;
  readonly lifespanSource: "churn" | "merchant";
  /** aov × frequencyPerYear × lifespanYears, minor units. */
  readonly ltv: Ratio;
};

/**
 * Projected LTV = AOV × purchase frequency per year × expected lifespan in years.
 * All three are measured over the 12 months ending at the period end, whatever the period
 * (a month's frequency scaled to a year would count every one-off buyer twelve times).
 * AOV and frequency are over identified customers, so AOV × frequency is their net sales
 * per customer per year. Lifespan = 1 / annual churn (a shop losing 25 % of its customers a
 * year keeps one 4 years), or the merchant's own value in months. Not defined without
 * customers in that year, or when none were lost and the merchant set no lifespan.
 */
export function projectedLifetimeValue(
  orders: readonly OrderFact[],
  period: Period,
  settings: ActivitySettings & LifespanSettings,
): ProjectedLifetimeValue {
  assertPeriod(period);
  const basis = trailingYear(period.to, settings.timeZone);
  const from = basis.from.getTime();
  const to = basis.to.getTime();
  let orderCount = 0;
  let customers = 0;
  let netSalesMinor = 0;
  for (const history of customerHistories(orders).values()) {
    const count = ordersBetween(history, from, to);
    if (count === 0) continue;
    orderCount += count;
    customers += 1;
    netSalesMinor += salesBetween(history, from, to);
  }
  const aov = ratio(netSalesMinor, orderCount);
  const frequencyPerYear = ratio(orderCount, customers);
  const lifespan = expectedLifespanYears(orders, basis, settings);
  const ltv = multiplyRatios(multiplyRatios(aov, frequencyPerYear), lifespan.years);
  return { basis, orders: orderCount, customers, netSalesMinor, aov, frequencyPerYear, lifespanYears: lifespan.years, lifespanSource: lifespan.source, ltv };
}

function expectedLifespanYears(
  orders: readonly OrderFact[],
  year: Period,
  settings: ActivitySettings & LifespanSettings,
): { readonly years: Ratio; readonly source: "churn" | "merchant" } {
  if (settings.lifespanMonths !== null) return { years: ratio(settings.lifespanMonths, 12), source: "merchant" };
  const flow = customerFlow(orders, year, settings);
  return { years: ratio(flow.atStart, flow.lost), source: "churn" };
}
