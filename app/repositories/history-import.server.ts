import { CompiledQuery, sql, type QueryResult } from "kysely";
import type { DatabaseKind, Db } from "../db/database.server";
import type { OrderSnapshot } from "../loyalty/orders/order-state";
import { redactedKey, searchTextOf, type CustomerFacts } from "./customers.server";

export type HistoryImportPhase = "customers" | "orders" | "done";
export type HistoryImportStatus = "running" | "downloading" | "completed" | "failed";

export type HistoryImportRow = {
  readonly id: number;
  readonly shopId: number;
  readonly phase: HistoryImportPhase;
  readonly status: HistoryImportStatus;
  readonly bulkOperationGid: string | null;
  readonly resultUrl: string | null;
  readonly objectCount: number;
  readonly fileSize: number;
  readonly linesDone: number;
  readonly bytesDone: number;
  readonly customersImported: number;
  readonly ordersImported: number;
  readonly skippedLines: number;
  readonly error: string | null;
  readonly startedAt: Date;
  readonly finishedAt: Date | null;
  readonly grantedAt: Date | null;
  readonly grantedPoints: number;
};

const PHASES: readonly string[] = ["customers", "orders", "done"];
const STATUSES: readonly string[] = ["running", "downloading", "completed", "failed"];

function toRow(row: Omit<HistoryImportRow, "phase" | "status"> & { phase: string; status: string }): HistoryImportRow {
  if (!PHASES.includes(row.phase) || !STATUSES.includes(row.status)) throw new Error(`history import ${row.id} has an unknown phase or status`);
  return { ...row, phase: row.phase as HistoryImportPhase, status: row.status as HistoryImportStatus };
}

const COLUMNS = [
  "id", "shopId", "phase", "status", "bulkOperationGid", "resultUrl", "objectCount", "fileSize", "linesDone", "bytesDone",
  "customersImported", "ordersImported", "skippedLines", "error", "startedAt", "finishedAt", "grantedAt", "grantedPoints",
] as const;

export async function latestHistoryImport(db: Db, shopId: number): Promise<HistoryImportRow | null> {
  const row = await db.selectFrom("HistoryImport").select(COLUMNS).where("shopId", "=", shopId).orderBy("id", "desc").limit(1).executeTakeFirst();
  return row ? toRow(row) : null;
}

export async function findHistoryImport(db: Db, id: number): Promise<HistoryImportRow | null> {
  const row = await db.selectFrom("HistoryImport").select(COLUMNS).where("id", "=", id).executeTakeFirst();
  return row ? toRow(row) : null;
}

/** Imports still to be driven (every shop): what the job resumes after a restart. */
export async function unfinishedHistoryImports(db: Db, shopId: number): Promise<HistoryImportRow[]> {
  const rows = await db.selectFrom("HistoryImport").select(COLUMNS).where("shopId", "=", shopId).where("status", "in", ["running", "downloading"]).orderBy("id").execute();
  return rows.map(toRow);
}

export async function insertHistoryImport(db: Db, shopId: number, bulkOperationGid: string, now: Date): Promise<number> {
  const inserted = await db
    .insertInto("HistoryImport")
    .values({ shopId, phase: "customers", status: "running", bulkOperationGid, startedAt: now, createdAt: now, updatedAt: now })
    .returning("id")
    .executeTakeFirstOrThrow();
  return inserted.id;
}

export type HistoryImportPatch = Partial<
  Pick<HistoryImportRow, "phase" | "status" | "bulkOperationGid" | "resultUrl" | "objectCount" | "fileSize" | "linesDone" | "bytesDone" | "error" | "finishedAt" | "grantedAt" | "grantedPoints">
>;

export async function updateHistoryImport(db: Db, id: number, patch: HistoryImportPatch, now: Date): Promise<void> {
  await db.updateTable("HistoryImport").set({ ...patch, updatedAt: now }).where("id", "=", id).execute();
}

