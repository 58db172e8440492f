import { sql, type RawBuilder } from "kysely";
import { z } from "zod";
import type { DatabaseKind, Db } from "../db/database.server";
import { COUNTED, DbCount, NET_SALES, PLACED_AT } from "./report-facts.server";

/**
 * The reports' fast path (docs/decisions/0014-reports.md): the store-level figures of one
 * or more periods as SQL aggregates, in one pass over the shop's counted orders that reads
 * a covering index only (`Order(shopId, customerId, processedAt, …)`), never a million rows
 * into Node. The database keeps that index in step with every order write, in the same
 * transaction, so the figures are live the moment an order is stored.
 *
 * The definitions are the core's (definitions.ts), stated here in SQL: a customer is
 * active at an instant when they have a counted order in the inactivity window that ends
 * there ([window start, instant): `isActiveIn` of their last order before it). The window
 * starts come from the core's `activityWindow` (shop calendar, time zone), passed in. The
 * property test (report-aggregates.server.test.ts) holds this to the plain recomputation.
 */

/** One period with the inactivity windows that end at its start and at its end. */
export type PeriodWindows = {
  readonly from: Date;
  readonly to: Date;
  readonly startWindowFrom: Date;
  readonly endWindowFrom: Date;
  /** Whether the lifetime figures (orders and sales before the end) are wanted too. */
  readonly lifetime: boolean;
};

/** What the core's metric functions count, for one period (see retention.ts, repeat-purchase.ts, …). */
export type PeriodAggregates = {
  /** S, E and both. */
  readonly atStart: number;
  readonly atEnd: number;
  readonly retained: number;
  /** Customers whose first counted order falls in the period; those of them active at its end. */
  readonly firstTimeBuyers: number;
  readonly acquiredFirstTime: number;
  /** Customers with 1+ and 2+ orders in the period, their orders and net sales. */
  readonly customers: number;
  readonly repeatCustomers: number;
  readonly customerOrders: number;
  readonly customerNetSalesMinor: number;
  /** Customers with 1+ and 2+ orders before the period end, and their net sales up to then. */
  readonly lifetimeCustomers: number;
  readonly lifetimeRepeatCustomers: number;
  readonly lifetimeNetSalesMinor: number;
  /** Guest checkouts in the period. */
  readonly guestOrders: number;
  readonly guestNetSalesMinor: number;
};

/**
 * A condition as a 0/1 integer, the cheapest form to sum per row: SQLite's comparisons are
 * already integers; PostgreSQL's booleans are cast.
 */
function flag(kind: DatabaseKind, condition: RawBuilder<boolean>): RawBuilder<number> {
  return kind === "postgres" ? sql<number>`(${condition})::int` : sql<number>`(${condition})`;
}

const between = (from: Date, to: Date): RawBuilder<boolean> => sql<boolean>`c_at >= ${from} AND c_at < ${to}`;

/** The per-customer columns of period `k`. */
function customerColumns(kind: DatabaseKind, window: PeriodWindows, k: number): RawBuilder<unknown> {
  const inPeriod = flag(kind, between(window.from, window.to));
  const beforeEnd = flag(kind, sql<boolean>`c_at < ${window.to}`);
  const columns = [
    sql`MAX(${flag(kind, between(window.startWindowFrom, window.from))}) AS ${sql.ref(`s${k}`)}`,
    sql`MAX(${flag(kind, between(window.endWindowFrom, window.to))}) AS ${sql.ref(`e${k}`)}`,
    sql`SUM(${inPeriod}) AS ${sql.ref(`n${k}`)}`,
    sql`SUM(${inPeriod} * c_sales) AS ${sql.ref(`v${k}`)}`,
  ];
  if (window.lifetime) columns.push(sql`SUM(${beforeEnd}) AS ${sql.ref(`l${k}`)}`, sql`SUM(${beforeEnd} * c_sales) AS ${sql.ref(`w${k}`)}`);
  return sql.join(columns, sql`, `);
}

/** The shop-level sums of period `k` over the per-customer columns. */
function shopColumns(kind: DatabaseKind, window: PeriodWindows, k: number): RawBuilder<unknown> {
  const ref = (name: string) => sql.ref(`${name}${k}`);
  const firstInPeriod = flag(kind, sql<boolean>`c_first >= ${window.from} AND c_first < ${window.to}`);
  const out = (name: string) => sql.ref(`${name}_${k}`);
  const columns = [
    sql`SUM(${ref("s")}) AS ${out("atStart")}`,
    sql`SUM(${ref("e")}) AS ${out("atEnd")}`,
    sql`SUM(${ref("s")} * ${ref("e")}) AS ${out("retained")}`,
    sql`SUM(${firstInPeriod}) AS ${out("firstTimeBuyers")}`,
    sql`SUM(${firstInPeriod} * ${ref("e")}) AS ${out("acquiredFirstTime")}`,
    sql`SUM(${flag(kind, sql<boolean>`${ref("n")} >= 1`)}) AS ${out("customers")}`,
    sql`SUM(${flag(kind, sql<boolean>`${ref("n")} >= 2`)}) AS ${out("repeatCustomers")}`,
    sql`SUM(${ref("n")}) AS ${out("customerOrders")}`,
    sql`SUM(${ref("v")}) AS ${out("customerNetSalesMinor")}`,
  ];
  if (window.lifetime) {
    columns.push(
      sql`SUM(${flag(kind, sql<boolean>`${ref("l")} >= 1`)}) AS ${out("lifetimeCustomers")}`,
      sql`SUM(${flag(kind, sql<boolean>`${ref("l")} >= 2`)}) AS ${out("lifetimeRepeatCustomers")}`,
      sql`SUM(${ref("w")}) AS ${out("lifetimeNetSalesMinor")}`,
    );
  }
  return sql.join(columns, sql`, `);
}

