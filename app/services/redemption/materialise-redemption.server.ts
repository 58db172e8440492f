import { randomBytes } from "node:crypto";
import type { AppDatabase } from "../../db/database.server";
import type { Materialisation } from "../../loyalty/redemption/lifecycle";
import { formatDecimal, money } from "../../loyalty/money/money";
import type { StoredRedemption } from "../../repositories/redemptions.server";
import type { ShopRecord } from "../../repositories/shops.server";
import { createCodeDiscount, creditStoreCredit, deleteCodeDiscount, type ThrottleOptions } from "../../shopify/admin/redemption-operations.server";
import { ACTORS, syncReservationMetafield, transition, type AdminForShop, type Transitioned } from "./redemption-state.server";

/** Where the shopper will use the reward: checkout (the discount Function) or a channel it cannot reach (a code). */
export type RedemptionChannel = "checkout" | "code";

type Context = { readonly now: Date; readonly adminFor: AdminForShop; readonly throttle?: ThrottleOptions };

/**
 * Turns a reserved redemption into something the shopper can use
 * (docs/decisions/0015-redemption.md): store credit is issued and the points spent at once;
 * a donation is spent at once; a discount is, by default, a reservation the discount
 * Function reads from the customer's metafield (every plan, no code), or a single-use code
 * for this customer when asked for (channels the Function cannot serve: POS, draft orders).
 * A failed Admin call releases the hold (`materialisation_failed`): no points for nothing.
 */
export async function materialiseRedemption(
  database: AppDatabase, shop: ShopRecord, redemption: StoredRedemption, channel: RedemptionChannel, context: Context,
): Promise<Transitioned> {
  if (redemption.status !== "reserved") return { ok: true, redemption, replay: true };
  const { value } = redemption;
  if (value.kind === "store_credit") return materialiseStoreCredit(database, shop, redemption, context);
  if (value.kind === "donation") return spend(database, shop, redemption, { kind: "donation" }, context);
  if (channel === "code" && (value.kind === "amount_off" || value.kind === "percent_off")) return materialiseCode(database, shop, redemption, context);
  return materialiseFunction(database, shop, redemption, context);
}

async function materialiseFunction(database: AppDatabase, shop: ShopRecord, redemption: StoredRedemption, context: Context): Promise<Transitioned> {
  const recorded = await transition(database, shop.id, redemption, { type: "materialise", materialisation: { kind: "discount_function" } }, { now: context.now, actor: ACTORS.shopper });
  if (!recorded.ok) return recorded;
  const synced = await syncReservationMetafield(database, shop, { rowId: redemption.customerRowId, gid: redemption.customerId }, context.adminFor, context.throttle);
  if (synced.ok) return recorded;
  return failMaterialisation(database, shop, recorded.redemption, context);
}

async function materialiseCode(database: AppDatabase, shop: ShopRecord, redemption: StoredRedemption, context: Context): Promise<Transitioned> {
  const admin = await context.adminFor(shop.domain);
  const code = `WAFA-${randomBytes(5).toString("hex").toUpperCase()}`;
  const value = redemption.value.kind === "amount_off"
    ? { kind: "amount" as const, amount: formatDecimal(money(redemption.value.amountMinor, redemption.value.currency)) }
    : { kind: "percent" as const, percent: redemption.value.kind === "percent_off" ? redemption.value.percent : 0 };
  const created = await createCodeDiscount(
    admin, { code, title: `${redemption.reward.name} (${code})`, customerGid: redemption.customerId, startsAt: context.now, endsAt: redemption.expiresAt, value }, context.throttle,
  );
  if (!created.ok) return failMaterialisation(database, shop, redemption, context);
  const recorded = await transition(
    database, shop.id, redemption, { type: "materialise", materialisation: { kind: "discount_code", code, discountId: created.value.discountId } }, { now: context.now, actor: ACTORS.shopper },
  );
  // Released meanwhile (expiry, the shopper): the code must not outlive its hold.
  if (!recorded.ok) await deleteCodeDiscount(admin, created.value.discountId, context.throttle);
  return recorded;
}

async function materialiseStoreCredit(database: AppDatabase, shop: ShopRecord, redemption: StoredRedemption, context: Context): Promise<Transitioned> {
  if (redemption.value.kind !== "store_credit") throw new Error("not a store credit redemption");
  const admin = await context.adminFor(shop.domain);
  const amount = formatDecimal(money(redemption.value.amountMinor, redemption.value.currency));
  const credited = await creditStoreCredit(admin, redemption.customerId, amount, redemption.value.currency, context.throttle);
  if (!credited.ok) return failMaterialisation(database, shop, redemption, context);
  return spend(database, shop, redemption, { kind: "store_credit", transactionId: credited.value.transactionId }, context);
}

/** Store credit and donations are used the moment they exist: materialise, then commit without an order. */
async function spend(database: AppDatabase, shop: ShopRecord, redemption: StoredRedemption, materialisation: Materialisation, context: Context): Promise<Transitioned> {
  const recorded = await transition(database, shop.id, redemption, { type: "materialise", materialisation }, { now: context.now, actor: ACTORS.shopper });
  if (!recorded.ok) return recorded;
  return transition(database, shop.id, recorded.redemption, { type: "commit", orderId: null }, { now: context.now, actor: ACTORS.shopper });
}

async function failMaterialisation(database: AppDatabase, shop: ShopRecord, redemption: StoredRedemption, context: Context): Promise<Transitioned> {
  const released = await transition(database, shop.id, redemption, { type: "release", reason: "materialisation_failed" }, { now: context.now, actor: ACTORS.shopper });
  if (released.ok && redemption.materialisation?.kind === "discount_function") {
    // Best effort: the Function refuses released reservations anyway once the list is rewritten.
    await syncReservationMetafield(database, shop, { rowId: redemption.customerRowId, gid: redemption.customerId }, context.adminFor, context.throttle);
  }
  return released.ok ? { ok: true, redemption: released.redemption, replay: false } : released;
}
