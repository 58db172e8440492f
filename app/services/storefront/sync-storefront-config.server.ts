import type { AppDatabase } from "../../db/database.server";
import { currentProgramVersion } from "../../loyalty/program/program";
import { readShopSettings } from "../../loyalty/settings/shop-settings";
import { storefrontConfig, storefrontMetafieldValue, type StorefrontConfig } from "../../loyalty/storefront/storefront-config";
import { listProgramVersions } from "../../repositories/program-versions.server";
import { findShop, isInstalled, readShopSettingsJson } from "../../repositories/shops.server";
import { pushStorefrontConfig } from "../../shopify/admin/storefront-sync.server";
import { isProgramLive } from "../launch-program.server";
import type { AdminForShop } from "../../shopify/admin/offline-admin.server";

export type SyncStorefrontResult =
  | { readonly status: "synced"; readonly config: StorefrontConfig }
  | { readonly status: "unchanged" }
  | { readonly status: "shop_not_installed" }
  | { readonly status: "failed"; readonly message: string };

/**
 * Tells the theme what it paints without a request: the program's earning rules and rewards,
 * whether it is live, the brand colours and the merchant's texts
 * (app/loyalty/storefront/storefront-config.ts). Runs after whatever changes them (a saved
 * program, a launch or pause, saved settings) and hourly; calls Shopify only when the value
 * differs from the one last pushed. Reads outside any transaction (it
 * calls Shopify); a failure is returned so the caller can show or retry it.
 */
export async function syncStorefrontConfig(database: AppDatabase, shopDomain: string, adminFor: AdminForShop, now: Date): Promise<SyncStorefrontResult> {
  const shop = await findShop(database.db, shopDomain);
  if (!isInstalled(shop)) return { status: "shop_not_installed" };
  const version = currentProgramVersion(await listProgramVersions(database.db, shop.id), now);
  if (!version) return { status: "failed", message: "the shop has no program in effect" };
  const settings = readShopSettings(await readShopSettingsJson(database.db, shop.id));
  const config = storefrontConfig({ rules: version.rules, settings, currency: shop.currencyCode, live: isProgramLive(shop) });
  const value = storefrontMetafieldValue(config);
  const last = await database.db.selectFrom("Shop").select("storefrontConfigPushed").where("id", "=", shop.id).executeTakeFirst();
  const lastPushed = last?.storefrontConfigPushed ?? null;
  // Nothing to tell Shopify: the same value, or a program never shown that is still not live
  // (without the metafield every block stays hidden).
  if (value === lastPushed || (lastPushed === null && !config.live)) return { status: "unchanged" };
  const pushed = await pushStorefrontConfig(await adminFor(shop.domain), value);
  if (!pushed.ok) return { status: "failed", message: pushed.message };
  await database.db.updateTable("Shop").set({ storefrontConfigPushed: value }).where("id", "=", shop.id).execute();
  return { status: "synced", config };
}