function guestColumns(kind: DatabaseKind, window: PeriodWindows, k: number): RawBuilder<unknown> {
  const inPeriod = flag(kind, between(window.from, window.to));
  return sql`SUM(${inPeriod}) AS ${sql.ref(`guestOrders_${k}`)}, SUM(${inPeriod} * c_sales) AS ${sql.ref(`guestNetSalesMinor_${k}`)}`;
}

/**
 * Runs an aggregate. On PostgreSQL the pool prepares every parameterised statement by name,
 * and after five runs PostgreSQL may switch a prepared statement to a generic plan that
 * does not know the dates (so not how much of the index a window covers); the reports ask
 * for a plan made for the actual values, in a read-only transaction of their own.
 */
async function execute<R>(db: Db, kind: DatabaseKind, query: RawBuilder<R>) {
  if (kind === "sqlite") return query.execute(db);
  return db.transaction().execute(async (trx) => {
    await sql`SET TRANSACTION READ ONLY`.execute(trx);
    await sql`SET LOCAL plan_cache_mode = force_custom_plan`.execute(trx);
    return query.execute(trx);
  });
}

const Sums = z.record(z.string(), z.union([DbCount, z.null()]).transform((value) => value ?? 0));

/**
 * The figures of each period, for the shop's counted orders. Customers are grouped by
 * their row id; a shop without orders answers zeros, and so do the lifetime figures of a
 * window that did not ask for them.
 */
export async function periodAggregates(db: Db, kind: DatabaseKind, shopId: number, windows: readonly PeriodWindows[]): Promise<PeriodAggregates[]> {
  if (windows.length === 0) return [];
  const orders = sql`SELECT o."customerId" AS c_id, ${PLACED_AT} AS c_at, ${NET_SALES} AS c_sales FROM "Order" AS o WHERE o."shopId" = ${shopId} AND ${COUNTED}`;
  // SQLite flattens a plain subquery into the aggregate and then evaluates c_at and c_sales
  // again at every reference (about thirty per order); `LIMIT -1` keeps the subquery a
  // co-routine, so each order's values are computed once. Its rows come in index order
  // (customer first), so the GROUP BY still needs no sort. PostgreSQL computes them once.
  const perOrder = kind === "sqlite" ? sql`${orders} AND o."customerId" IS NOT NULL ORDER BY o."customerId" LIMIT -1` : sql`${orders} AND o."customerId" IS NOT NULL`;
  const customers = sql`
    SELECT MIN(c_at) AS c_first, ${sql.join(windows.map((window, k) => customerColumns(kind, window, k)), sql`, `)}
    FROM (${perOrder}) AS t GROUP BY c_id`;
  const [customerResult, guestResult] = await Promise.all([
    execute(db, kind, sql<unknown>`SELECT ${sql.join(windows.map((window, k) => shopColumns(kind, window, k)), sql`, `)} FROM (${customers}) AS c`),
    execute(db, kind, sql<unknown>`SELECT ${sql.join(windows.map((window, k) => guestColumns(kind, window, k)), sql`, `)} FROM (${orders} AND o."customerId" IS NULL) AS g`),
  ]);
  const sums = { ...Sums.parse(customerResult.rows[0] ?? {}), ...Sums.parse(guestResult.rows[0] ?? {}) };
  const read = (name: string, k: number) => sums[`${name}_${k}`] ?? 0;
  return windows.map((_, k) => ({
    atStart: read("atStart", k),
    atEnd: read("atEnd", k),
    retained: read("retained", k),
    firstTimeBuyers: read("firstTimeBuyers", k),
    acquiredFirstTime: read("acquiredFirstTime", k),
    customers: read("customers", k),
    repeatCustomers: read("repeatCustomers", k),
    customerOrders: read("customerOrders", k),
    customerNetSalesMinor: read("customerNetSalesMinor", k),
    lifetimeCustomers: read("lifetimeCustomers", k),
    lifetimeRepeatCustomers: read("lifetimeRepeatCustomers", k),
    lifetimeNetSalesMinor: read("lifetimeNetSalesMinor", k),
    guestOrders: read("guestOrders", k),
    guestNetSalesMinor: read("guestNetSalesMinor", k),
  }));
}
