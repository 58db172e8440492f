import type { TierLevel } from "../program/rules-schema";
import type { TierChange } from "./tier-evaluation";
import { findTierLevel } from "./tier-levels";

export type TierEntryBonus = { readonly tierId: string; readonly points: number };

/**
 * The one-off bonus for reaching a tier for the first time, or null.
 *
 * Only the tier actually reached pays, not the levels skipped on the way: one large order
 * that jumps a member from no tier to Platinum earns Platinum's bonus, not Silver's + Gold's
 * + Platinum's. A merchant sizes each bonus as the reward for arriving at that tier; stacking
 * them would pay more than any single tier promises. A skipped tier can still pay later, if
 * the member ever moves up into it.
 *
 * Only upgrades the member qualified for pay (reason "qualified"); moves caused by the
 * merchant editing the program (a tier removed) never do, so a rules edit cannot mint points
 * for many members at once. `previouslyReachedTierIds` makes the bonus once per tier; the
 * ledger's unique domain key (tierEntryBonusKey) keeps it once even if that set is stale.
 */
export function tierEntryBonus(
  change: TierChange,
  levels: readonly TierLevel[],
  previouslyReachedTierIds: ReadonlySet<string>,
): TierEntryBonus | null {
  if (change.direction !== "up" || change.reason.code !== "qualified" || change.to === null) return null;
  if (previouslyReachedTierIds.has(change.to)) return null;
  const level = findTierLevel(levels, change.to);
  if (!level || level.entryBonusPoints <= 0) return null;
  return { tierId: level.id, points: level.entryBonusPoints };
}

/** The ledger's idempotency key for a tier's entry bonus: at most one per customer and tier. */
export function tierEntryBonusKey(customerKey: string, tierId: string): string {
  return `customer:${customerKey}:tier-entry:${tierId}`;
}
