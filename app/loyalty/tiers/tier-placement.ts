import { pointsValue } from "../metrics/program-metrics";
import { minorUnits } from "../metrics/ratio";
import type { Rate, TierRules } from "../program/rules-schema";
import { tierEntryBonus, type TierEntryBonus } from "./tier-entry-bonus";
import { evaluateTier, type MemberTierState, type TierChange } from "./tier-evaluation";
import { findTierLevel } from "./tier-levels";
import { NO_TIER_NAME, REMOVED_TIER_NAME } from "./tier-preview";

/** A member as placement sees them: their tier state now and their value under the rules placed by. */
export type PlacementMember = {
  readonly customerRowId: number;
  readonly name: string;
  readonly state: MemberTierState;
  readonly value: number;
  /** Tiers the member has reached before (entry bonuses are once per tier). */
  readonly reachedTierIds: ReadonlySet<string>;
};

/** What placement does to one member whose state changes: the new state, the move (if any) and its bonus. */
export type PlacementOutcome = {
  readonly customerRowId: number;
  readonly name: string;
  readonly state: MemberTierState;
  readonly change: TierChange | null;
  readonly bonus: TierEntryBonus | null;
};

/**
 * Every member evaluated with the tier state machine (evaluateTier, grace periods included)
 * and the entry bonus rule, exactly as an order's evaluation (evaluateMemberTier) decides
 * one member. Only members whose state changes are returned: a move, or a grace clock that
 * starts or stops. Launching, saving tier rules and their previews all place members with
 * this function, so what a preview announces is what the save then writes.
 */
export function placeMembers(members: readonly PlacementMember[], rules: TierRules, now: Date): PlacementOutcome[] {
  const outcomes: PlacementOutcome[] = [];
  for (const member of members) {
    const evaluation = evaluateTier({ state: member.state, value: rules.enabled ? member.value : 0, rules, now });
    if (evaluation.state === member.state) continue;
    const bonus = evaluation.change ? tierEntryBonus(evaluation.change, rules.levels, member.reachedTierIds) : null;
    outcomes.push({ customerRowId: member.customerRowId, name: member.name, state: evaluation.state, change: evaluation.change, bonus });
  }
  return outcomes;
}

export type PlacementTierRow = { readonly tierId: string | null; readonly name: string; readonly before: number; readonly after: number };
export type PlacementExample = { readonly name: string; readonly from: string; readonly to: string };

/** What a placement will do, in the merchant's terms, before it is confirmed. */
export type PlacementImpact = {
  readonly members: number;
  readonly up: number;
  readonly down: number;
  /** Members now below their tier who keep it for the grace period (no move yet). */
  readonly graceStarted: number;
  /** No tier first, then the levels lowest first, then removed tiers. */
  readonly byTier: readonly PlacementTierRow[];
  /** A few of the members who move, by name. */
  readonly examples: readonly PlacementExample[];
  readonly bonusMembers: number;
  readonly bonusPoints: number;
  /** The bonus points at the program's point value, in the shop currency's minor units. */
  readonly bonusCostMinor: number;
  /** Identifies exactly these moves and bonuses: a save confirmed for one impact never applies another. */
  readonly fingerprint: string;
};

export const PLACEMENT_EXAMPLES = 5;

/** The impact of `outcomes` on `members` (the same list placeMembers was given). */
export function placementImpact(members: readonly PlacementMember[], outcomes: readonly PlacementOutcome[], rules: TierRules, pointValue: Rate): PlacementImpact {
  const rows = new Map<string | null, { tierId: string | null; name: string; before: number; after: number }>();
  const row = (tierId: string | null) => {
    let found = rows.get(tierId);
    if (!found) {
      found = { tierId, name: tierName(rules, tierId), before: 0, after: 0 };
      rows.set(tierId, found);
    }
    return found;
  };
  for (const id of [null, ...rules.levels.map((level) => level.id)]) row(id);
  const byMember = new Map(outcomes.map((outcome) => [outcome.customerRowId, outcome]));
  for (const member of members) {
    row(member.state.tierId).before += 1;
    // Not `?? member.state.tierId`: an outcome into no tier has tierId null, and still moves the member.
    const outcome = byMember.get(member.customerRowId);
    row(outcome ? outcome.state.tierId : member.state.tierId).after += 1;
  }
  const moves = outcomes.filter((outcome) => outcome.change !== null);
  const bonuses = outcomes.flatMap((outcome) => (outcome.bonus ? [outcome.bonus] : []));
  const bonusPoints = bonuses.reduce((sum, bonus) => sum + bonus.points, 0);
  const known = new Set<string | null>([null, ...rules.levels.map((level) => level.id)]);
  const removed = [...rows.keys()].filter((id): id is string => !known.has(id)).sort();
  return {
    members: members.length,
    up: moves.filter((outcome) => outcome.change?.direction === "up").length,
    down: moves.filter((outcome) => outcome.change?.direction === "down").length,
    graceStarted: outcomes.filter((outcome) => outcome.change === null && outcome.state.belowSince !== null).length,
    byTier: [...known, ...removed].map((id) => ({ ...row(id) })),
    examples: moves.slice(0, PLACEMENT_EXAMPLES).map((outcome) => ({ name: outcome.name, from: tierName(rules, outcome.change?.from ?? null), to: tierName(rules, outcome.change?.to ?? null) })),
    bonusMembers: bonuses.length,
    bonusPoints,
    bonusCostMinor: minorUnits(pointsValue(bonusPoints, pointValue)) ?? 0,
    fingerprint: placementFingerprint(outcomes),
  };
}

/** True when confirming matters: someone changes tier or points are granted. */
export function placementNeedsConfirmation(impact: PlacementImpact): boolean {
  return impact.up + impact.down > 0 || impact.bonusPoints > 0;
}

function tierName(rules: TierRules, tierId: string | null): string {
  if (tierId === null) return NO_TIER_NAME;
  return findTierLevel(rules.levels, tierId)?.name ?? REMOVED_TIER_NAME;
}

/**
 * FNV-1a (32-bit) over each move and bonus, in member order: short enough for a form field,
 * and any difference in who moves where, or in the points granted, changes it.
 */
function placementFingerprint(outcomes: readonly PlacementOutcome[]): string {
  let hash = 0x811c9dc5;
  let count = 0;
  for (const outcome of [...outcomes].sort((a, b) => a.customerRowId - b.customerRowId)) {
    if (!outcome.change && !outcome.bonus) continue;
    count += 1;
    const text = `${outcome.customerRowId}:${outcome.change?.from ?? "-"}>${outcome.change?.to ?? "-"}:${outcome.bonus?.points ?? 0};`;
    for (let index = 0; index < text.length; index += 1) {
      hash ^= text.charCodeAt(index);
      hash = Math.imul(hash, 0x01000193) >>> 0;
    }
  }
  return `${count}-${hash.toString(16).padStart(8, "0")}`;
}
