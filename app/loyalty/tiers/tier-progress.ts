import type { TierLevel, TierRules } from "../program/rules-schema";
import { evaluateTier, type MemberTierState } from "./tier-evaluation";
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

export type TierStanding = TierProgress & {
  /** The tier placement gives the member now (evaluateTier): the one held unless a move is due. */
  readonly placed: TierLevel | null;
  /** True when the stored tier lags placement (the member is due to move at their next evaluation). */
  readonly moveDue: boolean;
};

/**
 * A member's standing for the admin's member page, computed from the same numbers as
 * placement: the tier evaluateTier gives them at `now` (grace periods included), then the
 * progress from THAT tier. So a member whose value already qualifies for the next tier never
 * reads "0.00 more to reach Insider (1,281.56 so far)": they read as qualifying for Insider,
 * and the next tier named is one they have not reached.
 */
export function tierStanding(rules: TierRules, state: MemberTierState, value: number, now: Date): TierStanding {
  const evaluated = evaluateTier({ state, value: rules.enabled ? value : 0, rules, now }).state;
  const progress = tierProgress(rules, evaluated.tierId, value);
  return { ...progress, placed: findTierLevel(rules.levels, evaluated.tierId), moveDue: evaluated.tierId !== state.tierId };
}
