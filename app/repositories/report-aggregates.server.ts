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
 * property test (services/reports/store-metrics.server.test.ts) holds this to the plain recomputation.
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
 * Every condition above compares an order's time with a handful of instants (the periods'
 * ends and their windows' starts), shared between windows (a period's end is its trailing
 * year's end and the next period's start). So each customer is reduced to their orders and
 * net sales in all, and at or after each distinct instant (net sales only where a figure
 * needs them); every figure is a difference of two of those. Counting what comes *after*
 * each instant with `FILTER` touches an aggregate only for recent orders (most of a shop's
 * history is older than every window), where a sum of 0/1 flags steps every aggregate for
 * every order; with the shared sums below, the summary's aggregate takes half the time
 * it did on SQLite at a million orders (docs/decisions/0014-reports.md).
 */
type Boundaries = {
  readonly instants: Date[];
  /** Whether the net sales after the instant are needed too (same order as `instants`). */
  readonly sales: boolean[];
  indexOf(instant: Date): number;
};

/** A window [from, to) whose end is before its start is empty: it ends where it starts. */
const endOf = (from: Date, to: Date): Date => (to.getTime() < from.getTime() ? from : to);
const startOf = (from: Date, to: Date): Date => (from.getTime() > to.getTime() ? to : from);

function boundariesOf(windows: readonly PeriodWindows[]): Boundaries {
  const byTime = new Map<number, { instant: Date; sales: boolean }>();
  const add = (instant: Date, sales: boolean) => {
    const known = byTime.get(instant.getTime());
    if (known) known.sales ||= sales;
    else byTime.set(instant.getTime(), { instant, sales });
  };
  for (const window of windows) {
    add(window.from, true);
    add(endOf(window.from, window.to), true);
    add(window.to, window.lifetime);
    add(startOf(window.startWindowFrom, window.from), false);
    add(startOf(window.endWindowFrom, window.to), false);
  }
  const entries = [...byTime.values()];
  const positions = new Map(entries.map((entry, position) => [entry.instant.getTime(), position]));
  return {
    instants: entries.map((entry) => entry.instant),
    sales: entries.map((entry) => entry.sales),
    indexOf(instant) {
      const position = positions.get(instant.getTime());
      if (position === undefined) throw new Error(`no boundary at ${instant.toISOString()}`);
      return position;
    },
  };
}

/**
 * Per customer: counted orders (`c_orders`) and net sales (`c_total`) in all, and orders
 * (`a<i>`) and net sales (`m<i>`) at or after each boundary.
 */
function customerColumns(boundaries: Boundaries): RawBuilder<unknown> {
  return sql.join(
    [
      sql`COUNT(*) AS c_orders`,
      sql`SUM(c_sales) AS c_total`,
      ...boundaries.instants.flatMap((instant, i) => {
        const count = sql`COUNT(*) FILTER (WHERE c_at >= ${instant}) AS ${sql.ref(`a${i}`)}`;
        if (!boundaries.sales[i]) return [count];
        return [count, sql`COALESCE(SUM(c_sales) FILTER (WHERE c_at >= ${instant}), 0) AS ${sql.ref(`m${i}`)}`];
      }),
    ],
    sql`, `,
  );
}

/**
 * The shop-level sums: the per-customer columns summed once per boundary (a period's
 * orders and sales are differences of two of them, taken in `periodAggregates`), and per
 * period `k` the customers in each state, counted with `FILTER` (no step for the others).
 */
