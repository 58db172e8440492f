import type { AppDatabase } from "../../db/database.server";
import { requestShopJob } from "../../jobs/host.server";
import { SYNC_STOREFRONT_CONFIG_JOB } from "../../jobs/storefront-jobs.server";
import { findShop, isInstalled } from "../../repositories/shops.server";

/**
 * After the merchant changes what the storefront shows (program, launch, settings): push it
 * to the theme soon, off the request (the Admin API call must not slow or fail a save).
 */
export async function requestStorefrontSync(database: AppDatabase, shopDomain: string): Promise<void> {
  const shop = await findShop(database.db, shopDomain);
  if (isInstalled(shop)) await requestShopJob(SYNC_STOREFRONT_CONFIG_JOB, shop.id);
}
