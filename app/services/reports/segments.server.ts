import type { AppDatabase } from "../../db/database.server";
import { ratio, rfmSegments, SEGMENT_CUTS_PERCENT, SEGMENTS, type RfmSegments, type Segment } from "../../loyalty/metrics";
import { ok, type Result } from "../../loyalty/result";
import { loadOrderFacts } from "../../repositories/report-facts.server";
import { moneyFigure, percentFigure, type Figure } from "./figures.server";
import { reportContext, type ReportContext, type ReportContextError, type ReportQuery } from "./report-context.server";
import { reportHeader, type ReportHeader } from "./summary.server";

/** How many of the best-ranked customers the report lists by name. */
export const LISTED_CUSTOMERS = 50;

export type SegmentsReport = ReportHeader & {
  readonly report: "segments";
  /** A = the top 20 % of the ranking, B = the next 30 %, C = the rest. */
  readonly cuts: typeof SEGMENT_CUTS_PERCENT;
  readonly segments: ReadonlyArray<{ readonly segment: Segment; readonly customers: number; readonly netSales: Figure; readonly revenueShare: Figure }>;
  readonly rankedCustomers: number;
  /** The best-ranked customers, with their scores. */
  readonly top: ReadonlyArray<{
    readonly rank: number;
    readonly segment: Segment;
    readonly customer: string;
    readonly recencyDays: number;
    readonly orders: number;
    readonly netSales: Figure;
    readonly scores: { readonly recency: number; readonly frequency: number; readonly monetary: number; readonly total: number };
  }>;
};

async function customerNames(database: AppDatabase, shopId: number, rowIds: readonly number[]): Promise<Map<number, string>> {
  if (rowIds.length === 0) return new Map();
  const rows = await database.db
    .selectFrom("Customer")
    .select(["id", "firstName", "lastName", "email", "customerGid"])
    .where("shopId", "=", shopId)
    .where("id", "in", [...rowIds])
    .execute();
  return new Map(rows.map((row) => [row.id, [row.firstName, row.lastName].filter(Boolean).join(" ") || row.email || row.customerGid]));
}

/** The RFM ranking as of the period end: the report and the export to Shopify (export-segments.server.ts) both rank with this. */
export async function rankCustomers(database: AppDatabase, context: ReportContext): Promise<RfmSegments> {
  return rfmSegments(await loadOrderFacts(database.db, context.shop.id, context.period.to), context.period, { timeZone: context.timeZone });
}

/** RFM segments A/B/C as of the period end, with each segment's size and lifetime revenue. */
export async function getSegmentsReport(database: AppDatabase, shopDomain: string, query: ReportQuery, now: Date): Promise<Result<SegmentsReport, ReportContextError>> {
  const context = await reportContext(database, shopDomain, query, now);
  if (!context.ok) return context;
  const { shop } = context.value;
  const currency = shop.currencyCode;
  const ranking = await rankCustomers(database, context.value);
  const top = ranking.customers.slice(0, LISTED_CUSTOMERS);
  const names = await customerNames(database, shop.id, top.map((entry) => Number(entry.customerId)));
  return ok({
    report: "segments",
    ...reportHeader(context.value),
    cuts: SEGMENT_CUTS_PERCENT,
    segments: SEGMENTS.map((segment) => {
      const summary = ranking.segments[segment];
      return { segment, customers: summary.customers, netSales: moneyFigure(ratio(summary.netSalesMinor, 1), currency), revenueShare: percentFigure(summary.revenueShare) };
    }),
    rankedCustomers: ranking.customers.length,
    top: top.map((entry) => ({
      rank: entry.rank,
      segment: entry.segment,
      customer: names.get(Number(entry.customerId)) ?? entry.customerId,
      recencyDays: entry.recencyDays,
      orders: entry.orders,
      netSales: moneyFigure(ratio(entry.netSalesMinor, 1), currency),
      scores: { recency: entry.recencyScore, frequency: entry.frequencyScore, monetary: entry.monetaryScore, total: entry.score },
    })),
  });
}
