import type { AppDatabase } from "../../db/database.server";
import type { RedemptionRequest } from "../../loyalty/redemption/eligibility";
import type { RedemptionFailure } from "../../loyalty/redemption/redemption-errors";
import type { StoredRedemption } from "../../repositories/redemptions.server";
import type { ThrottleOptions } from "../../shopify/admin/redemption-operations.server";
import { materialiseRedemption, type RedemptionChannel } from "./materialise-redemption.server";
import { claimStalledMaterialisation, type AdminForShop } from "./redemption-state.server";
import { reserveRedemption, type AccessFailure } from "./reserve-redemption.server";

export type RedeemOutcome = { readonly ok: true; readonly redemption: StoredRedemption; readonly replay: boolean } | RedemptionFailure | AccessFailure;

/**
 * POST /api/redemptions: reserve (one transaction, the hold), then materialise outside it
 * (Shopify's Admin API). A replay answers with the redemption as it stands; it materialises
 * it only when an earlier attempt stopped between the two steps long ago
 * (`claimStalledMaterialisation`), never while that attempt may still be calling Shopify.
 */
export async function redeemReward(
  database: AppDatabase, shopDomain: string, customerGid: string, request: RedemptionRequest & { channel: RedemptionChannel },
  context: { now: Date; adminFor: AdminForShop; throttle?: ThrottleOptions },
): Promise<RedeemOutcome> {
  const reserved = await reserveRedemption(database, shopDomain, customerGid, request, context.now);
  if (!reserved.ok) return reserved;
  let redemption = reserved.redemption;
  if (reserved.replay) {
    const claimed = await claimStalledMaterialisation(database, reserved.shop.id, redemption, context.now);
    if (!claimed) return { ok: true, redemption, replay: true };
    redemption = claimed;
  }
  const materialised = await materialiseRedemption(database, reserved.shop, redemption, request.channel, context);
  if (!materialised.ok) return materialised;
  return { ok: true, redemption: materialised.redemption, replay: reserved.replay };
}
