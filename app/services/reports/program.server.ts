import type { AppDatabase } from "../../db/database.server";
import { addMonths, localDateOf, periodKey, startOfLocalDay } from "../../loyalty/calendar/calendar";
import {
  memberComparison,
  memberProgramRoi,
  minorUnits,
  pointsValue,
  programMetrics,
  ratio,
  redeemerComparison,
  redeemerProgramRoi,
  type Period,
  type PointsMovement,
  type PointValue,
  type ProgramMetrics,
  type ProgramRoi,
  type RoiComparisonGroup,
} from "../../loyalty/metrics";
import { ok, type Result } from "../../loyalty/result";
import { loadPointsBuckets, type PointsBucket } from "../../repositories/report-facts.server";
import { metricFigure, moneyFigure, percentFigure, type Figure, type MetricFigure } from "./figures.server";
import { comparisonFacts } from "./members.server";
import { reportContext, type ReportContext, type ReportContextError, type ReportQuery } from "./report-context.server";
import { reportHeader, type ReportHeader } from "./summary.server";

export type RoiFigures = {
  readonly comparisonGroup: RoiComparisonGroup;
  /** The group the program's customers are compared with, named as the page names it. */
  readonly comparisonName: string;
  readonly comparisonDescription: string;
  readonly programCustomers: number;
  readonly programRevenuePerCustomer: Figure;
  readonly comparisonRevenuePerCustomer: Figure;
  readonly incrementalRevenue: Figure;
  readonly rewardCost: Figure;
  readonly roi: Figure;
};

export type ProgramReport = ReportHeader & {
  readonly report: "program";
  readonly pointValue: PointValue;
  readonly metrics: readonly MetricFigure[];
  /** Where the expected redemption rate behind the liability comes from. */
  readonly expectedRedemptionSource: "merchant" | "settled" | "assumed";
  /** ROI against non-members (the default) and against members who have not redeemed. */
  readonly roi: readonly RoiFigures[];
  /** Points moved per shop-local month of the period. */
  readonly monthly: ReadonlyArray<{ readonly month: string; readonly earned: number; readonly redeemed: number; readonly expired: number; readonly donated: number }>;
};

/**
 * The starts of every shop-local month from the previous period's start to the period's
 * end, with both periods' ends: every bucket then lies wholly inside or outside each.
 */
function bucketBoundaries(context: ReportContext): Date[] {
  const { period, previous, timeZone } = context;
  const boundaries = new Map<number, Date>();
  for (const instant of [previous.from, period.from, period.to]) boundaries.set(instant.getTime(), instant);
  const first = localDateOf(previous.from, timeZone);
  for (let month = { year: first.year, month: first.month, day: 1 }; ; month = addMonths(month, 1)) {
    const start = startOfLocalDay(month, timeZone);
    if (start.getTime() >= period.to.getTime()) break;
    if (start.getTime() > previous.from.getTime()) boundaries.set(start.getTime(), start);
  }
  return [...boundaries.values()].sort((a, b) => a.getTime() - b.getTime());
}

/**
 * A bucket as a core movement. Redemptions and donations do not record their money cost in
 * the ledger yet, so their cost is the points' value at the program's point value.
 */
function movementOf(bucket: PointsBucket, pointValue: PointValue): PointsMovement {
  const costly = bucket.kind === "redeemed" || bucket.kind === "donated";
  return { at: bucket.start, kind: bucket.kind, points: bucket.points, costMinor: costly ? (minorUnits(pointsValue(bucket.points, pointValue)) ?? 0) : 0 };
}

function roiFigures(roi: ProgramRoi, currency: string): RoiFigures {
  return {
    comparisonGroup: roi.comparisonGroup,
    comparisonName: roi.comparisonName,
    comparisonDescription: roi.comparisonDescription,
    programCustomers: roi.programCustomers,
    programRevenuePerCustomer: moneyFigure(roi.programRevenuePerCustomer, currency),
    comparisonRevenuePerCustomer: moneyFigure(roi.comparisonRevenuePerCustomer, currency),
    incrementalRevenue: moneyFigure(roi.incrementalRevenue, currency),
    rewardCost: moneyFigure(ratio(roi.rewardCostMinor, 1), currency),
    roi: percentFigure(roi.roi),
  };
}

