import type { TierLevel, TierRules } from "../program/rules-schema";
import { findTierLevel, tierRank } from "./tier-levels";

export type TierProgress = {
  readonly current: TierLevel | null;
  readonly next: TierLevel | null;
  /** What is still needed to reach `next` (minor units, points or orders); 0 when there is no next. */
  readonly remainingToNext: number;
  /** Integer 0–100, rounded down, from the current level's threshold (or 0) to the next's. */
  readonly percentToNext: number;
};

/**
 * How far a member is towards the tier above the one they hold, for the storefront's
 * progress bar. It follows the tier held (`tierId`), not the one the value qualifies for,
 * because that is what the member sees; during a grace period the value may sit below the
 * current threshold, so the percentage is clamped to 0–100.
 *
 * At the top tier there is no next: remaining 0 and 100 % (nothing left to reach). With
 * tiers off or no levels there is nothing to progress towards: 0 and 0 %.
 */
export function tierProgress(rules: Pick<TierRules, "enabled" | "levels">, tierId: string | null, value: number): TierProgress {
  if (!rules.enabled || rules.levels.length === 0) return { current: null, next: null, remainingToNext: 0, percentToNext: 0 };
  const current = findTierLevel(rules.levels, tierId);
  const next = rules.levels[tierRank(rules.levels, current) + 1] ?? null;
  if (!next) return { current, next: null, remainingToNext: 0, percentToNext: 100 };
  const from = current?.threshold ?? 0;
  return { current, next, remainingToNext: Math.max(0, next.threshold - value), percentToNext: percentBetween(from, next.threshold, value) };
}

/** Integer maths on integers: (value − from) × 100 stays far below 2^53 for any valid threshold. */
function percentBetween(from: number, to: number, value: number): number {
  if (value >= to) return 100;
  if (value <= from) return 0;
  return Math.floor(((value - from) * 100) / (to - from));
}
