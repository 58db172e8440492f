import { z } from "zod";
import { METRIC_DEFINITIONS, METRIC_IDS, type MetricDirection, type MetricId } from "./metric-definitions";
import { RatioSchema, basisPoints, compareRatios, divideRatios, isDefined, NOT_DEFINED, ONE, subtractRatios, ZERO, type Ratio } from "./ratio";

/** Metrics a merchant can set a goal on: those where a rise is clearly good or bad news. */
export const GOAL_METRIC_IDS = METRIC_IDS.filter((id) => METRIC_DEFINITIONS[id].direction !== "neutral");

export const GoalSchema = z.object({
  metric: z.enum(METRIC_IDS).refine((id) => METRIC_DEFINITIONS[id].direction !== "neutral", "Goals need a metric where higher or lower is better."),
  /** In the metric's own terms: a rate as a fraction (50 % = 1/2), money in minor units, frequency as orders per customer. */
  target: RatioSchema,
  /** Where the metric stood when the goal was set; progress then runs from it to the target. */
  baseline: RatioSchema.nullable().default(null),
});
export type Goal = z.infer<typeof GoalSchema>;

export type GoalProgress = {
  readonly direction: Exclude<MetricDirection, "neutral">;
  /** The target is reached (at or above it, or at or below it for lower-is-better metrics); null when the metric is not defined. */
  readonly met: boolean | null;
  /** 0 at the baseline (or at nothing), 1 at the target; can pass 1 or go below 0. */
  readonly progress: Ratio;
  /** How far the metric still is from the target, in its own terms; 0 once met. */
  readonly remaining: Ratio;
};

/**
 * Progress towards a goal.
 * - With a baseline: (current − baseline) / (target − baseline), for either direction
 *   (churn from 8 % to a 5 % target, now 6.5 %: (6.5 − 8) / (5 − 8) = 50 %).
 * - Without one, higher is better: current / target (frequency 3 of a 3.3 target = 90.9 %);
 *   lower is better: target / current (churn at 8 % against 5 %: 62.5 %; 0 % churn = 100 %).
 * A baseline equal to the target gives 100 % once met, 0 % before.
 */
export function goalProgress(input: {
  readonly metric: MetricId;
  readonly target: Ratio;
  readonly current: Ratio;
  readonly baseline?: Ratio | null;
}): GoalProgress {
  const { direction } = METRIC_DEFINITIONS[input.metric];
  if (direction === "neutral") throw new Error(`${input.metric} has no direction to set a goal on`);
  const { target, current } = input;
  const baseline = input.baseline ?? null;
  if (!isDefined(current)) return { direction, met: null, progress: NOT_DEFINED, remaining: NOT_DEFINED };
  const order = compareRatios(current, target);
  const met = direction === "higher-is-better" ? order >= 0 : order <= 0;
  const gap = direction === "higher-is-better" ? subtractRatios(target, current) : subtractRatios(current, target);
  const remaining = met ? ZERO : gap;
  return { direction, met, progress: progressOf(direction, target, current, baseline, met), remaining };
}

function progressOf(direction: GoalProgress["direction"], target: Ratio, current: Ratio, baseline: Ratio | null, met: boolean): Ratio {
  if (baseline !== null) {
    if (compareRatios(baseline, target) === 0) return met ? ONE : ZERO;
    return divideRatios(subtractRatios(current, baseline), subtractRatios(target, baseline));
  }
  if (direction === "higher-is-better") return target.numerator === 0 ? (met ? ONE : ZERO) : divideRatios(current, target);
  return current.numerator === 0 ? ONE : divideRatios(target, current);
}

/** A goal's progress as a whole percentage for a progress bar: 0..99 until met (never a rounded-up 100), 100 once met. */
export function progressPercent(progress: GoalProgress): number | null {
  if (!isDefined(progress.progress)) return null;
  if (progress.met) return 100;
  const percent = Math.floor((basisPoints(progress.progress) ?? 0) / 100);
  return Math.min(99, Math.max(0, percent));
}
