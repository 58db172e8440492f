import type { AppDatabase } from "../db/database.server";
import { shopTimeZone } from "../loyalty/calendar/calendar";
import type { ProgramIssue } from "../loyalty/program/program-checks";
import { validateProgram } from "../loyalty/program/program";
import type { PlacementImpact } from "../loyalty/tiers/tier-placement";
import { previewTierMoves, type TierMovesPreview } from "../loyalty/tiers/tier-preview";
import { tierWindowStart } from "../loyalty/tiers/tier-window";
import { memberTierValues } from "../repositories/tier-preview.server";
import { findShop, isInstalled } from "../repositories/shops.server";
import { planShopPlacement } from "./place-members.server";

export type TierChangePreviewResult =
  | { readonly status: "shop_not_installed" }
  | { readonly status: "invalid"; readonly issues: readonly ProgramIssue[] }
  | { readonly status: "preview"; readonly members: number; readonly moves: TierMovesPreview; readonly placement: PlacementImpact; readonly currencyCode: string };

/**
 * Before a merchant saves new tier rules: how many members would move up or down. Each
 * member's value is measured under the PROPOSED metric and window (one aggregate query for
 * the shop), then the core places them. Reads only; the proposal is the whole program the
 * designer would save, validated the same way, so a preview never runs on rules that could
 * not be saved. `moves` ignores grace periods (where members' values point); `placement` is
 * what saving these rules now would do, grace periods and entry bonuses included, computed
 * as the save computes it.
 */
export async function previewTierChange(database: AppDatabase, shopDomain: string, input: unknown, now: Date): Promise<TierChangePreviewResult> {
  const checked = validateProgram(input);
  if (!checked.ok) return { status: "invalid", issues: checked.issues };
  const shop = await findShop(database.db, shopDomain);
  if (!isInstalled(shop)) return { status: "shop_not_installed" };
  const tiers = checked.rules.tiers;
  const from = tierWindowStart(tiers.window, now, shopTimeZone(shop.ianaTimezone));
  const [members, placement] = await Promise.all([memberTierValues(database.db, shop.id, tiers.metric, from, now), planShopPlacement(database.db, shop, checked.rules, now)]);
  return { status: "preview", members: members.length, moves: previewTierMoves(members, tiers), placement: placement.impact, currencyCode: shop.currencyCode };
}
