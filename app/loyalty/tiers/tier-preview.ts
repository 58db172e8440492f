import type { TierRules } from "../program/rules-schema";
import { findTierLevel, qualifiedLevel, tierRank } from "./tier-levels";

/** A member as the designer's preview sees them: their tier now, their value under the NEW rules. */
export type PreviewMember = { readonly tierId: string | null; readonly value: number };

export type TierPreviewRow = { readonly tierId: string | null; readonly name: string; readonly before: number; readonly after: number };

export type TierMovesPreview = {
  readonly up: number;
  readonly down: number;
  readonly unchanged: number;
  /** No tier first, then the new rules' levels lowest first, then removed tiers by id. */
  readonly byTier: readonly TierPreviewRow[];
};

export const NO_TIER_NAME = "No tier";
export const REMOVED_TIER_NAME = "(removed tier)";

/**
 * How many members would move if these tier rules were saved ("Changing tier rules shows how
 * many members would move before saving"). `value` must already be measured with the new
 * rules' metric and window. "After" is the level the value qualifies for now, ignoring the
 * grace period: the UI must say that downgrades wait for the grace period, while upgrades,
 * moves out of removed tiers and turning tiers off take effect at once (as in evaluateTier).
 * Leaving a removed tier counts as down, as evaluateTier reports it.
 */
export function previewTierMoves(members: readonly PreviewMember[], rules: TierRules): TierMovesPreview {
  const rows = initialRows(rules);
  let up = 0;
  let down = 0;
  for (const member of members) {
    const after = rules.enabled ? qualifiedLevel(rules.levels, member.value) : null;
    rowFor(rows, member.tierId).before += 1;
    rowFor(rows, after?.id ?? null).after += 1;
    const direction = moveDirection(rules, member.tierId, tierRank(rules.levels, after));
    if (direction > 0) up += 1;
    if (direction < 0) down += 1;
  }
  return { up, down, unchanged: members.length - up - down, byTier: orderedRows(rows, rules) };
}

/** +1 up, −1 down, 0 unchanged. A removed tier has no rank: leaving it is a move down. */
function moveDirection(rules: TierRules, beforeId: string | null, afterRank: number): number {
  const before = findTierLevel(rules.levels, beforeId);
  if (beforeId !== null && before === null) return -1;
  return Math.sign(afterRank - tierRank(rules.levels, before));
}

type MutableRow = { tierId: string | null; name: string; before: number; after: number };

function initialRows(rules: TierRules): Map<string | null, MutableRow> {
  const rows = new Map<string | null, MutableRow>([[null, { tierId: null, name: NO_TIER_NAME, before: 0, after: 0 }]]);
  for (const level of rules.levels) rows.set(level.id, { tierId: level.id, name: level.name, before: 0, after: 0 });
  return rows;
}

function rowFor(rows: Map<string | null, MutableRow>, tierId: string | null): MutableRow {
  let row = rows.get(tierId);
  if (!row) {
    row = { tierId, name: REMOVED_TIER_NAME, before: 0, after: 0 };
    rows.set(tierId, row);
  }
  return row;
}

function orderedRows(rows: Map<string | null, MutableRow>, rules: TierRules): TierPreviewRow[] {
  const known = new Set<string | null>([null, ...rules.levels.map((level) => level.id)]);
  const removed = [...rows.keys()].filter((id): id is string => !known.has(id)).sort();
  return [...known, ...removed].map((id) => ({ ...rowFor(rows, id) }));
}
