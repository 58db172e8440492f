import type { AppDatabase } from "../../db/database.server";
import type { JobResult } from "../../jobs/job";
import { DEFAULT_SWEEP_BATCH_SIZE } from "../../jobs/sweep.server";
import type { RedemptionFailure } from "../../loyalty/redemption/redemption-errors";
import { findCustomer } from "../../repositories/customers.server";
import { findRedemptionByKey, listExpiredRedemptions, type StoredRedemption } from "../../repositories/redemptions.server";
import { findShopById } from "../../repositories/scheduled-work.server";
import { findShop, isInstalled, type ShopRecord } from "../../repositories/shops.server";
import { deleteCodeDiscount } from "../../shopify/admin/redemption-operations.server";
import type { ShopSweep } from "../scheduled-shop.server";
import { access, type AccessFailure } from "./reserve-redemption.server";
import { ACTORS, syncReservationMetafield, transition, type AdminForShop, type Transitioned } from "./redemption-state.server";

/**
 * After a hold is given back, Shopify must stop offering the reward: the Function's
 * reservation list is rewritten, a code is deleted. The points are already back; a failed
 * call is reported (the Function also refuses a reservation after its last valid day, and
 * a code after its end date).
 */
async function withdrawFromShopify(database: AppDatabase, shop: ShopRecord, redemption: StoredRedemption, adminFor: AdminForShop): Promise<string | null> {
  const { materialisation } = redemption;
  if (materialisation?.kind === "discount_code") {
    const deleted = await deleteCodeDiscount(await adminFor(shop.domain), materialisation.discountId);
    return deleted.ok ? null : deleted.message;
  }
  if (materialisation?.kind === "discount_function") {
    const synced = await syncReservationMetafield(database, shop, { rowId: redemption.customerRowId, gid: redemption.customerId }, adminFor);
    return synced.ok ? null : synced.message;
  }
  return null;
}

/** The shopper cancels a reward they have not used: the points come back at once. */
export async function cancelRedemption(
  database: AppDatabase, shopDomain: string, customerGid: string, idempotencyKey: string, adminFor: AdminForShop, now: Date,
): Promise<Transitioned | AccessFailure | RedemptionFailure> {
  const shop = await findShop(database.db, shopDomain);
  if (!isInstalled(shop)) return access("shop_not_installed");
  const customer = await findCustomer(database.db, shop.id, customerGid);
  const stored = customer ? await findRedemptionByKey(database.db, shop.id, customer.id, idempotencyKey) : null;
  if (!stored) return access("redemption_not_found");
  const released = await transition(database, shop.id, stored, { type: "release", reason: "shopper_cancelled" }, { now, actor: ACTORS.shopper });
  if (released.ok && !released.replay) await withdrawFromShopify(database, shop, released.redemption, adminFor);
  return released;
}

/**
 * The expiry job: open redemptions past their hold give their points back (the `settle`
 * key makes this and a late "order paid" mutually exclusive). One transaction per
 * redemption; Shopify is told afterwards.
 */
export async function releaseExpiredRedemptions(database: AppDatabase, adminFor: AdminForShop, run: ShopSweep): Promise<JobResult> {
  const shop = await findShopById(database.db, run.shopId);
  if (!isInstalled(shop)) return { processed: 0, complete: true };
  const limit = run.batchSize ?? DEFAULT_SWEEP_BATCH_SIZE;
  const due = await listExpiredRedemptions(database.db, shop.id, run.now, limit);
  const failures: string[] = [];
  let processed = 0;
  for (const redemption of due) {
    if (run.signal?.aborted) return { processed, complete: false };
    const released = await transition(database, shop.id, redemption, { type: "expire" }, { now: run.now, actor: ACTORS.expiry });
    if (!released.ok) continue;
    processed++;
    const problem = await withdrawFromShopify(database, shop, released.redemption, adminFor);
    if (problem) failures.push(`${redemption.id}: ${problem}`);
  }
  if (failures.length > 0) throw new Error(`released ${processed} expired redemptions; Shopify refused: ${failures.join("; ")}`);
  return { processed, complete: due.length < limit };
}
