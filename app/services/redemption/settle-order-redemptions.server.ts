import { z } from "zod";
import type { AppDatabase } from "../../db/database.server";
import type { RedemptionEvent } from "../../loyalty/redemption/lifecycle";
import { findCustomer } from "../../repositories/customers.server";
import { listOrderCandidates, type StoredRedemption } from "../../repositories/redemptions.server";
import { findShop, isInstalled, type ShopRecord } from "../../repositories/shops.server";
import { discountClassOf, type DiscountClass } from "../../loyalty/redemption/reward-value";
import { WAFA_DISCOUNT_TITLE } from "../../shopify/admin/redemption-operations.server";
import { ACTORS, syncReservationMetafield, transition, type AdminForShop } from "./redemption-state.server";

/**
 * The order fields that say which redemption an order used (Shopify's REST order payload,
 * webhook API 2026-04): the codes it carries, and its discount applications. Wafa's discount
 * Function shows as an `automatic` application; its title is the candidate's `message` (the
 * reservation's title: the reward's name) or, where Shopify shows the discount's own title,
 * Wafa's automatic discount's title. `target_type`/`target_selection` give its class.
 */
export const RedemptionOrderPayload = z.object({
  admin_graphql_api_id: z.string().regex(/^gid:\/\/shopify\/Order\/\d+$/),
  financial_status: z.string().nullish(),
  cancelled_at: z.string().nullish(),
  customer: z.object({ admin_graphql_api_id: z.string() }).passthrough().nullish(),
  discount_codes: z.array(z.object({ code: z.string() }).passthrough()).default([]),
  discount_applications: z
    .array(
      z.object({
        type: z.string().nullish(), title: z.string().nullish(), description: z.string().nullish(), code: z.string().nullish(),
        target_type: z.string().nullish(), target_selection: z.string().nullish(),
      }).passthrough(),
    )
    .default([]),
});
export type RedemptionOrderPayload = z.infer<typeof RedemptionOrderPayload>;

const WAFA_DISCOUNT_TITLE_KEY = WAFA_DISCOUNT_TITLE.toLocaleLowerCase("en");

const PAID = new Set(["paid", "partially_refunded", "refunded"]);

type AutomaticApplication = { readonly title: string; readonly discountClass: DiscountClass };
type OrderView = { orderGid: string; customerGid: string | null; codes: Set<string>; automatic: AutomaticApplication[]; paid: boolean; cancelled: boolean };

const normalTitle = (title: string) => title.trim().toLocaleLowerCase("en");

function classOf(application: RedemptionOrderPayload["discount_applications"][number]): DiscountClass {
  if (application.target_type === "shipping_line") return "SHIPPING";
  return application.target_selection === "all" ? "ORDER" : "PRODUCT";
}

function viewOf(payload: RedemptionOrderPayload, topic: string): OrderView {
  const codes = new Set([...payload.discount_codes.map((entry) => entry.code), ...payload.discount_applications.flatMap((entry) => (entry.code ? [entry.code] : []))].map((code) => code.toUpperCase()));
  const automatic = payload.discount_applications
    .filter((entry) => entry.type === "automatic")
    .flatMap((entry) => [entry.title, entry.description].filter((text): text is string => typeof text === "string" && text.trim() !== "").map((title) => ({ title: normalTitle(title), discountClass: classOf(entry) })));
  return {
    orderGid: payload.admin_graphql_api_id, customerGid: payload.customer?.admin_graphql_api_id ?? null, codes, automatic,
    paid: topic === "orders/paid" || PAID.has(payload.financial_status ?? ""), cancelled: topic === "orders/cancelled" || Boolean(payload.cancelled_at),
  };
}

/**
 * Whether the order carries this redemption's discount: its code; or, for the Function, an
 * automatic application on an order of the same customer titled with the reward's name, or
 * with Wafa's discount title in the redemption's discount class (a member has at most one
 * open discount per class, so that names one redemption).
 */
