import type { AppDatabase } from "../../db/database.server";
import { readShopSettings } from "../../loyalty/settings/shop-settings";
import { findShop, isInstalled, readShopSettingsJson } from "../../repositories/shops.server";
import { isProgramLive } from "../launch-program.server";
import { listRewards, type RewardsView } from "../redemption/list-rewards.server";

/** The points' name in the shop's words, so the panel never says "points" where the merchant says "stars". */
export type PointsName = { readonly singular: string; readonly plural: string };

/**
 * What the storefront panel shows when it opens (GET /apps/wafa/rewards). A program that is
 * not live (docs/decisions/0011-onboarding-and-settings.md) shows nothing: `live: false`.
 */
export type StorefrontRewards =
  | { readonly live: false }
  | ({ readonly live: true; readonly guest: boolean; readonly pointsName: PointsName } & RewardsView);

export async function storefrontRewards(database: AppDatabase, shopDomain: string, customerGid: string | null, now: Date): Promise<StorefrontRewards> {
  const shop = await findShop(database.db, shopDomain);
  if (!isInstalled(shop) || !isProgramLive(shop)) return { live: false };
  const settings = readShopSettings(await readShopSettingsJson(database.db, shop.id));
  const rewards = await listRewards(database, shopDomain, customerGid, now);
  return { live: true, guest: customerGid === null, pointsName: settings.pointsName, ...rewards };
}

/** Shopper writes wait for the launch too: a shopper cannot redeem in a program they cannot see. */
export async function isStorefrontLive(database: AppDatabase, shopDomain: string): Promise<boolean> {
  const shop = await findShop(database.db, shopDomain);
  return isInstalled(shop) && isProgramLive(shop);
}