function programFigures(current: ProgramMetrics, previous: ProgramMetrics, currency: string): MetricFigure[] {
  const points = (value: number) => ratio(value, 1);
  return [
    metricFigure("points-earned", points(current.period.earned), points(previous.period.earned), currency, "net of reversals"),
    metricFigure("points-redeemed", points(current.period.redeemed), points(previous.period.redeemed), currency, "net of rewards given back"),
    metricFigure("points-expired", points(current.period.expired), points(previous.period.expired), currency, "lapsed in the period"),
    metricFigure("points-donated", points(current.period.donated), points(previous.period.donated), currency, "given to your cause"),
    metricFigure("outstanding-points", points(current.outstandingPoints), points(previous.outstandingPoints), currency, "held by members at the period end"),
    metricFigure("redemption-rate", current.redemptionRate, previous.redemptionRate, currency, `${current.lifetime.redeemed + current.lifetime.donated} used of ${current.lifetime.earned} earned, since the program began`),
    metricFigure("points-liability", current.liability, previous.liability, currency, "outstanding points × point value × expected redemption rate"),
    metricFigure("breakage", current.breakage, previous.breakage, currency, `1 − expected redemption rate (${current.expectedRedemption.source})`),
    metricFigure("reward-cost", ratio(current.rewardCostMinor, 1), ratio(previous.rewardCostMinor, 1), currency, "redeemed and donated points at the point value"),
  ];
}

function monthlySeries(movements: readonly PointsMovement[], period: Period, timeZone: string): ProgramReport["monthly"] {
  const months = new Map<string, { month: string; earned: number; redeemed: number; expired: number; donated: number }>();
  for (let month = localDateOf(period.from, timeZone), key = periodKey(period.from, "month", timeZone); ; ) {
    months.set(key, { month: key, earned: 0, redeemed: 0, expired: 0, donated: 0 });
    month = addMonths({ ...month, day: 1 }, 1);
    const start = startOfLocalDay(month, timeZone);
    if (start.getTime() >= period.to.getTime()) break;
    key = periodKey(start, "month", timeZone);
  }
  for (const movement of movements) {
    if (movement.at.getTime() < period.from.getTime() || movement.at.getTime() >= period.to.getTime()) continue;
    const entry = months.get(periodKey(movement.at, "month", timeZone));
    if (entry) entry[movement.kind] += movement.points;
  }
  return [...months.values()];
}

/** The program: points moved, outstanding points and their liability, breakage, reward cost and ROI. */
export async function getProgramReport(database: AppDatabase, shopDomain: string, query: ReportQuery, now: Date): Promise<Result<ProgramReport, ReportContextError>> {
  const context = await reportContext(database, shopDomain, query, now);
  if (!context.ok) return context;
  const { shop, period, previous, settings, pointValue, timeZone } = context.value;
  const currency = shop.currencyCode;
  const [buckets, facts] = await Promise.all([loadPointsBuckets(database.db, shop.id, bucketBoundaries(context.value), period.to), comparisonFacts(database, context.value)]);
  const movements = buckets.map((bucket) => movementOf(bucket, pointValue));
  const valueSettings = { pointValue, expectedRedemptionBasisPoints: settings.expectedRedemptionBasisPoints };
  const current = programMetrics(movements, period, valueSettings);
  const before = programMetrics(movements, previous, valueSettings);
  const members = memberComparison(facts.orders, facts.customers, period);
  const redeemers = redeemerComparison(facts.orders, facts.customers, period, facts.redeemers);
  return ok({
    report: "program",
    ...reportHeader(context.value),
    pointValue,
    metrics: programFigures(current, before, currency),
    expectedRedemptionSource: current.expectedRedemption.source,
    roi: [roiFigures(memberProgramRoi(members, current.rewardCostMinor), currency), roiFigures(redeemerProgramRoi(redeemers, current.rewardCostMinor), currency)],
    monthly: monthlySeries(movements, period, timeZone),
  });
}
