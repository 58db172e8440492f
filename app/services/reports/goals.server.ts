import { z } from "zod";
import type { AppDatabase } from "../../db/database.server";
import { inTransaction } from "../../db/transaction.server";
import {
  goalProgress,
  GoalSchema,
  loyaltyIndex,
  LoyaltyIndexWeightsSchema,
  METRIC_DEFINITIONS,
  multiplyRatios,
  netPromoterScore,
  progressPercent,
  ratio,
  ReportSettingsSchema,
  type Goal,
  type LoyaltyIndexComponent,
  type LoyaltyIndexWeights,
  type Ratio,
} from "../../loyalty/metrics";
import { minorUnitsPerUnit } from "../../loyalty/money/currency";
import { err, ok, type Result } from "../../loyalty/result";
import { readReportSettings, saveReportSettings } from "../../repositories/report-settings.server";
import { surveyResponsesIn } from "../../repositories/survey-responses.server";
import { findShop } from "../../repositories/shops.server";
import { GOAL_METRICS, type GoalMetric } from "./goal-metrics";
import { displayFor, figure, percentFigure, type Figure } from "./figures.server";
import { reportContext, type ReportContextError, type ReportQuery } from "./report-context.server";
import type { StoreMetrics } from "./store-metrics.server";
import { periodStoreMetrics, reportHeader, type ReportHeader } from "./summary.server";

export { GOAL_METRICS, type GoalMetric };

const CURRENT: Readonly<Record<GoalMetric, (metrics: StoreMetrics) => Ratio>> = {
  "customer-retention-rate": (m) => m.retentionRate,
  "churn-rate": (m) => m.churnRate,
  "repeat-purchase-rate": (m) => m.repeatPurchase.rate,
  "lifetime-repeat-purchase-rate": (m) => m.lifetimeRepeatPurchase.rate,
  "purchase-frequency": (m) => m.purchaseFrequency.frequency,
  "average-order-value": (m) => m.averageOrderValue.aov,
  "historical-lifetime-value": (m) => m.historicalLifetimeValue.ltv,
  "projected-lifetime-value": (m) => m.projectedLifetimeValue.ltv,
};

export type GoalRow = {
  readonly metric: GoalMetric;
  readonly name: string;
  readonly target: Figure;
  readonly current: Figure;
  readonly met: boolean | null;
  /** 0..100 for a progress bar (100 only once met); null when the metric is not defined. */
  readonly progressPercent: number | null;
  readonly remaining: Figure;
};

export type GoalsReport = ReportHeader & { readonly report: "goals"; readonly goals: readonly GoalRow[] };

export type LoyaltyIndexReport = ReportHeader & {
  readonly report: "loyalty-index";
  readonly index: Figure;
  readonly weights: LoyaltyIndexWeights;
  readonly frequencyTarget: Figure;
  readonly components: ReadonlyArray<{ readonly component: LoyaltyIndexComponent; readonly score: Figure; readonly weight: number; readonly appliedWeight: Figure }>;
  readonly missing: readonly LoyaltyIndexComponent[];
};

function isGoalMetric(metric: string): metric is GoalMetric {
  return (GOAL_METRICS as readonly string[]).includes(metric);
}

/** Progress towards each goal the merchant set, measured over the period. */
export async function getGoalsReport(database: AppDatabase, shopDomain: string, query: ReportQuery, now: Date): Promise<Result<GoalsReport, ReportContextError>> {
  const context = await reportContext(database, shopDomain, query, now);
  if (!context.ok) return context;
  const currency = context.value.shop.currencyCode;
  const { current } = await periodStoreMetrics(database, context.value);
  const goals = context.value.goals.flatMap((goal) => {
    if (!isGoalMetric(goal.metric)) return [];
    const metric = goal.metric;
    const value = CURRENT[metric](current);
    const progress = goalProgress({ metric, target: goal.target, current: value, baseline: goal.baseline });
    return [
      {
        metric,
        name: METRIC_DEFINITIONS[metric].name,
        target: figure(metric, goal.target, currency),
        current: figure(metric, value, currency),
        met: progress.met,
        progressPercent: progressPercent(progress),
        remaining: figure(metric, progress.remaining, currency),
      },
    ];
  });
  return ok({ report: "goals", ...reportHeader(context.value), goals });
}

/** The Customer Loyalty Index of the period, with its weights; NPS is left out while the period has no survey answers. */
export async function getLoyaltyIndexReport(database: AppDatabase, shopDomain: string, query: ReportQuery, now: Date): Promise<Result<LoyaltyIndexReport, ReportContextError>> {
  const context = await reportContext(database, shopDomain, query, now);
  if (!context.ok) return context;
  const { settings, shop } = context.value;
  const [{ current }, responses] = await Promise.all([
    periodStoreMetrics(database, context.value),
    surveyResponsesIn(database.db, shop.id, context.value.period.from, context.value.period.to),
  ]);
  const nps = netPromoterScore(responses, context.value.period).score;
  const inputs = { retention: current.retentionRate, repeat: current.repeatPurchase.rate, frequency: current.purchaseFrequency.frequency, nps };
  const index = loyaltyIndex(inputs, settings.loyaltyIndexWeights, settings.frequencyTarget);
  return ok({
    report: "loyalty-index",
    ...reportHeader(context.value),
    index: figure("customer-loyalty-index", index.index, shop.currencyCode),
    weights: settings.loyaltyIndexWeights,
    frequencyTarget: { value: settings.frequencyTarget, display: displayFor("purchase-frequency", settings.frequencyTarget, shop.currencyCode) },
    components: index.components.map((entry) => ({
      component: entry.component,
      score: percentFigure(entry.score),
      weight: entry.weight,
      appliedWeight: percentFigure(entry.appliedWeight),
    })),
    missing: index.missing,
  });
}