function shopColumns(boundaries: Boundaries, windows: readonly PeriodWindows[]): RawBuilder<unknown> {
  const after = (instant: Date) => sql.ref(`a${boundaries.indexOf(instant)}`);
  const sums = [
    sql`SUM(c_total) AS sum_total`,
    ...boundaries.instants.flatMap((_, i) => {
      const orders = sql`SUM(${sql.ref(`a${i}`)}) AS ${sql.ref(`sum_a${i}`)}`;
      return boundaries.sales[i] ? [orders, sql`SUM(${sql.ref(`m${i}`)}) AS ${sql.ref(`sum_m${i}`)}`] : [orders];
    }),
  ];
  const counts = windows.flatMap((window, k) => {
    const periodEnd = endOf(window.from, window.to);
    // Orders in [x, y) = those at or after x less those at or after y.
    const activeAtStart = sql`${after(startOf(window.startWindowFrom, window.from))} > ${after(window.from)}`;
    const activeAtEnd = sql`${after(startOf(window.endWindowFrom, window.to))} > ${after(window.to)}`;
    // Every grouped customer has a counted order, so their first is in the period exactly
    // when all of them are at or after its start and not all at or after its end.
    const firstInPeriod = sql`${after(window.from)} = c_orders AND ${after(periodEnd)} < c_orders`;
    const inPeriod = sql`(${after(window.from)} - ${after(periodEnd)})`;
    const beforeEnd = sql`(c_orders - ${after(window.to)})`;
    const count = (condition: RawBuilder<unknown>, name: string) => sql`COUNT(*) FILTER (WHERE ${condition}) AS ${sql.ref(`${name}_${k}`)}`;
    const columns = [
      count(activeAtStart, "atStart"),
      count(activeAtEnd, "atEnd"),
      count(sql`${activeAtStart} AND ${activeAtEnd}`, "retained"),
      count(firstInPeriod, "firstTimeBuyers"),
      count(sql`${firstInPeriod} AND ${activeAtEnd}`, "acquiredFirstTime"),
      count(sql`${inPeriod} >= 1`, "customers"),
      count(sql`${inPeriod} >= 2`, "repeatCustomers"),
    ];
    if (window.lifetime) columns.push(count(sql`${beforeEnd} >= 1`, "lifetimeCustomers"), count(sql`${beforeEnd} >= 2`, "lifetimeRepeatCustomers"));
    return columns;
  });
  return sql.join([...sums, ...counts], sql`, `);
}

function guestColumns(window: PeriodWindows, k: number): RawBuilder<unknown> {
  const inPeriod = sql`c_at >= ${window.from} AND c_at < ${window.to}`;
  return sql`COUNT(*) FILTER (WHERE ${inPeriod}) AS ${sql.ref(`guestOrders_${k}`)}, SUM(c_sales) FILTER (WHERE ${inPeriod}) AS ${sql.ref(`guestNetSalesMinor_${k}`)}`;
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
  // again at every reference (about twenty per order); `LIMIT -1` keeps the subquery a
  // co-routine, so each order's values are computed once. Its rows come in index order
  // (customer first), so the GROUP BY still needs no sort. PostgreSQL computes them once.
  const perOrder = kind === "sqlite" ? sql`${orders} AND o."customerId" IS NOT NULL ORDER BY o."customerId" LIMIT -1` : sql`${orders} AND o."customerId" IS NOT NULL`;
  const boundaries = boundariesOf(windows);
  const customers = sql`SELECT ${customerColumns(boundaries)} FROM (${perOrder}) AS t GROUP BY c_id`;
  const [customerResult, guestResult] = await Promise.all([
    execute(db, kind, sql<unknown>`SELECT ${shopColumns(boundaries, windows)} FROM (${customers}) AS c`),
    execute(db, kind, sql<unknown>`SELECT ${sql.join(windows.map((window, k) => guestColumns(window, k)), sql`, `)} FROM (${orders} AND o."customerId" IS NULL) AS g`),
  ]);
  const sums = { ...Sums.parse(customerResult.rows[0] ?? {}), ...Sums.parse(guestResult.rows[0] ?? {}) };
  const read = (name: string, k: number) => sums[`${name}_${k}`] ?? 0;
  const ordersAfter = (instant: Date) => sums[`sum_a${boundaries.indexOf(instant)}`] ?? 0;
  const salesAfter = (instant: Date) => sums[`sum_m${boundaries.indexOf(instant)}`] ?? 0;
  return windows.map((window, k) => ({
    atStart: read("atStart", k),
    atEnd: read("atEnd", k),
    retained: read("retained", k),
    firstTimeBuyers: read("firstTimeBuyers", k),
    acquiredFirstTime: read("acquiredFirstTime", k),
    customers: read("customers", k),
    repeatCustomers: read("repeatCustomers", k),
    customerOrders: ordersAfter(window.from) - ordersAfter(endOf(window.from, window.to)),
    customerNetSalesMinor: salesAfter(window.from) - salesAfter(endOf(window.from, window.to)),
    lifetimeCustomers: read("lifetimeCustomers", k),
    lifetimeRepeatCustomers: read("lifetimeRepeatCustomers", k),
    lifetimeNetSalesMinor: window.lifetime ? (sums.sum_total ?? 0) - salesAfter(window.to) : 0,
    guestOrders: read("guestOrders", k),
    guestNetSalesMinor: read("guestNetSalesMinor", k),
  }));
}