/**
 * Moves the checkpoint from `fromLine` to the batch's end, with the counts it added, only if
 * nobody moved it meanwhile: false means another runner applied this part of the file, and
 * the caller's transaction must roll back (its upserts would be harmless, the counts not).
 */
export async function advanceCheckpoint(
  db: Db,
  id: number,
  fromLine: number,
  to: { readonly linesDone: number; readonly bytesDone: number; readonly customers: number; readonly orders: number; readonly skipped: number; readonly error: string | null },
  now: Date,
): Promise<boolean> {
  const result = await db
    .updateTable("HistoryImport")
    .set({
      linesDone: to.linesDone,
      bytesDone: to.bytesDone,
      customersImported: sql`"customersImported" + ${to.customers}`,
      ordersImported: sql`"ordersImported" + ${to.orders}`,
      skippedLines: sql`"skippedLines" + ${to.skipped}`,
      ...(to.error !== null ? { error: to.error } : {}),
      updatedAt: now,
    })
    .where("id", "=", id)
    .where("linesDone", "=", fromLine)
    .where("status", "=", "downloading")
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/*
 * The bulk writes below are hand-written SQL, built once per shape and bound with fresh
 * values, because the import writes a million rows and Kysely's building and compiling of
 * multi-row inserts cost more than the database (docs/decisions/0013-history-import.md has
 * the profile). PostgreSQL: one statement per batch, each column sent as one array and
 * expanded with `unnest` (one named prepared statement whatever the batch size). SQLite:
 * multi-row VALUES of a fixed size (prepared once, cached by text by the driver).
 */

/** Rows per SQLite statement: 64 × 27 columns stays far below its 32,766 bind parameters. */
const SQLITE_ROWS = 64;

type Column = { readonly name: string; readonly pgType: string };
const column = (name: string, pgType: string): Column => ({ name, pgType });

async function run(db: Db, text: string, parameters: readonly unknown[]): Promise<QueryResult<Record<string, unknown>>> {
  return db.executeQuery<Record<string, unknown>>(CompiledQuery.raw(text, [...parameters]));
}

const quoted = (name: string) => `"${name}"`;

/**
 * One statement per batch on PostgreSQL, the rows sent as one JSON array of arrays and cast
 * column by column (JSON.stringify is native: pg's encoding of one array per column, element
 * by element, cost a fifth of the import's time); chunks of SQLITE_ROWS rows on SQLite.
 * Dates go to PostgreSQL as ISO strings in UTC, which `timestamp(3)` reads as UTC wall time
 * (the zone is ignored), as pg's own encoding does (app/db/postgres.server.ts).
 */
type InsertStatement = { readonly table: string; readonly columns: readonly Column[]; readonly tail: string };

/** The SQL of a statement for `rows` rows (SQLite) or any number (PostgreSQL), built once. */
const insertTexts = new WeakMap<InsertStatement, Map<number, string>>();

function insertText(kind: DatabaseKind, statement: InsertStatement, rows: number): string {
  let texts = insertTexts.get(statement);
  if (!texts) {
    texts = new Map();
    insertTexts.set(statement, texts);
  }
  const size = kind === "postgres" ? 0 : rows;
  let text = texts.get(size);
  if (text === undefined) {
    const names = statement.columns.map((entry) => quoted(entry.name)).join(", ");
    if (kind === "postgres") {
      const values = statement.columns.map((entry, index) => `(r->>${index})::${entry.pgType}`).join(", ");
      text = `INSERT INTO ${quoted(statement.table)} (${names}) SELECT ${values} FROM jsonb_array_elements($1::jsonb) AS r ${statement.tail}`;
    } else {
      const placeholders = `(${statement.columns.map(() => "?").join(", ")})`;
      text = `INSERT INTO ${quoted(statement.table)} (${names}) VALUES ${Array(rows).fill(placeholders).join(", ")} ${statement.tail}`;
    }
    texts.set(size, text);
  }
  return text;
}

async function insertRows(db: Db, kind: DatabaseKind, statement: InsertStatement, rows: readonly (readonly unknown[])[]): Promise<void> {
  if (rows.length === 0) return;
  if (kind === "postgres") {
    await run(db, insertText(kind, statement, rows.length), [JSON.stringify(rows)]);
    return;
  }
  for (let index = 0; index < rows.length; index += SQLITE_ROWS) {
    const part = rows.slice(index, index + SQLITE_ROWS);
    await run(db, insertText(kind, statement, part.length), part.flat());
  }
}

const CUSTOMER_FACT_COLUMNS = [
  column("shopId", "int"), column("customerGid", "text"), column("email", "text"), column("firstName", "text"), column("lastName", "text"),
  column("phone", "text"), column("shopifyCreatedAt", "timestamp(3)"), column("shopifyUpdatedAt", "timestamp(3)"), column("searchText", "text"),
  column("createdAt", "timestamp(3)"), column("updatedAt", "timestamp(3)"),
];
const PERSONAL_DATA = ["email", "firstName", "lastName", "phone", "shopifyCreatedAt", "shopifyUpdatedAt", "searchText", "updatedAt"];

/** The newest personal data wins, by Shopify's updated_at, as on the webhook path (customers.server.ts). */
const CUSTOMER_FACTS_UPSERT = {
  table: "Customer",
  columns: CUSTOMER_FACT_COLUMNS,
  tail: `ON CONFLICT ("shopId", "customerGid") DO UPDATE SET ${PERSONAL_DATA.map((name) => `${quoted(name)} = excluded.${quoted(name)}`).join(", ")}
    WHERE excluded."shopifyUpdatedAt" IS NOT NULL AND ("Customer"."shopifyUpdatedAt" IS NULL OR excluded."shopifyUpdatedAt" > "Customer"."shopifyUpdatedAt")`,
};

/**
 * Row ids of customers by GID (or by their tombstone key, for the redacted: see below). On
 * PostgreSQL a join on the unnested keys: the planner then probes the unique index once per
 * key, where `= ANY(array)` was planned as a scan of the table while it had no statistics.
 */
async function customerIdsByKey(db: Db, kind: DatabaseKind, shopId: number, keys: readonly string[]): Promise<Map<string, number>> {
  const found = new Map<string, number>();
  if (keys.length === 0) return found;
  const { rows } =
    kind === "postgres"
      ? await run(db, `SELECT c."id", c."customerGid" FROM unnest($2::text[]) AS k(gid) JOIN "Customer" c ON c."shopId" = $1 AND c."customerGid" = k.gid`, [shopId, keys])
      : await run(db, `SELECT "id", "customerGid" FROM "Customer" WHERE "shopId" = ? AND "customerGid" IN (SELECT value FROM json_each(?))`, [shopId, JSON.stringify(keys)]);
  for (const row of rows) found.set(String(row.customerGid), Number(row.id));
  return found;
}

/** Tombstone keys are hashes (sha256): computed once per customer, not once per batch naming them. */
const tombstoneKeys = new Map<string, string>();
const TOMBSTONE_CACHE = 250_000;

function tombstoneKey(shopId: number, gid: string): string {
  const cacheKey = `${shopId}:${gid}`;
  let key = tombstoneKeys.get(cacheKey);
  if (key === undefined) {
    if (tombstoneKeys.size >= TOMBSTONE_CACHE) tombstoneKeys.clear();
    key = redactedKey(shopId, gid);
    tombstoneKeys.set(cacheKey, key);
  }
  return key;
}

export type CustomerRef = { readonly id: number; readonly key: string };

/** The customers' refs, tombstones included: one statement per batch. */
async function customerRefs(db: Db, kind: DatabaseKind, shopId: number, gids: readonly string[]): Promise<Map<string, CustomerRef>> {
  const tombstones = new Map(gids.map((gid) => [tombstoneKey(shopId, gid), gid]));
  const found = await customerIdsByKey(db, kind, shopId, [...gids, ...tombstones.keys()]);
  const refs = new Map<string, CustomerRef>();
  for (const [key, id] of found) refs.set(tombstones.get(key) ?? key, { id, key });
  return refs;
}

/**
 * The customers' export: fills or refreshes personal data, newest `updatedAt` winning. A
 * customer redacted earlier (their row now keyed by a tombstone, see customers.server.ts)
 * is never recreated, so an import cannot bring personal data back.
 */
export async function upsertImportedCustomers(db: Db, kind: DatabaseKind, shopId: number, customers: readonly CustomerFacts[], now: Date): Promise<void> {
  const refs = await customerRefs(db, kind, shopId, customers.map((facts) => facts.customerGid));
  const rows = customers
    .filter((facts) => (refs.get(facts.customerGid)?.key ?? facts.customerGid) === facts.customerGid)
    .map((facts) => [
      shopId, facts.customerGid, facts.email, facts.firstName, facts.lastName, facts.phone, facts.shopifyCreatedAt, facts.shopifyUpdatedAt,
      searchTextOf(facts), now, now,
    ]);
  await insertRows(db, kind, CUSTOMER_FACTS_UPSERT, rows);
}

const BARE_CUSTOMER_INSERT = {
  table: "Customer",
  columns: [column("shopId", "int"), column("customerGid", "text"), column("createdAt", "timestamp(3)"), column("updatedAt", "timestamp(3)")],
  tail: `ON CONFLICT ("shopId", "customerGid") DO NOTHING`,
};

/**
 * Row ids of the customers the orders name, by GID, creating the missing ones without
 * personal data (the customers' export brings it). A redacted customer is returned under
 * the tombstone key and never recreated. One lookup per batch, a second only for new rows.
 */
export async function resolveOrderCustomers(db: Db, kind: DatabaseKind, shopId: number, gids: readonly string[], now: Date): Promise<Map<string, CustomerRef>> {
  const refs = await customerRefs(db, kind, shopId, gids);
  const missing = gids.filter((gid) => !refs.has(gid));
  if (missing.length === 0) return refs;
  await insertRows(db, kind, BARE_CUSTOMER_INSERT, missing.map((gid) => [shopId, gid, now, now]));
  for (const [gid, id] of await customerIdsByKey(db, kind, shopId, missing)) refs.set(gid, { id, key: gid });
  return refs;
}

/** An order from the history, as stored: the snapshot and what it earns (nothing, outside the program). */
export type ImportedOrder = {
  readonly snapshot: OrderSnapshot;
  readonly rank: string;
  readonly customerRowId: number | null;
  readonly giftCardMinor: number;
  readonly netSpendMinor: number;
  readonly paidAt: Date | null;
};

const ORDER_COLUMNS = [
  column("shopId", "int"), column("orderGid", "text"), column("customerId", "int"), column("name", "text"), column("test", "boolean"),
  column("financialStatus", "text"), column("cancelledAt", "timestamp(3)"), column("shopifyCreatedAt", "timestamp(3)"), column("processedAt", "timestamp(3)"),
  column("shopifyUpdatedAt", "timestamp(3)"), column("snapshotRank", "text"), column("currency", "text"), column("subtotalMinor", "bigint"),
  column("totalMinor", "bigint"), column("discountsMinor", "bigint"), column("shippingMinor", "bigint"), column("taxMinor", "bigint"),
  column("taxesIncluded", "boolean"), column("giftCardMinor", "bigint"), column("includedRefundGids", "text"), column("lineItems", "text"),
  column("discountCodes", "text"), column("sourceName", "text"), column("netSpendMinor", "bigint"), column("paidAt", "timestamp(3)"),
  column("createdAt", "timestamp(3)"), column("updatedAt", "timestamp(3)"),
];
/** Replaced by a newer snapshot; never shopId, orderGid, paidAt (below) nor createdAt. */
const REPLACED = ORDER_COLUMNS.map((entry) => entry.name).filter((name) => !["shopId", "orderGid", "paidAt", "createdAt"].includes(name));

/**
 * A row the webhook path already wrote is replaced only by a newer snapshot (updated_at,
 * then rank: the rule of app/loyalty/orders/order-state.ts), and keeps the earliest paidAt.
 */
const ORDER_UPSERT = {
  table: "Order",
  columns: ORDER_COLUMNS,
  tail: `ON CONFLICT ("shopId", "orderGid") DO UPDATE SET ${REPLACED.map((name) => `${quoted(name)} = excluded.${quoted(name)}`).join(", ")},
    "paidAt" = CASE WHEN "Order"."paidAt" IS NULL OR excluded."paidAt" < "Order"."paidAt" THEN excluded."paidAt" ELSE "Order"."paidAt" END
    WHERE excluded."shopifyUpdatedAt" > "Order"."shopifyUpdatedAt"
      OR (excluded."shopifyUpdatedAt" = "Order"."shopifyUpdatedAt" AND excluded."snapshotRank" > "Order"."snapshotRank")`,
};

/**
 * Upsert of orders processed before the program began; points stay 0 (these orders earn
 * nothing unless the merchant grants them, see grant-history-points.server.ts).
 */
export async function upsertImportedOrders(db: Db, kind: DatabaseKind, shopId: number, orders: readonly ImportedOrder[], now: Date): Promise<void> {
  await insertRows(db, kind, ORDER_UPSERT, orders.map((order) => importedOrderValues(shopId, order, now)));
}

function importedOrderValues(shopId: number, order: ImportedOrder, now: Date): unknown[] {
  const { snapshot } = order;
  return [
    shopId, snapshot.orderId, order.customerRowId, snapshot.name, snapshot.test, snapshot.financialStatus, snapshot.cancelledAt, snapshot.createdAt,
    snapshot.processedAt, snapshot.updatedAt, order.rank, snapshot.currency, snapshot.subtotalMinor, snapshot.totalMinor, snapshot.discountsMinor,
    snapshot.shippingMinor, snapshot.taxMinor, snapshot.taxesIncluded, order.giftCardMinor, JSON.stringify(snapshot.includedRefundIds),
    JSON.stringify(snapshot.lines), JSON.stringify(snapshot.discountCodes), snapshot.sourceName, order.netSpendMinor, order.paidAt, now, now,
  ];
}

/**
 * Moves the customers' last order date forward to their latest order from before the
 * program (what the import writes: no program version), the same running maximum the
 * webhook path keeps (customers.server.ts). Once, when the orders' file is applied: moving
 * it batch by batch rewrote each customer's row once per batch (most of PostgreSQL's time).
 * Idempotent, so a resumed import may run it again.
 */
export async function advanceLastOrderAt(db: Db, kind: DatabaseKind, shopId: number): Promise<void> {
  const latest = `SELECT "customerId" AS id, max(COALESCE("processedAt", "shopifyCreatedAt")) AS at FROM "Order"
    WHERE "shopId" = ${kind === "postgres" ? "$1" : "?"} AND "customerId" IS NOT NULL AND "programVersion" IS NULL GROUP BY "customerId"`;
  await run(db, `UPDATE "Customer" SET "lastOrderAt" = u.at FROM (${latest}) AS u WHERE "Customer"."id" = u.id AND ("Customer"."lastOrderAt" IS NULL OR "Customer"."lastOrderAt" < u.at)`, [shopId]);
}

/**
 * A batch's commit need not wait for PostgreSQL's WAL flush: a batch lost to a server crash
 * was committed together with its checkpoint, so the import resumes before it and applies it
 * again (every write is an upsert). SQLite's commits are already unsynced (WAL, NORMAL).
 */
export async function relaxBatchDurability(db: Db, kind: DatabaseKind): Promise<void> {
  if (kind === "postgres") await run(db, "SET LOCAL synchronous_commit = off", []);
}

/** Fresh planner statistics after a large load (PostgreSQL plans the per-batch lookups with them). */
export async function analyzeImportedCustomers(db: Db, kind: DatabaseKind): Promise<void> {
  if (kind === "postgres") await run(db, `ANALYZE "Customer"`, []);
}
