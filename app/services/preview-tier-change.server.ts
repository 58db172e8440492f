import type { AppDatabase } from "../db/database.server";
import { shopTimeZone } from "../loyalty/calendar/calendar";
import type { ProgramIssue } from "../loyalty/program/program-checks";
import { validateProgram } from "../loyalty/program/program";
import { previewTierMoves, type TierMovesPreview } from "../loyalty/tiers/tier-preview";
import { tierWindowStart } from "../loyalty/tiers/tier-window";
import { memberTierValues } from "../repositories/tier-preview.server";
import { findShop, isInstalled } from "../repositories/shops.server";

export type TierChangePreviewResult =
  | { readonly status: "shop_not_installed" }
  | { readonly status: "invalid"; readonly issues: readonly ProgramIssue[] }
  | { readonly status: "preview"; readonly members: number; readonly moves: TierMovesPreview };

/**
 * Before a merchant saves new tier rules: how many members would move up or down. Each
 * member's value is measured under the PROPOSED metric and window (one aggregate query for
 * the shop), then the core places them. Reads only; the proposal is the whole program the
 * designer would save, validated the same way, so a preview never runs on rules that could
 * not be saved.
 */
export async function previewTierChange(database: AppDatabase, shopDomain: string, input: unknown, now: Date): Promise<TierChangePreviewResult> {
  const checked = validateProgram(input);
  if (!checked.ok) return { status: "invalid", issues: checked.issues };
  const shop = await findShop(database.db, shopDomain);
  if (!isInstalled(shop)) return { status: "shop_not_installed" };
  const tiers = checked.rules.tiers;
  const from = tierWindowStart(tiers.window, now, shopTimeZone(shop.ianaTimezone));
  const members = await memberTierValues(database.db, shop.id, tiers.metric, from, now);
  return { status: "preview", members: members.length, moves: previewTierMoves(members, tiers) };
}
