import type { TierLevel, TierMetric, TierRules, TierWindow } from "../program/rules-schema";
import { findTierLevel, qualifiedLevel, tierRank } from "./tier-levels";

const DAY_MS = 86_400_000;

/**
 * A member's tier. `since`: when they entered it (null with no tier). `belowSince`: the grace
 * clock, when they were first seen below their tier's threshold; null while they meet it.
 */
export type MemberTierState = {
  readonly tierId: string | null;
  readonly since: Date | null;
  readonly belowSince: Date | null;
};

export const NO_TIER: MemberTierState = { tierId: null, since: null, belowSince: null };

type Measured = { readonly metric: TierMetric; readonly window: TierWindow; readonly value: number };

/** Why a member moved, with the numbers that decided it, so the change explains itself later. */
export type TierChangeReason =
  /** The value reached `threshold`, the threshold of the tier moved up to. */
  | ({ readonly code: "qualified"; readonly threshold: number } & Measured)
  /** The value stayed below `threshold`, the held tier's, from `belowSince` for `graceDays`. */
  | ({ readonly code: "grace_expired"; readonly threshold: number; readonly graceDays: number; readonly belowSince: Date } & Measured)
  /** The held tier is gone from the rules; `threshold` is the new tier's (null: no tier). */
  | ({ readonly code: "tier_removed"; readonly previousTierId: string; readonly threshold: number | null } & Measured)
  | { readonly code: "tiers_disabled" };

export type TierChange = {
  readonly from: string | null;
  readonly to: string | null;
  readonly direction: "up" | "down";
  readonly at: Date;
  readonly reason: TierChangeReason;
};

export type TierEvaluation = { readonly state: MemberTierState; readonly change: TierChange | null };

export type TierEvaluationInput = {
  readonly state: MemberTierState;
  /** The member's qualifying value under `rules` at `now` (tierMetricValue). */
  readonly value: number;
  readonly rules: TierRules;
  readonly now: Date;
};

/**
 * The tier state machine. Upgrades, even over several levels, happen at once. A member below
 * their tier keeps it for `downgradeGraceDays` days from when they were first seen below, then
 * moves to whatever the value supports at that moment; meeting the threshold again stops the
 * clock. When tiers are turned off, or the held tier was removed from the rules, the member
 * moves at once: there is no longer a tier to be patient about.
 *
 * Deterministic in its inputs, and evaluating again at the same instant changes nothing.
 * When nothing changes, the input `state` object itself is returned, so callers can skip a write.
 */
export function evaluateTier(input: TierEvaluationInput): TierEvaluation {
  const { state, value, rules } = input;
  if (!rules.enabled) return leaveDisabledTiers(input);
  const held = findTierLevel(rules.levels, state.tierId);
  const qualified = qualifiedLevel(rules.levels, value);
  if (state.tierId !== null && held === null) return leaveRemovedTier(input, state.tierId, qualified);
  const heldRank = tierRank(rules.levels, held);
  const qualifiedRank = tierRank(rules.levels, qualified);
  if (qualifiedRank > heldRank && qualified) return moveUp(input, qualified);
  if (qualifiedRank === heldRank || !held) return { state: stopGraceClock(state), change: null };
  return belowHeldTier(input, held, qualified);
}

function moveUp({ state, value, rules, now }: TierEvaluationInput, to: TierLevel): TierEvaluation {
  const reason: TierChangeReason = { code: "qualified", metric: rules.metric, window: rules.window, value, threshold: to.threshold };
  return { state: enter(to.id, now), change: { from: state.tierId, to: to.id, direction: "up", at: now, reason } };
}

/**
 * The grace clock runs from the earliest instant the member was seen below (an evaluation
 * replayed out of order can only move it earlier), and whole 24-hour days count: the
 * downgrade happens at belowSince + graceDays × 24 h exactly, not a millisecond before.
 */
function belowHeldTier(input: TierEvaluationInput, held: TierLevel, to: TierLevel | null): TierEvaluation {
  const { state, value, rules, now } = input;
  const belowSince = state.belowSince && state.belowSince.getTime() <= now.getTime() ? state.belowSince : now;
  if (now.getTime() - belowSince.getTime() < rules.downgradeGraceDays * DAY_MS) {
    return { state: belowSince === state.belowSince ? state : { ...state, belowSince }, change: null };
  }
  const reason: TierChangeReason = {
    code: "grace_expired",
    metric: rules.metric,
    window: rules.window,
    value,
    threshold: held.threshold,
    graceDays: rules.downgradeGraceDays,
    belowSince,
  };
  const toId = to?.id ?? null;
  return { state: enter(toId, now), change: { from: held.id, to: toId, direction: "down", at: now, reason } };
}

/**
 * Reported as "down": the member lost a tier the merchant took away. With the other
 * thresholds unchanged they always land lower (had they met the next tier up, they would
 * hold it), and calling it "down" keeps a rules edit from paying entry bonuses.
 */
function leaveRemovedTier({ value, rules, now }: TierEvaluationInput, previousTierId: string, to: TierLevel | null): TierEvaluation {
  const reason: TierChangeReason = {
    code: "tier_removed",
    previousTierId,
    metric: rules.metric,
    window: rules.window,
    value,
    threshold: to?.threshold ?? null,
  };
  const toId = to?.id ?? null;
  return { state: enter(toId, now), change: { from: previousTierId, to: toId, direction: "down", at: now, reason } };
}

function leaveDisabledTiers({ state, now }: TierEvaluationInput): TierEvaluation {
  if (state.tierId === null) return { state: stopGraceClock(state), change: null };
  const change: TierChange = { from: state.tierId, to: null, direction: "down", at: now, reason: { code: "tiers_disabled" } };
  return { state: NO_TIER, change };
}

function enter(tierId: string | null, now: Date): MemberTierState {
  return tierId === null ? NO_TIER : { tierId, since: now, belowSince: null };
}

function stopGraceClock(state: MemberTierState): MemberTierState {
  return state.belowSince === null ? state : { ...state, belowSince: null };
}
