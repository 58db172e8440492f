import type { AppDatabase } from "../../db/database.server";
import { monthlyCohorts, type CohortRow, type CustomerFlow } from "../../loyalty/metrics";
import { ok, type Result } from "../../loyalty/result";
import { loadOrderFacts } from "../../repositories/report-facts.server";
import type { MetricFigure } from "./figures.server";
import { reportContext, type ReportContextError, type ReportQuery } from "./report-context.server";
import { headlineFigures, periodStoreMetrics, reportHeader, type ReportHeader } from "./summary.server";

export type RetentionReport = ReportHeader & {
  readonly report: "retention";
  readonly metrics: readonly MetricFigure[];
  readonly flow: { readonly current: CustomerFlow; readonly previous: CustomerFlow };
  /** Monthly cohorts of the customers whose first order falls in the period. */
  readonly cohorts: readonly CohortRow[];
};

/** Store retention: the headline retention metrics (fast path) and the monthly cohort heatmap (from the orders). */
export async function getRetentionReport(database: AppDatabase, shopDomain: string, query: ReportQuery, now: Date): Promise<Result<RetentionReport, ReportContextError>> {
  const context = await reportContext(database, shopDomain, query, now);
  if (!context.ok) return context;
  const { shop, period, timeZone } = context.value;
  const [{ current, previous }, orders] = await Promise.all([periodStoreMetrics(database, context.value), loadOrderFacts(database.db, shop.id, period.to)]);
  return ok({
    report: "retention",
    ...reportHeader(context.value),
    metrics: headlineFigures(current, previous, shop.currencyCode),
    flow: { current: current.flow, previous: previous.flow },
    cohorts: monthlyCohorts(orders, period, { timeZone }),
  });
}