const DECIMAL = /^\s*(\d{1,9})(?:\.(\d{1,4}))?\s*$/;

/** What is wrong with a target that is not a plain decimal, in the merchant's words. */
function whyNotATarget(text: string): string {
  const typed = text.trim();
  if (typed === "") return "Enter a target.";
  if (/^-\s*\d/.test(typed)) return "The target must be positive: enter a number above 0, like 50 or 3.3.";
  if (/^\d+\.\d{5,}$/.test(typed)) return "Use at most 4 decimals in the target.";
  if (/^\d{10,}(\.\d*)?$/.test(typed)) return "That target is too large: enter at most 9 digits before the decimal point.";
  return "Enter the target as a plain number, like 50 or 3.3 (without %, a currency sign or thousands separators).";
}

/** "3.3" as 33/10; null when not a plain non-negative decimal. */
function parseDecimal(text: string): Ratio | null {
  const match = DECIMAL.exec(text);
  if (!match) return null;
  const fraction = match[2] ?? "";
  return ratio(Number(`${match[1]}${fraction}`), 10 ** fraction.length);
}

export const GoalFormSchema = z.object({
  metric: z.enum(GOAL_METRICS, "Choose a metric for the goal."),
  target: z.string().min(1, "Enter a target."),
});

/** A target as the merchant typed it, in the metric's own terms: percent for rates, the shop's currency for money. */
export function goalTarget(metric: GoalMetric, text: string, currency: string): Result<Ratio, "invalid_goal"> {
  const typed = parseDecimal(text);
  if (!typed) return err("invalid_goal", whyNotATarget(text));
  if (typed.numerator === 0) return err("invalid_goal", "The target must be positive: enter a number above 0, like 50 or 3.3.");
  const unit = METRIC_DEFINITIONS[metric].unit;
  if (unit === "percent") {
    const rate = multiplyRatios(typed, ratio(1, 100));
    return rate.numerator > rate.denominator ? err("invalid_goal", "A rate target can be at most 100 %.") : ok(rate);
  }
  if (unit === "money") return ok(multiplyRatios(typed, ratio(minorUnitsPerUnit(currency), 1)));
  return ok(typed);
}

type SettingsError = "shop_not_found" | "invalid_goal" | "invalid_settings";

async function updateStored(
  database: AppDatabase,
  shopDomain: string,
  now: Date,
  change: (stored: { settings: Record<string, unknown>; goals: Goal[] }, currency: string) => Result<{ settings: Record<string, unknown>; goals: Goal[] }, SettingsError>,
): Promise<Result<null, SettingsError>> {
  return inTransaction(database, async (tx) => {
    const shop = await findShop(tx, shopDomain);
    if (!shop) return err("shop_not_found", "This shop is not installed.");
    const stored = await readReportSettings(tx, shop.id);
    const settings = z.record(z.string(), z.unknown()).catch({}).parse(stored.settings);
    const goals = z.array(z.unknown()).catch([]).parse(stored.goals).flatMap((goal) => {
      const parsed = GoalSchema.safeParse(goal);
      return parsed.success && isGoalMetric(parsed.data.metric) ? [parsed.data] : [];
    });
    const next = change({ settings, goals }, shop.currencyCode);
    if (!next.ok) return next;
    await saveReportSettings(tx, shop.id, next.value, now);
    return ok(null);
  });
}

/** Sets (or replaces) the goal on one metric. */
export async function saveReportGoal(database: AppDatabase, shopDomain: string, form: unknown, now: Date): Promise<Result<null, SettingsError>> {
  const parsed = GoalFormSchema.safeParse(form);
  if (!parsed.success) return err("invalid_goal", parsed.error.issues.map((issue) => issue.message).join(" "));
  const { metric } = parsed.data;
  return updateStored(database, shopDomain, now, (stored, currency) => {
    const target = goalTarget(metric, parsed.data.target, currency);
    if (!target.ok) return target;
    const goal: Goal = { metric, target: target.value, baseline: null };
    return ok({ settings: stored.settings, goals: [...stored.goals.filter((existing) => existing.metric !== metric), goal] });
  });
}

/** Removes the goal on one metric (nothing to remove is not an error). */
export async function removeReportGoal(database: AppDatabase, shopDomain: string, metric: string, now: Date): Promise<Result<null, SettingsError>> {
  return updateStored(database, shopDomain, now, (stored) => ok({ settings: stored.settings, goals: stored.goals.filter((goal) => goal.metric !== metric) }));
}

const WeightsFormSchema = z.object({
  retention: z.coerce.number(),
  repeat: z.coerce.number(),
  frequency: z.coerce.number(),
  nps: z.coerce.number(),
});

/** The loyalty index's weights (whole percentages adding up to 100). */
export async function saveLoyaltyIndexWeights(database: AppDatabase, shopDomain: string, form: unknown, now: Date): Promise<Result<null, SettingsError>> {
  const numbers = WeightsFormSchema.safeParse(form);
  if (!numbers.success) return err("invalid_settings", "Enter each weight as a whole number.");
  const weights = LoyaltyIndexWeightsSchema.safeParse(numbers.data);
  if (!weights.success) return err("invalid_settings", weights.error.issues.map((issue) => issue.message).join(" "));
  return updateStored(database, shopDomain, now, (stored) => {
    const settings = { ...stored.settings, loyaltyIndexWeights: weights.data };
    const valid = ReportSettingsSchema.safeParse({ ...settings, timeZone: "UTC" });
    return valid.success ? ok({ settings, goals: stored.goals }) : err("invalid_settings", valid.error.issues.map((issue) => issue.message).join(" "));
  });
}
