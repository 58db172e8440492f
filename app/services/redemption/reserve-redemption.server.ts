import type { AppDatabase, Tx } from "../../db/database.server";
import { inTransaction } from "../../db/transaction.server";
import { shopTimeZone } from "../../loyalty/calendar/calendar";
import { checkEligibility, checkReplay, type PriorRedemption, type RedemptionRequest } from "../../loyalty/redemption/eligibility";
import { applyEvent, requestRedemption } from "../../loyalty/redemption/lifecycle";
import { failure, type RedemptionFailure } from "../../loyalty/redemption/redemption-errors";
import { isValidIdempotencyKey } from "../../loyalty/idempotency";
import { discountClassOf } from "../../loyalty/redemption/reward-value";
import { currentProgramVersion, type ProgramVersion } from "../../loyalty/program/program";
import { findCustomer } from "../../repositories/customers.server";
import { appendJournals } from "../../repositories/ledger.server";
import { lockCustomer } from "../../repositories/orders.server";
import { listProgramVersions } from "../../repositories/program-versions.server";
import { findRedemptionByKey, insertRedemption, listCustomerRedemptions, lockMemberRow, type StoredRedemption } from "../../repositories/redemptions.server";
import { findShop, isInstalled, type ShopRecord } from "../../repositories/shops.server";
import { ACTORS } from "./redemption-state.server";

/** How long a reservation waits for an order before its points come back. */
export const REDEMPTION_HOLD_MS = 60 * 60 * 1000;

/** Refusals that are not the core's: the shopper is no member here, the shop is gone, no such redemption. */
export type AccessFailure = {
  readonly ok: false; readonly error: "not_a_member" | "shop_not_installed" | "redemption_not_found"; readonly message: string; readonly params: Record<string, never>;
};
export const access = (error: AccessFailure["error"]): AccessFailure => ({ ok: false, error, message: `redemption.errors.${error}`, params: {} });

export type Reserved = { readonly ok: true; readonly redemption: StoredRedemption; readonly shop: ShopRecord; readonly replay: boolean };
export type ReserveOutcome = Reserved | RedemptionFailure | AccessFailure;

/**
 * Reserves a reward for a member, in one transaction under the member's lock: a replayed
 * key answers with the redemption it made (or `idempotency_key_reused` when the request
 * differs); otherwise the core's eligibility, the redemption row and its hold journal
 * (available → held). Concurrent requests against one balance queue on the lock, so each
 * sees the balance the previous one left: the balance never goes below zero.
 */
export async function reserveRedemption(
  database: AppDatabase, shopDomain: string, customerGid: string, request: RedemptionRequest, now: Date,
): Promise<ReserveOutcome> {
  return inTransaction(database, async (tx): Promise<ReserveOutcome> => {
    const shop = await findShop(tx, shopDomain);
    if (!isInstalled(shop)) return access("shop_not_installed");
    const found = await findCustomer(tx, shop.id, customerGid);
    if (!found || found.enrolledAt === null || found.customerGid !== customerGid) return access("not_a_member");
    await lockCustomer(tx, database.kind, shop.id, found.id);
    if (database.kind === "postgres") await lockMemberRow(tx, shop.id, found.id);
    // The balance must be read under the lock: a row read before it is the balance as it was
    // before the requests queued ahead of this one, and would let them all spend it.
    const customer = await findCustomer(tx, shop.id, customerGid);
    if (!customer) return access("not_a_member");
    const existing = await replayOf(tx, shop.id, customer.id, request);
    if (existing) return existing.ok ? { ok: true, redemption: existing.value, shop, replay: true } : existing;
    const version = currentProgramVersion(await listProgramVersions(tx, shop.id), now);
    if (!version) return failure("reward_not_found");
    return reserveNew(tx, { shop, customer, version, request, now });
  });
}

async function replayOf(tx: Tx, shopId: number, customerRowId: number, request: RedemptionRequest) {
  if (!isValidIdempotencyKey(request.idempotencyKey)) return failure("invalid_idempotency_key");
  const existing = await findRedemptionByKey(tx, shopId, customerRowId, request.idempotencyKey);
  return existing ? checkReplay(existing, request) : null;
}

type CustomerRow = NonNullable<Awaited<ReturnType<typeof findCustomer>>>;
type NewReservation = {
  readonly shop: ShopRecord; readonly customer: CustomerRow; readonly version: ProgramVersion;
  readonly request: RedemptionRequest; readonly now: Date;
};

async function reserveNew(tx: Tx, { shop, customer, version, request, now }: NewReservation): Promise<ReserveOutcome> {
  const prior = await listCustomerRedemptions(tx, shop.id, customer.id);
  const balance = { available: customer.pointsAvailable, pending: customer.pointsPending, held: customer.pointsHeld, lifetime: customer.pointsLifetime };
  const eligible = checkEligibility(
    {
      rewards: version.rules.rewards, member: { customerId: customer.customerGid, tierId: customer.tierId, balance },
      prior: prior.map(priorOf), timeZone: shopTimeZone(shop.ianaTimezone), currency: shop.currencyCode, now,
    },
    request,
  );
  if (!eligible.ok) return eligible;
  const requested = requestRedemption(eligible.value, version.version, now, REDEMPTION_HOLD_MS);
  const reserved = applyEvent(requested, { type: "reserve", available: customer.pointsAvailable }, { now, actor: ACTORS.shopper });
  if (!reserved.ok) return reserved;
  const { redemption, journals } = reserved.value;
  const input = { redemption, customerRowId: customer.id, idempotencyKey: request.idempotencyKey, reward: eligible.value.reward };
  if (!(await insertRedemption(tx, shop.id, input, now))) throw new Error(`redemption ${redemption.id} was inserted concurrently despite the customer lock`);
  await appendJournals(tx, shop.id, journals, new Map([[customer.customerGid, customer.id]]), now);
  const stored = await findRedemptionByKey(tx, shop.id, customer.id, request.idempotencyKey);
  if (!stored) throw new Error(`redemption ${redemption.id} not found after insert`);
  return { ok: true, redemption: stored, shop, replay: false };
}

function priorOf(redemption: StoredRedemption): PriorRedemption {
  return {
    rewardId: redemption.rewardId,
    requestedAt: redemption.requestedAt,
    settledWithoutUse: redemption.status === "released" || redemption.status === "returned",
    open: redemption.status === "requested" || redemption.status === "reserved" || redemption.status === "materialised" || redemption.status === "applied",
    discountClass: discountClassOf(redemption.value, redemption.reward.conditions.collectionIds),
  };
}
