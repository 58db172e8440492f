import type { AppDatabase } from "../../db/database.server";
import { ENSURE_APP_DISCOUNT_JOB } from "../../jobs/app-discount-jobs.server";
import { requestShopJob } from "../../jobs/host.server";
import { findShop, isInstalled } from "../../repositories/shops.server";

/**
 * When the program goes live: create the shop's Wafa rewards discount soon, off the request
 * (the Admin API calls must not slow or fail the launch); the hourly run converges anyway.
 */
export async function requestAppDiscount(database: AppDatabase, shopDomain: string): Promise<void> {
  const shop = await findShop(database.db, shopDomain);
  if (isInstalled(shop)) await requestShopJob(ENSURE_APP_DISCOUNT_JOB, shop.id);
}
