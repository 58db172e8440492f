import type { Db, Tx } from "../db/database.server";
import { shopTimeZone } from "../loyalty/calendar/calendar";
import type { ProgramRules } from "../loyalty/program/program";
import { placementImpact, placeMembers, type PlacementImpact, type PlacementMember, type PlacementOutcome } from "../loyalty/tiers/tier-placement";
import { tierWindowStart } from "../loyalty/tiers/tier-window";
import type { ShopRecord } from "../repositories/shops.server";
import { memberTierValues, reachedTiersByMember } from "../repositories/tier-preview.server";
import { displayName } from "./members/list-members.server";
import { applyTierOutcome } from "./evaluate-member-tier.server";

/** Where every member of a shop would stand under some rules at `now`, and what it would take to get there. */
export type ShopPlacement = {
  readonly outcomes: readonly (PlacementOutcome & { readonly customerKey: string })[];
  readonly impact: PlacementImpact;
};

/**
 * Places every member of the shop under `rules` at `now`, reading only: each member's value
 * in one grouped query (memberTierValues: the rows tierMetricFromRows reads for one member),
 * the tiers they reached before, then the core's placeMembers, as an order's evaluation does
 * for one member. A preview shows `impact`; launch and saves apply the same `outcomes`
 * (applyShopPlacement), computed in their own transaction.
 */
export async function planShopPlacement(db: Db, shop: ShopRecord, rules: ProgramRules, now: Date): Promise<ShopPlacement> {
  const tiers = rules.tiers;
  const from = tierWindowStart(tiers.window, now, shopTimeZone(shop.ianaTimezone));
  const [rows, reached] = await Promise.all([memberTierValues(db, shop.id, tiers.metric, from, now), reachedTiersByMember(db, shop.id)]);
  const keys = new Map<number, string>();
  const members: PlacementMember[] = rows.map((row) => {
    keys.set(row.customerRowId, row.customerKey);
    return {
      customerRowId: row.customerRowId,
      name: displayName({ firstName: row.firstName, lastName: row.lastName, customerGid: row.customerKey }),
      state: { tierId: row.tierId, since: row.since, belowSince: row.belowSince },
      value: row.value,
      reachedTierIds: reached.get(row.customerRowId) ?? new Set(),
    };
  });
  const outcomes = placeMembers(members, tiers, now);
  return {
    outcomes: outcomes.map((outcome) => ({ ...outcome, customerKey: keys.get(outcome.customerRowId) ?? "" })),
    impact: placementImpact(members, outcomes, tiers, rules.pointValue),
  };
}

/** Writes a placement planned in the same transaction: each member's state, tier event, entry bonus and message. */
export async function applyShopPlacement(tx: Tx, shop: ShopRecord, program: { readonly rules: ProgramRules; readonly version: number }, placement: ShopPlacement, now: Date, actor: string): Promise<void> {
  for (const outcome of placement.outcomes) {
    await applyTierOutcome(tx, shop, { rules: program.rules.tiers, version: program.version }, outcome.customerKey, outcome, now, actor);
  }
}
