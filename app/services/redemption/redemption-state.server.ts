import type { AppDatabase, Tx } from "../../db/database.server";
import { inTransaction } from "../../db/transaction.server";
import { shopTimeZone } from "../../loyalty/calendar/calendar";
import { applyEvent, type RedemptionEvent, type Transition } from "../../loyalty/redemption/lifecycle";
import type { RedemptionFailure } from "../../loyalty/redemption/redemption-errors";
import { functionReservation, RESERVATION_METAFIELD, reservationMetafieldValue } from "../../loyalty/redemption/reservation-metafield";
import { appendJournals } from "../../repositories/ledger.server";
import { lockCustomer } from "../../repositories/orders.server";
import { findRedemptionForUpdate, listCustomerRedemptions, lockMemberRow, saveRedemptionState, touchRedemption, type StoredRedemption } from "../../repositories/redemptions.server";
import type { ShopRecord } from "../../repositories/shops.server";
import { setMetafields, type ThrottleOptions } from "../../shopify/admin/redemption-operations.server";
import type { AdminForShop } from "../../shopify/admin/offline-admin.server";

export type { AdminForShop };

/** Who moves a redemption: the extension's shopper, a webhook, the expiry job. */
export const ACTORS = { shopper: "shopper", expiry: "system:release-expired-redemptions", webhook: (topic: string) => `webhook:${topic}` } as const;

export type Transitioned = { readonly ok: true; readonly redemption: StoredRedemption; readonly replay: boolean } | RedemptionFailure;

/**
 * Applies one lifecycle event to a stored redemption inside `tx`: the customer's lock (the
 * same one reserve takes, so a hold and its settlement never interleave), the row reread
 * under it, the core's transition, the new state and its journals.
 */
export async function transitionIn(
  tx: Tx, database: AppDatabase, shopId: number, stored: StoredRedemption, event: RedemptionEvent, context: { now: Date; actor: string },
): Promise<Transitioned> {
  await lockCustomer(tx, database.kind, shopId, stored.customerRowId);
  if (database.kind === "postgres") await lockMemberRow(tx, shopId, stored.customerRowId);
  const current = await findRedemptionForUpdate(tx, shopId, stored.rowId, database.kind === "postgres");
  if (!current) throw new Error(`redemption ${stored.id} vanished`);
  const outcome = applyEvent(current, event, context);
  if (!outcome.ok) return outcome;
  const transition: Transition = outcome.value;
  if (transition.replay) return { ok: true, redemption: current, replay: true };
  await saveRedemptionState(tx, current.rowId, transition.redemption, context.now);
  await appendJournals(tx, shopId, transition.journals, new Map([[current.customerId, current.customerRowId]]), context.now);
  return { ok: true, redemption: { ...current, ...transition.redemption, updatedAt: context.now }, replay: false };
}

export function transition(
  database: AppDatabase, shopId: number, stored: StoredRedemption, event: RedemptionEvent, context: { now: Date; actor: string },
): Promise<Transitioned> {
  return inTransaction(database, (tx) => transitionIn(tx, database, shopId, stored, event, context));
}

/**
 * How long a reservation's first materialisation may take (Admin API calls, throttling
 * back-off included) before a replay of its request may take it over: only then is the
 * first attempt presumed dead between the two steps.
 */
export const MATERIALISATION_STALLED_MS = 5 * 60 * 1000;

/**
 * A replayed request may materialise a reservation only when no one else is: store credit
 * issued twice would be money given twice for one hold. Under the customer's lock, the row
 * must still be reserved and untouched for MATERIALISATION_STALLED_MS; the claim touches it,
 * so concurrent replays find it fresh and answer with the reservation as it stands.
 */
export async function claimStalledMaterialisation(database: AppDatabase, shopId: number, stored: StoredRedemption, now: Date): Promise<StoredRedemption | null> {
  if (stored.status !== "reserved") return null;
  return inTransaction(database, async (tx) => {
    await lockCustomer(tx, database.kind, shopId, stored.customerRowId);
    const current = await findRedemptionForUpdate(tx, shopId, stored.rowId, database.kind === "postgres");
    if (!current || current.status !== "reserved" || current.updatedAt.getTime() > now.getTime() - MATERIALISATION_STALLED_MS) return null;
    await touchRedemption(tx, current.rowId, now);
    return { ...current, updatedAt: now };
  });
}

/**
 * Rewrites the customer's `$app:wafa.reservation` metafield to the open Function
 * reservations. Concurrent redemptions of one customer each write the whole list, so a
 * writer rereads after writing and writes again while the list it wrote is stale: the
 * last writer always leaves the list as the database has it.
 */
export async function syncReservationMetafield(
  database: AppDatabase, shop: ShopRecord, customer: { rowId: number; gid: string }, adminFor: AdminForShop, options?: ThrottleOptions,
): Promise<{ ok: true } | { ok: false; message: string }> {
  const admin = await adminFor(shop.domain);
  let written: string | null = null;
  for (let round = 0; round < 5; round++) {
    const value = await reservationValue(database, shop, customer);
    if (value === written) return { ok: true };
    const outcome = await setMetafields(admin, [{ ownerId: customer.gid, ...RESERVATION_METAFIELD, value }], options);
    if (!outcome.ok) return outcome;
    written = value;
  }
  return { ok: true };
}

async function reservationValue(database: AppDatabase, shop: ShopRecord, customer: { rowId: number; gid: string }): Promise<string> {
  const redemptions = await listCustomerRedemptions(database.db, shop.id, customer.rowId);
  const timeZone = shopTimeZone(shop.ianaTimezone);
  const reservations = redemptions
    .map((redemption) => functionReservation(redemption, redemption.reward.conditions, redemption.reward.name, shop.currencyCode, timeZone))
    .filter((reservation) => reservation !== null)
    .sort((a, b) => a.id.localeCompare(b.id));
  return JSON.stringify(reservationMetafieldValue(customer.gid, reservations));
}
