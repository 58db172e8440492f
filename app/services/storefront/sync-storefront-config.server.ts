import type { AppDatabase } from "../../db/database.server";
import { currentProgramVersion } from "../../loyalty/program/program";
import { readShopSettings } from "../../loyalty/settings/shop-settings";
import { storefrontConfig, storefrontMetafieldValue, type StorefrontConfig } from "../../loyalty/storefront/storefront-config";
import { listProgramVersions } from "../../repositories/program-versions.server";
import { findShop, isInstalled, readShopSettingsJson } from "../../repositories/shops.server";
import { pushStorefrontConfig } from "../../shopify/admin/storefront-sync.server";
import { isProgramLive } from "../launch-program.server";
import type { AdminForShop } from "../sync-member-tiers.server";

export type SyncStorefrontResult =
  | { readonly status: "synced"; readonly config: StorefrontConfig }
  | { readonly status: "shop_not_installed" }
  | { readonly status: "failed"; readonly message: string };

/**
 * Tells the theme what it paints without a request: the program's earning rules and rewards,
 * whether it is live, the brand colours and the merchant's texts
 * (app/loyalty/storefront/storefront-config.ts). To be called after whatever changes them:
 * a saved program, a launch or pause, saved settings. Reads outside any transaction (it
 * calls Shopify); a failure is returned so the caller can show or retry it.
 */
export async function syncStorefrontConfig(database: AppDatabase, shopDomain: string, adminFor: AdminForShop, now: Date): Promise<SyncStorefrontResult> {
  const shop = await findShop(database.db, shopDomain);
  if (!isInstalled(shop)) return { status: "shop_not_installed" };
  const version = currentProgramVersion(await listProgramVersions(database.db, shop.id), now);
  if (!version) return { status: "failed", message: "the shop has no program in effect" };
  const settings = readShopSettings(await readShopSettingsJson(database.db, shop.id));
  const config = storefrontConfig({ rules: version.rules, settings, currency: shop.currencyCode, live: isProgramLive(shop) });
  const pushed = await pushStorefrontConfig(await adminFor(shop.domain), storefrontMetafieldValue(config));
  return pushed.ok ? { status: "synced", config } : { status: "failed", message: pushed.message };
}
