import { findShopById } from "../repositories/scheduled-work.server";
import { offlineAdminFor } from "../shopify/admin/offline-admin.server";
import { syncStorefrontConfig } from "../services/storefront/sync-storefront-config.server";
import type { AdminForShop } from "../shopify/admin/offline-admin.server";
import type { JobDefinition } from "./job";

/**
 * The theme paints from the shop's `$app:wafa.storefront` metafield (docs/decisions/0017):
 * the admin triggers this job for the shop after every change to what it holds (a saved
 * program, launch or pause, saved settings), and the hourly run converges anything a
 * failed push left behind. Pushing the same value again changes nothing at Shopify.
 */
export const SYNC_STOREFRONT_CONFIG_JOB = "sync-storefront-config";

export function storefrontJobs(adminFor: AdminForShop = offlineAdminFor): readonly JobDefinition[] {
  return [
    {
      name: SYNC_STOREFRONT_CONFIG_JOB,
      everyMinutes: 60,
      perShop: true,
      async run({ database, shopId, now }) {
        const shop = await findShopById(database.db, shopId);
        if (!shop) return { processed: 0, complete: true };
        const result = await syncStorefrontConfig(database, shop.domain, adminFor, now);
        // A failed push is an error the scheduler logs and retries at the next slot.
        if (result.status === "failed") throw new Error(`storefront config for ${shop.domain}: ${result.message}`);
        return { processed: result.status === "synced" ? 1 : 0, complete: true };
      },
    },
  ];
}
