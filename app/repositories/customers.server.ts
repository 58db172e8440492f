import { createHash } from "node:crypto";
import { sql } from "kysely";
import type { Db } from "../db/database.server";
import type { Balance } from "../loyalty/ledger/ledger";
import type { Enrollment } from "../loyalty/members/membership";

/** Personal data Shopify sends about a customer (customers/* payloads, an order's `customer`). */
export type CustomerFacts = {
  readonly customerGid: string;
  readonly email: string | null;
  readonly firstName: string | null;
  readonly lastName: string | null;
  readonly phone: string | null;
  readonly shopifyCreatedAt: Date | null;
  readonly shopifyUpdatedAt: Date | null;
};

/** A customer as the ledger knows them: `key` is the GID, or the tombstone after redaction. */
export type CustomerRef = { readonly id: number; readonly key: string; readonly redacted: boolean };

/**
 * After customers/redact the customer's GID is replaced by this tombstone: the ledger keeps
 * its anonymous totals, and later webhooks naming the same customer are recognised without
 * storing their personal data again.
 */
export function redactedKey(shopId: number, customerGid: string): string {
  return `redacted:${createHash("sha256").update(`${shopId}:${customerGid}`).digest("hex")}`;
}

/**
 * Finds or creates the customer and keeps the newest personal data (by Shopify's
 * updated_at), so customers/update and order payloads converge in any order.
 */
export async function upsertCustomer(db: Db, shopId: number, facts: CustomerFacts, now: Date): Promise<CustomerRef> {
  const tombstone = redactedKey(shopId, facts.customerGid);
  const existing = await db
    .selectFrom("Customer")
    .select(["id", "customerGid", "shopifyUpdatedAt", "redactedAt"])
    .where("shopId", "=", shopId)
    .where("customerGid", "in", [facts.customerGid, tombstone])
    .executeTakeFirst();
  if (existing) {
    if (existing.redactedAt) return { id: existing.id, key: existing.customerGid, redacted: true };
    if (isNewer(facts.shopifyUpdatedAt, existing.shopifyUpdatedAt)) {
      await db.updateTable("Customer").set({ ...personalFields(facts), updatedAt: now }).where("id", "=", existing.id).execute();
    }
    return { id: existing.id, key: existing.customerGid, redacted: false };
  }
  const inserted = await db
    .insertInto("Customer")
    .values({ shopId, customerGid: facts.customerGid, ...personalFields(facts), createdAt: now, updatedAt: now })
    .onConflict((conflict) => conflict.columns(["shopId", "customerGid"]).doNothing())
    .returning("id")
    .executeTakeFirst();
  if (inserted) return { id: inserted.id, key: facts.customerGid, redacted: false };
  // Another transaction created it between our read and our insert.
  return upsertCustomer(db, shopId, facts, now);
}

function personalFields(facts: CustomerFacts) {
  return {
    email: facts.email,
    firstName: facts.firstName,
    lastName: facts.lastName,
    phone: facts.phone,
    shopifyCreatedAt: facts.shopifyCreatedAt,
    shopifyUpdatedAt: facts.shopifyUpdatedAt,
  };
}

function isNewer(candidate: Date | null, stored: Date | null): boolean {
  if (!candidate) return stored === null;
  return !stored || candidate.getTime() > stored.getTime();
}

/**
 * Enrols the customer unless an earlier enrollment is recorded: one atomic conditional
 * update, so concurrent webhooks keep the earliest (as the core's mergeEnrollment does).
 */
export async function enrollCustomer(db: Db, customerId: number, enrollment: Enrollment, now: Date): Promise<void> {
  await db
    .updateTable("Customer")
    .set({ enrolledAt: enrollment.enrolledAt, enrollmentSource: enrollment.source, updatedAt: now })
    .where("id", "=", customerId)
    .where((eb) =>
      eb.or([
        eb("enrolledAt", "is", null),
        eb("enrolledAt", ">", enrollment.enrolledAt),
        eb.and([eb("enrolledAt", "=", enrollment.enrolledAt), eb("enrollmentSource", ">", enrollment.source)]),
      ]),
    )
    .execute();
}

/** Applies ledger deltas to the balance projection, in the journals' transaction. */
export async function applyBalanceDelta(db: Db, customerId: number, delta: Balance, now: Date): Promise<void> {
  if (delta.held !== 0) throw new Error("held points are not projected yet (redemptions arrive with issue #4)");
  await db
    .updateTable("Customer")
    .set({
      pointsAvailable: sql`"pointsAvailable" + ${delta.available}`,
      pointsPending: sql`"pointsPending" + ${delta.pending}`,
      pointsLifetime: sql`"pointsLifetime" + ${delta.lifetime}`,
      updatedAt: now,
    })
    .where("id", "=", customerId)
    .execute();
}

export type MemberBalance = {
  readonly member: boolean;
  readonly available: number;
  readonly pending: number;
  readonly lifetime: number;
};

const NOT_A_MEMBER: MemberBalance = { member: false, available: 0, pending: 0, lifetime: 0 };

type BalanceRow = { enrolledAt: Date | null; pointsAvailable: number; pointsPending: number; pointsLifetime: number } | undefined;
const toBalance = (row: BalanceRow): MemberBalance =>
  !row || !row.enrolledAt ? NOT_A_MEMBER : { member: true, available: row.pointsAvailable, pending: row.pointsPending, lifetime: row.pointsLifetime };

export async function findMemberBalance(db: Db, shopId: number, customerGid: string): Promise<MemberBalance> {
  const row = await db
    .selectFrom("Customer")
    .select(["enrolledAt", "pointsAvailable", "pointsPending", "pointsLifetime"])
    .where("shopId", "=", shopId)
    .where("customerGid", "=", customerGid)
    .executeTakeFirst();
  return toBalance(row);
}

/**
 * The read behind GET /api/member and the app proxy, on every shopper page view: one
 * indexed lookup (the shop by its unique domain, the customer by (shop, GID)).
 */
export async function findMemberBalanceAtShop(db: Db, shopDomain: string, customerGid: string): Promise<MemberBalance> {
  const row = await db
    .selectFrom("Customer as c")
    .innerJoin("Shop as s", "s.id", "c.shopId")
    .select(["c.enrolledAt", "c.pointsAvailable", "c.pointsPending", "c.pointsLifetime"])
    .where("s.domain", "=", shopDomain)
    .where("c.customerGid", "=", customerGid)
    .executeTakeFirst();
  return toBalance(row);
}

export async function findCustomer(db: Db, shopId: number, customerGid: string) {
  return (
    (await db
      .selectFrom("Customer")
      .selectAll()
      .where("shopId", "=", shopId)
      .where("customerGid", "in", [customerGid, redactedKey(shopId, customerGid)])
      .executeTakeFirst()) ?? null
  );
}

/** customers/redact: personal data gone, the anonymous ledger totals stay. */
export async function redactCustomer(db: Db, shopId: number, customerGid: string, now: Date): Promise<number | null> {
  const updated = await db
    .updateTable("Customer")
    .set({
      customerGid: redactedKey(shopId, customerGid),
      email: null,
      firstName: null,
      lastName: null,
      phone: null,
      redactedAt: now,
      updatedAt: now,
    })
    .where("shopId", "=", shopId)
    .where("customerGid", "=", customerGid)
    .returning("id")
    .executeTakeFirst();
  return updated?.id ?? null;
}
