import { METRIC_DEFINITIONS, type MetricId } from "./metric-definitions";
import { compareRatios, divideRatios, isDefined, NOT_DEFINED, ratio, subtractRatios, type Ratio } from "./ratio";

export type PeriodChange = {
  readonly current: Ratio;
  readonly previous: Ratio;
  /** current − previous, in the metric's own terms (a rate's change is in fractions: 0.02 = 2 points). */
  readonly change: Ratio;
  /** (current − previous) / |previous|; not defined when previous is 0. */
  readonly relativeChange: Ratio;
  readonly trend: "up" | "down" | "flat" | "unknown";
  /** Whether the move is good news for this metric; null when flat, unknown or neutral. */
  readonly better: boolean | null;
};

/**
 * A metric this period against the previous one (period.ts `previousPeriod` gives the
 * previous period of equal length). Counts and money totals are passed as `ratio(n, 1)`.
 */
export function compareWithPrevious(metric: MetricId, current: Ratio, previous: Ratio): PeriodChange {
  if (!isDefined(current) || !isDefined(previous)) {
    return { current, previous, change: NOT_DEFINED, relativeChange: NOT_DEFINED, trend: "unknown", better: null };
  }
  const change = subtractRatios(current, previous);
  const magnitude = previous.numerator < 0 ? ratio(-previous.numerator, previous.denominator) : previous;
  const order = compareRatios(current, previous);
  const trend = order > 0 ? "up" : order < 0 ? "down" : "flat";
  const { direction } = METRIC_DEFINITIONS[metric];
  const better = trend === "flat" || direction === "neutral" ? null : (trend === "up") === (direction === "higher-is-better");
  return { current, previous, change, relativeChange: divideRatios(change, magnitude), trend, better };
}
