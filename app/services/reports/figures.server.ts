import {
  compareWithPrevious,
  formatFixed,
  formatPercent,
  METRIC_DEFINITIONS,
  minorUnits,
  multiplyRatios,
  ratio,
  roundRatio,
  type MetricId,
  type Ratio,
} from "../../loyalty/metrics";
import { formatMoney as formatShopMoney } from "../../loyalty/money/display";

/**
 * A figure as every report answers it, page and JSON alike: the exact fraction the core
 * computed (numerator / denominator; a denominator of 0 means "not defined") and the text
 * the page shows, rounded once, here.
 */
export type Figure = { readonly value: Ratio; readonly display: string | null };

export type MetricFigure = {
  readonly metric: MetricId;
  readonly name: string;
  readonly current: Figure;
  readonly previous: Figure;
  /** current − previous, shown in the metric's terms (percentage points for rates). */
  readonly change: Figure;
  readonly trend: "up" | "down" | "flat" | "unknown";
  /** Good news for this metric; null when flat, unknown or neutral. */
  readonly better: boolean | null;
  /** What the figure divided, in words ("3 retained of 4 customers"). */
  readonly detail: string;
};

/** Money in minor units of `currency` as every admin page shows it ("$1,234.50"). */
export function formatMoney(minor: number, currency: string): string {
  return formatShopMoney(minor, currency);
}

/** A value in the metric's unit, as the page shows it. */
export function displayFor(metric: MetricId, value: Ratio, currency: string): string | null {
  switch (METRIC_DEFINITIONS[metric].unit) {
    case "percent":
      return formatPercent(value, 1);
    case "money": {
      const minor = minorUnits(value);
      return minor === null ? null : formatMoney(minor, currency);
    }
    case "points": {
      const points = roundRatio(value);
      return points === null ? null : points.toLocaleString("en-US");
    }
    case "nps":
    case "index": {
      const score = roundRatio(value, 100);
      return score === null ? null : String(score);
    }
    default:
      return formatFixed(value, 2);
  }
}

function changeDisplay(metric: MetricId, change: Ratio, currency: string): string | null {
  if (METRIC_DEFINITIONS[metric].unit === "percent") {
    const points = formatFixed(multiplyBy100(change), 1);
    return points === null ? null : `${points.startsWith("-") ? "" : "+"}${points} pts`;
  }
  const text = displayFor(metric, change, currency);
  return text === null ? null : `${text.startsWith("-") ? "" : "+"}${text}`;
}

function multiplyBy100(value: Ratio): Ratio {
  return multiplyRatios(value, ratio(100, 1));
}

/** A metric this period against the previous one, ready for the page and the JSON. */
export function metricFigure(metric: MetricId, current: Ratio, previous: Ratio, currency: string, detail: string): MetricFigure {
  const compared = compareWithPrevious(metric, current, previous);
  return {
    metric,
    name: METRIC_DEFINITIONS[metric].name,
    current: { value: current, display: displayFor(metric, current, currency) },
    previous: { value: previous, display: displayFor(metric, previous, currency) },
    change: { value: compared.change, display: changeDisplay(metric, compared.change, currency) },
    trend: compared.trend,
    better: compared.better,
    detail,
  };
}

/** A figure without a comparison (a table cell). */
export function figure(metric: MetricId, value: Ratio, currency: string): Figure {
  return { value, display: displayFor(metric, value, currency) };
}

/** A share or rate shown as a percentage. */
export function percentFigure(value: Ratio): Figure {
  return { value, display: formatPercent(value, 1) };
}

/** An amount of money (minor units, possibly a fraction of them) shown in whole minor units. */
export function moneyFigure(value: Ratio, currency: string): Figure {
  const minor = minorUnits(value);
  return { value, display: minor === null ? null : formatMoney(minor, currency) };
}

/** A plain quotient (orders per customer) shown with two decimals. */
export function numberFigure(value: Ratio): Figure {
  return { value, display: formatFixed(value, 2) };
}
