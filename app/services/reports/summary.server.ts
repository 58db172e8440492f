import type { AppDatabase } from "../../db/database.server";
import { formatOneIn, type CustomerFlow, type MetricId, type Ratio } from "../../loyalty/metrics";
import { ok, type Result } from "../../loyalty/result";
import { metricFigure, type MetricFigure } from "./figures.server";
import { reportContext, type ReportContext, type ReportContextError, type ReportPeriod, type ReportQuery } from "./report-context.server";
import { storeMetrics, type StoreMetrics } from "./store-metrics.server";

/** What every report answers first: which shop, which period (and the one it is compared with), in which currency. */
export type ReportHeader = {
  readonly shop: { readonly domain: string; readonly currencyCode: string; readonly timeZone: string };
  readonly period: ReportPeriod;
  readonly settings: { readonly inactivityDays: number; readonly lifespanMonths: number | null };
};

export function reportHeader(context: ReportContext): ReportHeader {
  return {
    shop: { domain: context.shop.domain, currencyCode: context.shop.currencyCode, timeZone: context.timeZone },
    period: context.described,
    settings: { inactivityDays: context.settings.inactivityDays, lifespanMonths: context.settings.lifespanMonths },
  };
}

export type SummaryReport = ReportHeader & {
  readonly report: "summary";
  readonly metrics: readonly MetricFigure[];
  readonly flow: { readonly current: CustomerFlow; readonly previous: CustomerFlow };
};

/** The store-level metrics of the period and of the previous one, from the fast path. */
export async function periodStoreMetrics(database: AppDatabase, context: ReportContext): Promise<{ current: StoreMetrics; previous: StoreMetrics }> {
  const [current, previous] = await storeMetrics(database, context.shop.id, [context.period, context.previous], context.settings);
  if (!current || !previous) throw new Error("the fast path answered fewer periods than asked");
  return { current, previous };
}

type Pick = (metrics: StoreMetrics) => Ratio;

/** The headline metrics: each figure with its comparison and what it divided. */
export function headlineFigures(current: StoreMetrics, previous: StoreMetrics, currency: string): MetricFigure[] {
  const figure = (metric: MetricId, pick: Pick, detail: string) => metricFigure(metric, pick(current), pick(previous), currency, detail);
  const { flow, repeatPurchase, lifetimeRepeatPurchase, purchaseFrequency, averageOrderValue, historicalLifetimeValue, projectedLifetimeValue } = current;
  const lifespan = projectedLifetimeValue.lifespanSource === "merchant" ? "your expected lifespan" : "1 / yearly churn";
  return [
    figure("customer-retention-rate", (m) => m.retentionRate, `E ${flow.atEnd} − N ${flow.acquired} of S ${flow.atStart} customers`),
    figure("churn-rate", (m) => m.churnRate, `${flow.lost} lost of ${flow.atStart} customers at the start`),
    figure(
      "repeat-purchase-rate",
      (m) => m.repeatPurchase.rate,
      `${repeatPurchase.repeatCustomers} of ${repeatPurchase.customers} customers ordered twice or more (${formatOneIn(repeatPurchase.rate) ?? "—"})`,
    ),
    figure(
      "lifetime-repeat-purchase-rate",
      (m) => m.lifetimeRepeatPurchase.rate,
      `${lifetimeRepeatPurchase.repeatCustomers} of ${lifetimeRepeatPurchase.customers} customers ever`,
    ),
    figure("purchase-frequency", (m) => m.purchaseFrequency.frequency, `${purchaseFrequency.orders} orders by ${purchaseFrequency.customers} customers`),
    figure("average-order-value", (m) => m.averageOrderValue.aov, `${averageOrderValue.orders} orders, guests included`),
    figure("historical-lifetime-value", (m) => m.historicalLifetimeValue.ltv, `${historicalLifetimeValue.customers} customers up to the period end`),
    figure(
      "projected-lifetime-value",
      (m) => m.projectedLifetimeValue.ltv,
      `AOV × ${projectedLifetimeValue.orders} orders / ${projectedLifetimeValue.customers} customers a year × lifespan (${lifespan})`,
    ),
  ];
}

/** The summary: headline metrics with the previous period's, from the fast path (SQL aggregates). */
export async function getSummaryReport(database: AppDatabase, shopDomain: string, query: ReportQuery, now: Date): Promise<Result<SummaryReport, ReportContextError>> {
  const context = await reportContext(database, shopDomain, query, now);
  if (!context.ok) return context;
  const { current, previous } = await periodStoreMetrics(database, context.value);
  return ok({
    report: "summary",
    ...reportHeader(context.value),
    metrics: headlineFigures(current, previous, context.value.shop.currencyCode),
    flow: { current: current.flow, previous: previous.flow },
  });
}
