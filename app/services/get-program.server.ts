import type { AppDatabase } from "../db/database.server";
import { currentProgramVersion, type ProgramRules } from "../loyalty/program/program";
import { readShopSettings, type ShopSettings } from "../loyalty/settings/shop-settings";
import { listProgramVersions } from "../repositories/program-versions.server";
import { findShop, isInstalled, readShopSettingsJson } from "../repositories/shops.server";

/** What the program designer edits: the rules in force and how the shop talks about them. */
export type ProgramForEditor = {
  readonly shop: { readonly domain: string; readonly currencyCode: string; readonly ianaTimezone: string | null };
  /** null: the shop has no version in force yet (a fresh install before its first save). */
  readonly version: number | null;
  readonly effectiveAt: Date | null;
  readonly rules: ProgramRules | null;
  readonly pointsName: ShopSettings["pointsName"];
  readonly currencyDisplay: ShopSettings["currencyDisplay"];
};

/** The program in force for an installed shop, or null when the shop is not installed. */
export async function getProgram(database: AppDatabase, shopDomain: string, now: Date): Promise<ProgramForEditor | null> {
  const shop = await findShop(database.db, shopDomain);
  if (!isInstalled(shop)) return null;
  const [versions, settingsJson] = await Promise.all([listProgramVersions(database.db, shop.id), readShopSettingsJson(database.db, shop.id)]);
  const current = currentProgramVersion(versions, now);
  const settings = readShopSettings(settingsJson);
  return {
    shop: { domain: shop.domain, currencyCode: shop.currencyCode, ianaTimezone: shop.ianaTimezone },
    version: current?.version ?? null,
    effectiveAt: current?.effectiveAt ?? null,
    rules: current?.rules ?? null,
    pointsName: settings.pointsName,
    currencyDisplay: settings.currencyDisplay,
  };
}
