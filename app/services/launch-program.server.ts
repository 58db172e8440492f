import type { AppDatabase, Db } from "../db/database.server";
import { inTransaction } from "../db/transaction.server";
import { findShop, isInstalled, setShopLaunched, type ShopRecord } from "../repositories/shops.server";

/**
 * What "live" means (docs/decisions/0011-onboarding-and-settings.md): a launched program
 * is one the merchant has announced to shoppers. Launching changes only what shoppers are
 * shown (the storefront, checkout and customer-account surfaces may hide the program until
 * then); it never changes earning. Orders earn under the program versions in force from
 * installation on, launched or not, so a launch later does not leave early customers
 * short, and a pause does not take anything back.
 */
export function isProgramLive(shop: Pick<ShopRecord, "launchedAt">): boolean {
  return shop.launchedAt !== null;
}

export type LaunchResult =
  | { readonly status: "shop_not_installed" }
  | { readonly status: "live"; readonly launchedAt: Date; readonly alreadyLive: boolean }
  | { readonly status: "paused" };

/** Launches inside a caller's transaction; a second launch keeps the first launch's date. */
export async function launchShopProgram(tx: Db, shop: ShopRecord, now: Date): Promise<LaunchResult> {
  if (shop.launchedAt) return { status: "live", launchedAt: shop.launchedAt, alreadyLive: true };
  await setShopLaunched(tx, shop.id, now, now);
  return { status: "live", launchedAt: now, alreadyLive: false };
}

export async function launchProgram(database: AppDatabase, shopDomain: string, now: Date): Promise<LaunchResult> {
  return inTransaction(database, async (tx) => {
    const shop = await findShop(tx, shopDomain);
    if (!isInstalled(shop)) return { status: "shop_not_installed" } as const;
    return launchShopProgram(tx, shop, now);
  });
}

/** Hides the program from shoppers again; members keep every point and keep earning. */
export async function pauseProgram(database: AppDatabase, shopDomain: string, now: Date): Promise<LaunchResult> {
  return inTransaction(database, async (tx) => {
    const shop = await findShop(tx, shopDomain);
    if (!isInstalled(shop)) return { status: "shop_not_installed" } as const;
    if (shop.launchedAt) await setShopLaunched(tx, shop.id, null, now);
    return { status: "paused" } as const;
  });
}
