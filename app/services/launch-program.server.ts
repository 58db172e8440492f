import type { AppDatabase, Tx } from "../db/database.server";
import { inTransaction } from "../db/transaction.server";
import { currentProgramVersion } from "../loyalty/program/program";
import type { PlacementImpact } from "../loyalty/tiers/tier-placement";
import { listProgramVersions } from "../repositories/program-versions.server";
import { findShop, isInstalled, setShopLaunched, type ShopRecord } from "../repositories/shops.server";
import { applyShopPlacement, planShopPlacement } from "./place-members.server";

export const LAUNCH_ACTOR = "system:launch";

/**
 * What "live" means (docs/decisions/0011-onboarding-and-settings.md): a launched program
 * is one the merchant has announced to shoppers. Launching changes only what shoppers are
 * shown (the storefront, checkout and customer-account surfaces may hide the program until
 * then); it never changes earning. Orders earn under the program versions in force from
 * installation on, launched or not, so a launch later does not leave early customers
 * short, and a pause does not take anything back.
 *
 * Launching does place every member in the tier the program in force gives them (issue 10:
 * a launch once left 300 members with no tier until something else re-evaluated them),
 * with the placement tier-rule saves use (planShopPlacement).
 */
export function isProgramLive(shop: Pick<ShopRecord, "launchedAt">): boolean {
  return shop.launchedAt !== null;
}

export type LaunchResult =
  | { readonly status: "shop_not_installed" }
  | { readonly status: "live"; readonly launchedAt: Date; readonly alreadyLive: boolean; readonly placement: PlacementImpact | null }
  | { readonly status: "paused" };

/** Launches inside a caller's transaction; a second launch keeps the first launch's date and places nobody. */
export async function launchShopProgram(tx: Tx, shop: ShopRecord, now: Date): Promise<LaunchResult> {
  if (shop.launchedAt) return { status: "live", launchedAt: shop.launchedAt, alreadyLive: true, placement: null };
  await setShopLaunched(tx, shop.id, now, now);
  const current = currentProgramVersion(await listProgramVersions(tx, shop.id), now);
  if (!current) return { status: "live", launchedAt: now, alreadyLive: false, placement: null };
  const placement = await planShopPlacement(tx, shop, current.rules, now);
  await applyShopPlacement(tx, shop, current, placement, now, LAUNCH_ACTOR);
  return { status: "live", launchedAt: now, alreadyLive: false, placement: placement.impact };
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
