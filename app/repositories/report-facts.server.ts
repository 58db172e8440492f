import { sql, type RawBuilder } from "kysely";
import { z } from "zod";
import type { Db } from "../db/database.server";
import type { CustomerFact, OrderFact, PointsMovementKind } from "../loyalty/metrics";

/**
 * The facts the reports are computed from, read from the stored orders, customers and
 * ledger (docs/decisions/0014-reports.md). Both databases run the same SQL: timestamps are
 * compared as bound parameters (SQLite stores Unix milliseconds, PostgreSQL UTC
 * timestamps), booleans are bound (0/1 on SQLite).
 */

/** An order's instant, as the ledger and the metrics core date it: Shopify's processed_at, else created_at. */
export const PLACED_AT: RawBuilder<unknown> = sql`COALESCE(o."processedAt", o."shopifyCreatedAt")`;

/**
 * An order's net sales (metric-facts.ts `netSalesMinor`): the stored net spend (current
 * subtotal after discounts, edits and refunds, without gift-card lines: spend-base.ts
 * `netSpendMinor`), less the order's tax where prices include it, never below zero.
 */
export const NET_SALES: RawBuilder<number> = sql<number>`CASE
  WHEN o."taxesIncluded" = ${true} AND o."netSpendMinor" > o."taxMinor" THEN o."netSpendMinor" - o."taxMinor"
  WHEN o."taxesIncluded" = ${true} THEN 0
  ELSE o."netSpendMinor" END`;

/**
 * The orders that count (definitions.ts `countsAsOrder`: not cancelled, not a test), as a
 * filter on `"Order" AS o`. The core filters again; this only keeps the rest out of memory.
 */
export const COUNTED: RawBuilder<boolean> = sql<boolean>`o."cancelledAt" IS NULL AND o."test" = ${false}`;

/** A count or sum from either database (PostgreSQL's int8 and numeric arrive as numbers through the pool's parsers; anything else as text). */
export const DbCount = z.union([z.number(), z.string()]).transform((value) => Number(value));

/** A timestamp computed in SQL: a Date on PostgreSQL, Unix milliseconds on SQLite (no column name to decode it by). */
function instantOf(value: Date | number | string): Date {
  return value instanceof Date ? value : new Date(value);
}

/**
 * Every counted order of the shop placed before `before`: the whole history up to a
 * report's end (first orders, lifetime value and activity windows reach back past the
 * period's start). Customers are identified by their row id. Typed by the query builder
 * (a million rows are not validated one by one: the columns' types are the schema's).
 */
export async function loadOrderFacts(db: Db, shopId: number, before: Date): Promise<OrderFact[]> {
  const rows = await db
    .selectFrom("Order as o")
    .select(["o.orderGid", "o.customerId", PLACED_AT.$castTo<Date | number | string>().as("placedAtValue"), NET_SALES.as("netSales")])
    .where("o.shopId", "=", shopId)
    .where(COUNTED)
    .where(PLACED_AT, "<", before)
    .execute();
  return rows.map((row) => ({
    orderId: row.orderGid,
    customerId: row.customerId === null ? null : String(row.customerId),
    placedAt: instantOf(row.placedAtValue),
    netSalesMinor: Number(row.netSales),
    cancelled: false,
    test: false,
  }));
}

/** Every customer who enrolled, with when (customers without a fact are non-members). */
export async function loadCustomerFacts(db: Db, shopId: number): Promise<CustomerFact[]> {
  const rows = await db.selectFrom("Customer").select(["id", "enrolledAt"]).where("shopId", "=", shopId).where("enrolledAt", "is not", null).execute();
  return rows.map((row) => ({ customerId: String(row.id), enrolledAt: row.enrolledAt }));
}

/** Each member's tier now (tier ids; the service names them from the program). */
export async function loadTiers(db: Db, shopId: number): Promise<Map<string, string>> {
  const rows = await db.selectFrom("Customer").select(["id", "tierId"]).where("shopId", "=", shopId).where("tierId", "is not", null).execute();
  return new Map(rows.flatMap((row) => (row.tierId === null ? [] : [[String(row.id), row.tierId] as const])));
}

/** Customers who redeemed a reward before `before`. */
export async function loadRedeemers(db: Db, shopId: number, before: Date): Promise<Set<string>> {
  const rows = await db
    .selectFrom("LedgerJournal")
    .select("customerId")
    .distinct()
    .where("shopId", "=", shopId)
    .where("kind", "=", "redeem")
    .where("occurredAt", "<", before)
    .where("customerId", "is not", null)
    .execute();
  return new Set(rows.flatMap((row) => (row.customerId === null ? [] : [String(row.customerId)])));
}

/**
 * How each program account's line moves members' points of a kind (journals.ts): earning
 * takes points from program.issued (or program.adjustments), so its lines there are
 * negative; redemptions, expiries and donations put them into their program account.
 */
const KIND_OF_ACCOUNT: ReadonlyArray<{ readonly account: string; readonly kind: PointsMovementKind; readonly sign: 1 | -1 }> = [
  { account: "program.issued", kind: "earned", sign: -1 },
  { account: "program.adjustments", kind: "earned", sign: -1 },
  { account: "program.redeemed", kind: "redeemed", sign: 1 },
  { account: "program.expired", kind: "expired", sign: 1 },
  { account: "program.donated", kind: "donated", sign: 1 },
];

export type PointsBucket = { readonly start: Date; readonly kind: PointsMovementKind; readonly points: number };

const BucketRow = z.object({ bucket: DbCount, account: z.string(), points: DbCount });

/**
 * Points moved by kind, summed in SQL into the buckets `boundaries` cut time into
 * (ascending instants; bucket i holds [boundaries[i], boundaries[i+1]), and the one before
 * the first boundary starts at the epoch). Journals at or after `before` are left out. A
 * period whose ends are both boundaries is summed exactly by the buckets inside it.
 */
export async function loadPointsBuckets(db: Db, shopId: number, boundaries: readonly Date[], before: Date): Promise<PointsBucket[]> {
  const sorted = [...boundaries].sort((a, b) => a.getTime() - b.getTime());
  const cases = sorted.map((boundary, index) => sql`WHEN j."occurredAt" >= ${boundary} THEN ${sql.lit(index + 1)}`).reverse();
  const bucket = cases.length > 0 ? sql`CASE ${sql.join(cases, sql` `)} ELSE 0 END` : sql`0`;
  const { rows } = await sql<unknown>`
    SELECT b.bucket AS bucket, b.account AS account, SUM(b.points) AS points FROM (
      SELECT ${bucket} AS bucket, l."account" AS account, l."points" AS points
      FROM "LedgerLine" AS l JOIN "LedgerJournal" AS j ON j."id" = l."journalId"
      WHERE l."shopId" = ${shopId} AND l."customerId" IS NULL AND j."occurredAt" < ${before}
    ) AS b GROUP BY b.bucket, b.account`.execute(db);
  const buckets: PointsBucket[] = [];
  for (const raw of rows) {
    const row = BucketRow.parse(raw);
    const mapping = KIND_OF_ACCOUNT.find((entry) => entry.account === row.account);
    if (!mapping || row.points === 0) continue;
    const start = row.bucket === 0 ? new Date(0) : sorted[row.bucket - 1];
    if (!start) throw new Error(`points bucket ${row.bucket} has no boundary`);
    buckets.push({ start, kind: mapping.kind, points: mapping.sign * row.points });
  }
  return buckets;
}
