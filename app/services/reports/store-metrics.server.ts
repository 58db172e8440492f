import type { AppDatabase } from "../../db/database.server";
import {
  activityWindow,
  multiplyRatios,
  ratio,
  trailingYear,
  type ActivitySettings,
  type AverageOrderValue,
  type CustomerFlow,
  type HistoricalLifetimeValue,
  type LifespanSettings,
  type Period,
  type ProjectedLifetimeValue,
  type PurchaseFrequency,
  type Ratio,
  type RepeatPurchase,
} from "../../loyalty/metrics";
import { periodAggregates, type PeriodAggregates, type PeriodWindows } from "../../repositories/report-aggregates.server";

/**
 * The store-level metrics of a period from the fast path's SQL aggregates, in the core's
 * own result types (retention.ts, repeat-purchase.ts, purchase-frequency.ts,
 * average-order-value.ts, lifetime-value.ts), with the same formulas: what the core counts
 * by looping over orders, the database counts, and the ratios are built the same way.
 */
export type StoreMetrics = {
  readonly flow: CustomerFlow;
  /** (E − N) / S. */
  readonly retentionRate: Ratio;
  /** lost / S. */
  readonly churnRate: Ratio;
  readonly repeatPurchase: RepeatPurchase;
  readonly lifetimeRepeatPurchase: RepeatPurchase;
  readonly purchaseFrequency: PurchaseFrequency;
  readonly averageOrderValue: AverageOrderValue;
  readonly historicalLifetimeValue: HistoricalLifetimeValue;
  readonly projectedLifetimeValue: ProjectedLifetimeValue;
};

export type StoreMetricSettings = ActivitySettings & LifespanSettings;

/** The instants a period's definitions switch at: its ends and its inactivity windows' starts. */
export function windowsOf(period: Period, settings: ActivitySettings, lifetime: boolean): PeriodWindows {
  return {
    lifetime,
    from: period.from,
    to: period.to,
    startWindowFrom: activityWindow(period.from, settings).start,
    endWindowFrom: activityWindow(period.to, settings).start,
  };
}

/** S, E, N and the lost, as retention.ts `customerFlow` derives them. */
export function flowOf(aggregates: PeriodAggregates): CustomerFlow {
  const acquired = aggregates.atEnd - aggregates.retained;
  return {
    atStart: aggregates.atStart,
    atEnd: aggregates.atEnd,
    retained: aggregates.retained,
    lost: aggregates.atStart - aggregates.retained,
    acquired,
    acquiredFirstTime: aggregates.acquiredFirstTime,
    acquiredWonBack: acquired - aggregates.acquiredFirstTime,
    firstTimeBuyers: aggregates.firstTimeBuyers,
  };
}

/** The metrics of `period` from its aggregates and those of its trailing year (projected LTV's basis). */
export function assembleStoreMetrics(current: PeriodAggregates, year: PeriodAggregates, basis: Period, settings: StoreMetricSettings): StoreMetrics {
  const flow = flowOf(current);
  const orders = current.customerOrders + current.guestOrders;
  const netSalesMinor = current.customerNetSalesMinor + current.guestNetSalesMinor;
  const yearFlow = flowOf(year);
  const lifespanYears = settings.lifespanMonths !== null ? ratio(settings.lifespanMonths, 12) : ratio(yearFlow.atStart, yearFlow.lost);
  const aov = ratio(year.customerNetSalesMinor, year.customerOrders);
  const frequencyPerYear = ratio(year.customerOrders, year.customers);
  return {
    flow,
    retentionRate: ratio(flow.atEnd - flow.acquired, flow.atStart),
    churnRate: ratio(flow.lost, flow.atStart),
    repeatPurchase: { customers: current.customers, repeatCustomers: current.repeatCustomers, rate: ratio(current.repeatCustomers, current.customers) },
    lifetimeRepeatPurchase: {
      customers: current.lifetimeCustomers,
      repeatCustomers: current.lifetimeRepeatCustomers,
      rate: ratio(current.lifetimeRepeatCustomers, current.lifetimeCustomers),
    },
    purchaseFrequency: { orders: current.customerOrders, customers: current.customers, frequency: ratio(current.customerOrders, current.customers) },
    averageOrderValue: { orders, netSalesMinor, aov: ratio(netSalesMinor, orders) },
    historicalLifetimeValue: {
      customers: current.lifetimeCustomers,
      netSalesMinor: current.lifetimeNetSalesMinor,
      ltv: ratio(current.lifetimeNetSalesMinor, current.lifetimeCustomers),
    },
    projectedLifetimeValue: {
      basis,
      orders: year.customerOrders,
      customers: year.customers,
      netSalesMinor: year.customerNetSalesMinor,
      aov,
      frequencyPerYear,
      lifespanYears,
      lifespanSource: settings.lifespanMonths !== null ? "merchant" : "churn",
      ltv: multiplyRatios(multiplyRatios(aov, frequencyPerYear), lifespanYears),
    },
  };
}

/** The store-level metrics of each period, from one pass of SQL aggregates over the shop's orders. */
export async function storeMetrics(database: AppDatabase, shopId: number, periods: readonly Period[], settings: StoreMetricSettings): Promise<StoreMetrics[]> {
  const bases = periods.map((period) => trailingYear(period.to, settings.timeZone));
  const windows = periods.map((period, index) => [windowsOf(period, settings, true), windowsOf(bases[index] ?? period, settings, false)]);
  // PostgreSQL answers each period on its own pooled connection, so two periods use both
  // cores; SQLite has one connection, where one pass over the orders for all is cheaper.
  const aggregates =
    database.kind === "postgres"
      ? (await Promise.all(windows.map((pair) => periodAggregates(database.db, database.kind, shopId, pair)))).flat()
      : await periodAggregates(database.db, database.kind, shopId, windows.flat());
  return periods.map((_, index) => {
    const current = aggregates[2 * index];
    const year = aggregates[2 * index + 1];
    const basis = bases[index];
    if (!current || !year || !basis) throw new Error("the fast path answered fewer periods than asked");
    return assembleStoreMetrics(current, year, basis, settings);
  });
}
