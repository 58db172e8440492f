import { createHash } from "node:crypto";
import { sql } from "kysely";
import type { Db } from "../db/database.server";
import { prepared, slot } from "../db/prepared.server";
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
export type CustomerRef = {
  readonly id: number;
  readonly key: string;
  readonly redacted: boolean;
  /** Null until the customer becomes a member. */
  readonly enrolledAt: Date | null;
  readonly tierId: string | null;
};

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
const findCustomerByKeyQuery = prepared((db) =>
  db
    .selectFrom("Customer")
    .select(["id", "customerGid", "shopifyUpdatedAt", "redactedAt", "enrolledAt", "tierId"])
    .where("shopId", "=", slot<number>(0))
    .where("customerGid", "in", [slot<string>(1), slot<string>(2)]),
);

/** Personal fields in a fixed order: arguments 0-6 of the two queries below. */
const PERSONAL = {
  email: slot<string | null>(0),
  firstName: slot<string | null>(1),
  lastName: slot<string | null>(2),
  phone: slot<string | null>(3),
  shopifyCreatedAt: slot<Date | null>(4),
  shopifyUpdatedAt: slot<Date | null>(5),
  searchText: slot<string>(6),
};
const personalArgs = (facts: CustomerFacts) => [
  facts.email, facts.firstName, facts.lastName, facts.phone, facts.shopifyCreatedAt, facts.shopifyUpdatedAt, searchTextOf(facts),
];

/** What the members search matches: name and email, lower-cased (kept in step with the migration's backfill). */
export function searchTextOf(facts: Pick<CustomerFacts, "firstName" | "lastName" | "email">): string {
  return `${facts.firstName ?? ""} ${facts.lastName ?? ""} ${facts.email ?? ""}`.trim().toLowerCase();
}

const updatePersonalQuery = prepared((db) => db.updateTable("Customer").set({ ...PERSONAL, updatedAt: slot<Date>(7) }).where("id", "=", slot<number>(8)));
const insertCustomerQuery = prepared((db) =>
  db
    .insertInto("Customer")
    .values({ ...PERSONAL, createdAt: slot<Date>(7), updatedAt: slot<Date>(7), shopId: slot<number>(8), customerGid: slot<string>(9) })
    .onConflict((conflict) => conflict.columns(["shopId", "customerGid"]).doNothing())
    .returning("id"),
);

export async function upsertCustomer(db: Db, shopId: number, facts: CustomerFacts, now: Date): Promise<CustomerRef> {
  const tombstone = redactedKey(shopId, facts.customerGid);
  const [existing] = (await findCustomerByKeyQuery(db, [shopId, facts.customerGid, tombstone])).rows;
  if (existing) {
    const ref = { id: existing.id, key: existing.customerGid, enrolledAt: existing.enrolledAt, tierId: existing.tierId };
    if (existing.redactedAt) return { ...ref, redacted: true };
    if (isNewer(facts.shopifyUpdatedAt, existing.shopifyUpdatedAt)) {
      await updatePersonalQuery(db, [...personalArgs(facts), now, existing.id]);
    }
    return { ...ref, redacted: false };
  }
  const [inserted] = (await insertCustomerQuery(db, [...personalArgs(facts), now, shopId, facts.customerGid])).rows;
  if (inserted) return { id: inserted.id, key: facts.customerGid, redacted: false, enrolledAt: null, tierId: null };
  // Another transaction created it between our read and our insert.
  return upsertCustomer(db, shopId, facts, now);
}

function isNewer(candidate: Date | null, stored: Date | null): boolean {
  if (!candidate) return stored === null;
  return !stored || candidate.getTime() > stored.getTime();
}

/**
 * Enrols the customer unless an earlier enrollment is recorded: one atomic conditional
 * update, so concurrent webhooks keep the earliest (as the core's mergeEnrollment does).
 */
const enrollQuery = prepared((db) =>
  db
    .updateTable("Customer")
    .set({ enrolledAt: slot<Date>(0), enrollmentSource: slot<string>(1), updatedAt: slot<Date>(2) })
    .where("id", "=", slot<number>(3))
    .where((eb) =>
      eb.or([
        eb("enrolledAt", "is", null),
        eb("enrolledAt", ">", slot<Date>(0)),
        eb.and([eb("enrolledAt", "=", slot<Date>(0)), eb("enrollmentSource", ">", slot<string>(1))]),
      ]),
    ),
);

export async function enrollCustomer(db: Db, customerId: number, enrollment: Enrollment, now: Date): Promise<void> {
  await enrollQuery(db, [enrollment.enrolledAt, enrollment.source, now, customerId]);
}

/**
 * Applies ledger deltas to the balance projection, in the journals' transaction. An
 * `activityAt` (earning, a bonus, a redemption, an adjustment) moves the inactivity clock.
 * The same UPDATE asks for the member's metafields (points, next reward) to be synced:
 * no extra statement on the webhook path; the sync skips members whose state is unchanged.
 */
export async function applyBalanceDelta(db: Db, customerId: number, delta: Balance, now: Date, activityAt: Date | null = null): Promise<void> {
  if (activityAt) await applyDeltaWithActivityQuery(db, [delta.available, delta.pending, delta.lifetime, now, customerId, activityAt, delta.held]);
  else await applyDeltaQuery(db, [delta.available, delta.pending, delta.lifetime, now, customerId, delta.held]);
}

