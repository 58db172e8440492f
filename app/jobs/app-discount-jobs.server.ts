import { findShopById } from "../repositories/scheduled-work.server";
import { ensureAppDiscount } from "../services/redemption/ensure-app-discount.server";
import { offlineAdminFor } from "../shopify/admin/offline-admin.server";
import type { AdminForShop } from "../shopify/admin/offline-admin.server";
import type { JobDefinition } from "./job";

/**
 * Checkout redemptions apply through the shop's automatic app discount running Wafa's
 * discount Function (docs/decisions/0015-redemption.md). The launch asks for this job at
 * once; the hourly run converges whatever a failed call, a merchant's edit or a changed
 * program left behind (the reward collections the Function must know about).
 */
export const ENSURE_APP_DISCOUNT_JOB = "ensure-app-discount";

export function appDiscountJobs(adminFor: AdminForShop = offlineAdminFor): readonly JobDefinition[] {
  return [
    {
      name: ENSURE_APP_DISCOUNT_JOB,
      everyMinutes: 60,
      perShop: true,
      async run({ database, shopId, now }) {
        const shop = await findShopById(database.db, shopId);
        if (!shop) return { processed: 0, complete: true };
        const result = await ensureAppDiscount(database, shop.domain, adminFor, now);
        // A failure is an error the scheduler logs and retries at the next slot.
        if (result.status === "failed") throw new Error(`Wafa rewards discount for ${shop.domain}: ${result.message}`);
        return { processed: result.status === "created" || result.status === "updated" ? 1 : 0, complete: true };
      },
    },
  ];
}