function usedBy(redemption: StoredRedemption, order: OrderView): boolean {
  if (redemption.orderId === order.orderGid) return true;
  const { materialisation } = redemption;
  if (materialisation?.kind === "discount_code") return order.codes.has(materialisation.code.toUpperCase());
  if (materialisation?.kind !== "discount_function" || redemption.customerId !== order.customerGid) return false;
  const rewardTitle = normalTitle(redemption.reward.name);
  const discountClass = discountClassOf(redemption.value, redemption.reward.conditions.collectionIds);
  return order.automatic.some((application) => application.title === rewardTitle || (application.title === WAFA_DISCOUNT_TITLE_KEY && application.discountClass === discountClass));
}

/** The events an order's state means for a redemption it used, in order. */
function eventsFor(redemption: StoredRedemption, order: OrderView): RedemptionEvent[] {
  if (order.cancelled) return [{ type: "order_cancelled", orderId: order.orderGid }];
  const placed: RedemptionEvent[] = redemption.status === "materialised" ? [{ type: "order_placed", orderId: order.orderGid }] : [];
  return order.paid ? [...placed, { type: "commit", orderId: order.orderGid }] : placed;
}

export type SettleResult = { readonly settled: number; readonly problems: readonly string[] };

/**
 * Orders webhooks (create, paid, updated, cancelled): a redemption whose discount the order
 * carries is applied, then committed when the order is paid, or given back when it is
 * cancelled (points returned even after payment). An order that does not carry it changes
 * nothing: the hold waits for its expiry and is then released, so points are never spent
 * on a discount that did not apply. Replays converge (each transition is idempotent).
 * A commit refused as `already_released` (expiry won the race with payment) is returned
 * as a problem for the merchant, not retried.
 */
export async function settleOrderRedemptions(
  database: AppDatabase, shopDomain: string, topic: string, payload: RedemptionOrderPayload, adminFor: AdminForShop, now: Date,
): Promise<SettleResult> {
  const order = viewOf(payload, topic);
  // An order that carries no discount used no redemption (Shopify lists an order's discounts
  // on every later payload, cancelled ones too): most orders cost no query here.
  if (order.codes.size === 0 && order.automatic.length === 0) return { settled: 0, problems: [] };
  const shop = await findShop(database.db, shopDomain);
  if (!isInstalled(shop)) return { settled: 0, problems: [] };
  const customer = order.customerGid ? await findCustomer(database.db, shop.id, order.customerGid) : null;
  const candidates = await listOrderCandidates(database.db, shop.id, { orderGid: order.orderGid, customerRowId: customer?.id ?? null, codes: [...order.codes] });
  const problems: string[] = [];
  const touched = new Map<number, StoredRedemption>();
  let settled = 0;
  for (const candidate of candidates.filter((redemption) => usedBy(redemption, order))) {
    let current = candidate;
    for (const event of eventsFor(current, order)) {
      const outcome = await transition(database, shop.id, current, event, { now, actor: ACTORS.webhook(topic) });
      if (!outcome.ok) {
        problems.push(`${current.id}: ${outcome.error}`);
        break;
      }
      if (!outcome.replay) settled++;
      current = outcome.redemption;
    }
    if (current.materialisation?.kind === "discount_function" && current !== candidate) touched.set(current.customerRowId, current);
  }
  await resync(database, shop, touched, adminFor);
  // Not retried (replaying the webhook cannot change the answer): the merchant's log says which.
  if (problems.length > 0) console.warn(`${shopDomain} ${order.orderGid}: redemptions not settled by ${topic}: ${problems.join("; ")}`);
  return { settled, problems };
}

/** A used reservation leaves the Function's list, so the same reward cannot apply to a second order. */
async function resync(database: AppDatabase, shop: ShopRecord, touched: ReadonlyMap<number, StoredRedemption>, adminFor: AdminForShop): Promise<void> {
  for (const redemption of touched.values()) {
    const synced = await syncReservationMetafield(database, shop, { rowId: redemption.customerRowId, gid: redemption.customerId }, adminFor);
    if (!synced.ok) throw new Error(`could not rewrite the reservations of ${redemption.customerId}: ${synced.message}`);
  }
}
