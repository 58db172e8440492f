import type { AppDatabase } from "../db/database.server";
import { requestShopJob } from "../jobs/host.server";
import { findShop, isInstalled } from "../repositories/shops.server";

/**
 * After the merchant changes something a per-shop job pushes to Shopify (the storefront
 * config, the app discount's collections), ask for those jobs to run soon, off the request:
 * the Admin API calls must not slow or fail a save, and their regular slots converge anyway.
 */
export async function requestShopJobs(database: AppDatabase, shopDomain: string, jobNames: readonly string[]): Promise<void> {
  const shop = await findShop(database.db, shopDomain);
  if (!isInstalled(shop)) return;
  for (const name of jobNames) await requestShopJob(name, shop.id);
}
