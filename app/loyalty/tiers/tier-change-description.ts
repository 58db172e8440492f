import { formatDecimal, money } from "../money/money";
import type { TierLevel, TierMetric, TierWindow } from "../program/rules-schema";
import type { TierChange } from "./tier-evaluation";
import { findTierLevel } from "./tier-levels";

export type TierDescriptionContext = {
  /** The levels of the rules the change was made under; a missing tier is named by its id. */
  readonly levels: readonly TierLevel[];
  /** The shop's currency, for spend values in minor units. */
  readonly currency: string;
};

/**
 * One plain-English sentence for merchants and accountants, e.g. "Reached Gold: spend in
 * the last 12 months is 1,250.00 (Gold needs 1,000.00)." It uses only the numbers the change
 * carries, so a change described years later still says why it happened then.
 */
export function describeTierChange(change: TierChange, context: TierDescriptionContext): string {
  const name = (tierId: string | null) => tierName(context.levels, tierId);
  const { reason } = change;
  switch (reason.code) {
    case "qualified": {
      const needs = formatValue(reason.metric, reason.threshold, context.currency);
      return `Reached ${name(change.to)}: ${measured(reason, context.currency)} (${name(change.to)} needs ${needs}).`;
    }
    case "grace_expired": {
      const below = `below ${name(change.from)}'s ${formatValue(reason.metric, reason.threshold, context.currency)}`;
      const grace = reason.graceDays > 0 ? ` after a ${reason.graceDays}-day grace period` : "";
      const moved = change.to === null ? `Left ${name(change.from)}${grace} and now has no tier` : `Moved down to ${name(change.to)}${grace}`;
      return `${moved}: ${measured(reason, context.currency)}, ${below}.`;
    }
    case "tier_removed": {
      const removed = `the tier "${reason.previousTierId}"`;
      if (change.to === null || reason.threshold === null) {
        return `Left ${removed}, which was removed from the program; ${measured(reason, context.currency)}, which reaches no tier.`;
      }
      const needs = formatValue(reason.metric, reason.threshold, context.currency);
      return `Moved to ${name(change.to)} because ${removed} was removed from the program: ${measured(reason, context.currency)} (${name(change.to)} needs ${needs}).`;
    }
    case "tiers_disabled":
      return `Left ${name(change.from)} because tiers were turned off for the program.`;
  }
}

function tierName(levels: readonly TierLevel[], tierId: string | null): string {
  if (tierId === null) return "no tier";
  return findTierLevel(levels, tierId)?.name ?? `"${tierId}"`;
}

const WINDOW_PHRASES: Readonly<Record<TierWindow, string>> = {
  lifetime: "to date",
  calendar_year: "this calendar year",
  rolling_12_months: "in the last 12 months",
};

/** "spend in the last 12 months is 1,250.00", "points earned to date total 1,250". */
function measured(reason: { metric: TierMetric; window: TierWindow; value: number }, currency: string): string {
  const window = WINDOW_PHRASES[reason.window];
  const value = formatValue(reason.metric, reason.value, currency);
  switch (reason.metric) {
    case "spend":
      return `spend ${window} is ${value}`;
    case "points":
      return `points earned ${window} total ${value}`;
    case "orders":
      return `orders ${window} total ${value}`;
  }
}

/** Spend as a decimal amount of the currency; points and orders as whole numbers. */
function formatValue(metric: TierMetric, value: number, currency: string): string {
  return metric === "spend" ? formatAmount(value, currency) : groupThousands(String(value));
}

function formatAmount(minor: number, currency: string): string {
  const [whole = "", fraction] = formatDecimal(money(minor, currency)).split(".");
  return fraction === undefined ? groupThousands(whole) : `${groupThousands(whole)}.${fraction}`;
}

/**
 * "1234567" → "1,234,567". Done by hand rather than with toLocaleString so the text is the
 * same on every runtime and ICU version (it is stored and compared in tests and reports).
 */
export function groupThousands(integer: string): string {
  const sign = integer.startsWith("-") ? "-" : "";
  const digits = sign ? integer.slice(1) : integer;
  return sign + digits.replace(/\B(?=(\d{3})+$)/g, ",");
}