const applyDeltaWithActivityQuery = prepared((db) =>
  db
    .updateTable("Customer")
    .set({
      pointsAvailable: sql`"pointsAvailable" + ${slot<number>(0)}`,
      pointsPending: sql`"pointsPending" + ${slot<number>(1)}`,
      pointsLifetime: sql`"pointsLifetime" + ${slot<number>(2)}`,
      // Points held by open redemptions (docs/decisions/0015-redemption.md).
      pointsHeld: sql`"pointsHeld" + ${slot<number>(6)}`,
      lastActivityAt: sql`CASE WHEN "lastActivityAt" IS NULL OR "lastActivityAt" < ${slot<Date>(5)} THEN ${slot<Date>(5)} ELSE "lastActivityAt" END`,
      updatedAt: slot<Date>(3),
      // The member's points metafields are due for the sync job (sync-member-tiers.server.ts).
      syncRequestedAt: slot<Date>(3),
    })
    .where("id", "=", slot<number>(4)),
);

/**
 * Moves the customer's order figures by what one order's event changed: qualifying orders
 * and their net spend (both projections of Order rows, rebuildable), and the last time the
 * customer placed an order (a maximum).
 */
export async function applyOrderStatsDelta(
  db: Db,
  customerId: number,
  delta: { readonly orders: number; readonly spendMinor: number; readonly placedAt: Date | null },
  now: Date,
): Promise<void> {
  if (delta.placedAt) await orderStatsWithDateQuery(db, [delta.orders, delta.spendMinor, now, customerId, delta.placedAt]);
  else if (delta.orders !== 0 || delta.spendMinor !== 0) await orderStatsQuery(db, [delta.orders, delta.spendMinor, now, customerId]);
}

const ORDER_STATS = {
  orderCount: sql<number>`"orderCount" + ${slot<number>(0)}`,
  totalSpentMinor: sql<number>`"totalSpentMinor" + ${slot<number>(1)}`,
  updatedAt: slot<Date>(2),
};
const orderStatsQuery = prepared((db) => db.updateTable("Customer").set(ORDER_STATS).where("id", "=", slot<number>(3)));
const orderStatsWithDateQuery = prepared((db) =>
  db
    .updateTable("Customer")
    .set({
      ...ORDER_STATS,
      lastOrderAt: sql<Date>`CASE WHEN "lastOrderAt" IS NULL OR "lastOrderAt" < ${slot<Date>(4)} THEN ${slot<Date>(4)} ELSE "lastOrderAt" END`,
    })
    .where("id", "=", slot<number>(3)),
);

const applyDeltaQuery = prepared((db) =>
  db
    .updateTable("Customer")
    .set({
      pointsAvailable: sql`"pointsAvailable" + ${slot<number>(0)}`,
      pointsPending: sql`"pointsPending" + ${slot<number>(1)}`,
      pointsLifetime: sql`"pointsLifetime" + ${slot<number>(2)}`,
      pointsHeld: sql`"pointsHeld" + ${slot<number>(5)}`,
      updatedAt: slot<Date>(3),
      syncRequestedAt: slot<Date>(3),
    })
    .where("id", "=", slot<number>(4)),
);

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

/**
 * The read behind GET /api/member and the app proxy, on every shopper page view: one
 * indexed lookup (the shop by its unique domain, the customer by (shop, GID)).
 */
const balanceAtShopQuery = prepared((db) =>
  db
    .selectFrom("Customer as c")
    .innerJoin("Shop as s", "s.id", "c.shopId")
    .select(["c.enrolledAt", "c.pointsAvailable", "c.pointsPending", "c.pointsLifetime", "c.tierId", "s.id as shopId", "s.launchedAt"])
    .where("s.domain", "=", slot<string>(0))
    .where("c.customerGid", "=", slot<string>(1)),
);

const shopLaunchQuery = prepared((db) => db.selectFrom("Shop").select(["launchedAt", "uninstalledAt"]).where("domain", "=", slot<string>(0)));

/** Whether shoppers see the shop's program: installed and launched by the merchant. */
export async function isShopLiveForShoppers(db: Db, shopDomain: string): Promise<boolean> {
  const shop = (await shopLaunchQuery(db, [shopDomain])).rows[0];
  return shop !== undefined && shop.uninstalledAt === null && shop.launchedAt !== null;
}

/**
 * The balance; for a member in a tier, the tier's id and the shop's row id (to name it);
 * and whether the program is live for shoppers. One lookup when the customer is known.
 */
export async function findMemberStandingAtShop(
  db: Db,
  shopDomain: string,
  customerGid: string,
): Promise<{ balance: MemberBalance; tierId: string | null; shopId: number | null; live: boolean }> {
  const row = (await balanceAtShopQuery(db, [shopDomain, customerGid])).rows[0];
  const balance = toBalance(row);
  const live = row ? row.launchedAt !== null : await isShopLiveForShoppers(db, shopDomain);
  return { balance, tierId: balance.member ? (row?.tierId ?? null) : null, shopId: row?.shopId ?? null, live };
}

export async function findMemberBalanceAtShop(db: Db, shopDomain: string, customerGid: string): Promise<MemberBalance> {
  return toBalance((await balanceAtShopQuery(db, [shopDomain, customerGid])).rows[0]);
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
      searchText: "",
      birthMonth: null,
      birthDay: null,
      birthYear: null,
      birthdaySetAt: null,
      syncedState: null,
      redactedAt: now,
      updatedAt: now,
    })
    .where("shopId", "=", shopId)
    .where("customerGid", "=", customerGid)
    .returning("id")
    .executeTakeFirst();
  return updated?.id ?? null;
}
