// `npm run bench:reports`: the reports at scale. A generated shop of 1,000,000 orders and
// 200,000 customers over two years (bulk-loaded straight into the tables: multi-row
// inserts on SQLite, unnest() batches on PostgreSQL), on each database:
// - the bulk load's rate (the generator's, not the history import's: that is bench/import);
// - full report rebuild: every report for the last 30 days, one after the other, cold;
// - the summary's server time after a new order arrives through the real webhook service
//   (recordOrderEvent), warm; bar: < 1 s (docs/decisions/0014-reports.md).
// Options: --orders 1000000 --customers 200000 --samples 5 --databases sqlite,postgres --keep
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import BetterSqlite3 from "better-sqlite3";
import pg from "pg";
import { z } from "zod";
import { openDatabase, type AppDatabase, type DatabaseKind } from "../app/db/database.server";
import { findShop } from "../app/repositories/shops.server";
import { recordOrderEvent } from "../app/services/record-order-event.server";
import { REPORT_NAMES, runReport } from "../app/services/reports/reports.server";
import { OrderPayload, orderFacts } from "../app/shopify/payloads/order";
import { orderPayload } from "../app/test/payloads";
import { BENCH_SHOP, prepareDatabase } from "./lib/setup";

const { values } = parseArgs({
  options: {
    orders: { type: "string", default: "1000000" },
    customers: { type: "string", default: "200000" },
    samples: { type: "string", default: "5" },
    databases: { type: "string", default: "sqlite,postgres" },
    keep: { type: "boolean", default: false },
  },
});
const ORDERS = Number(values.orders);
const CUSTOMERS = Number(values.customers);
const SAMPLES = Number(values.samples);
const kinds = values.databases.split(",").filter((kind): kind is DatabaseKind => kind === "sqlite" || kind === "postgres");
const BAR_MS = 1000;
const DAY = 86_400_000;
const END = Date.UTC(2026, 10, 24);
const START = END - 730 * DAY;
const BATCH = 5000;

/** A small seeded generator (mulberry32): the same shop on every run and database. */
function random(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

type GeneratedOrder = { customer: number | null; at: number; sales: number; cancelled: boolean; test: boolean };

/** Customers order with a skew (a few order often, most once or twice); 8 % guests, 2 % cancelled, 1 % tests. */
function* generateOrders(): Generator<GeneratedOrder> {
  const next = random(42);
  for (let index = 0; index < ORDERS; index += 1) {
    const guest = next() < 0.08;
    const status = next();
    yield {
      customer: guest ? null : Math.floor(CUSTOMERS * next() ** 2),
      at: START + Math.floor(next() * 730 * DAY),
      sales: 500 + Math.floor(next() * 20_000),
      cancelled: status < 0.02,
      test: status >= 0.02 && status < 0.03,
    };
  }
}

function enrolledAt(customer: number): number | null {
  return customer % 5 < 3 ? START + ((customer * 7919) % 730) * DAY : null;
}

const ORDER_COLUMNS = [
  "shopId", "orderGid", "customerId", "test", "cancelledAt", "shopifyCreatedAt", "processedAt", "shopifyUpdatedAt", "snapshotRank", "currency",
  "subtotalMinor", "totalMinor", "discountsMinor", "giftCardMinor", "netSpendMinor", "includedRefundGids", "lineItems", "discountCodes", "createdAt", "updatedAt",
];
const LINE_ITEMS = JSON.stringify([{ lineItemId: "gid://shopify/LineItem/1", productId: "gid://shopify/Product/1", quantity: 1, currentQuantity: 1, giftCard: false, unitPriceMinor: 1000, discountMinor: 0 }]);

function loadSqlite(file: string, shopId: number, firstCustomerRow: number): void {
  const database = new BetterSqlite3(file);
  database.pragma("journal_mode = WAL");
  database.pragma("synchronous = OFF");
  const now = Date.now();
  const customer = database.prepare(`INSERT INTO "Customer" ("shopId", "customerGid", "enrolledAt", "createdAt", "updatedAt") VALUES (?, ?, ?, ?, ?)`);
  database.transaction(() => {
    for (let c = 0; c < CUSTOMERS; c += 1) customer.run(shopId, `gid://shopify/Customer/${1_000_000 + c}`, enrolledAt(c), now, now);
  })();
  const placeholders = `(${ORDER_COLUMNS.map(() => "?").join(",")})`;
  const insert = database.prepare(`INSERT INTO "Order" (${ORDER_COLUMNS.map((c) => `"${c}"`).join(",")}) VALUES ${Array.from({ length: 100 }, () => placeholders).join(",")}`);
  let rows: unknown[] = [];
  let count = 0;
  const flush = database.transaction((batch: unknown[][]) => {
    for (const chunk of batch) insert.run(chunk);
  });
  let batch: unknown[][] = [];
  for (const order of generateOrders()) {
    rows.push(
      shopId, `gid://shopify/Order/${10_000_000 + count}`, order.customer === null ? null : firstCustomerRow + order.customer, order.test ? 1 : 0,
      order.cancelled ? order.at + 3_600_000 : null, order.at, order.at, order.at, "0", "USD", order.sales, order.sales, 0, 0, order.sales, "[]", LINE_ITEMS, "[]", now, now,
    );
    count += 1;
    if (count % 100 === 0) {
      batch.push(rows);
      rows = [];
    }
    if (batch.length * 100 >= BATCH) {
      flush(batch);
      batch = [];
    }
  }
  if (batch.length > 0) flush(batch);
  if (rows.length > 0) throw new Error("--orders must be a multiple of 100");
  database.exec("ANALYZE");
  database.close();
}

async function loadPostgres(url: string, shopId: number, firstCustomerRow: number): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const now = new Date();
  for (let start = 0; start < CUSTOMERS; start += BATCH) {
    const ids = Array.from({ length: Math.min(BATCH, CUSTOMERS - start) }, (_, offset) => start + offset);
    await client.query(
      `INSERT INTO "Customer" ("shopId", "customerGid", "enrolledAt", "createdAt", "updatedAt")
       SELECT $1, g, e, $4, $4 FROM unnest($2::text[], $3::timestamp[]) AS t(g, e)`,
      [shopId, ids.map((c) => `gid://shopify/Customer/${1_000_000 + c}`), ids.map((c) => { const at = enrolledAt(c); return at === null ? null : new Date(at).toISOString(); }), now],
    );
  }
  const columns: unknown[][] = [[], [], [], [], [], []];
  let count = 0;
  const flush = async () => {
    await client.query(
      `INSERT INTO "Order" (${ORDER_COLUMNS.map((c) => `"${c}"`).join(",")})
       SELECT $1, g, c, t, x, a, a, a, '0', 'USD', s, s, 0, 0, s, '[]', $8, '[]', $9, $9
       FROM unnest($2::text[], $3::int[], $4::bool[], $5::timestamp[], $6::timestamp[], $7::bigint[]) AS u(g, c, t, x, a, s)`,
      [shopId, ...columns, LINE_ITEMS, now],
    );
    for (const column of columns) column.length = 0;
  };
  for (const order of generateOrders()) {
    columns[0]?.push(`gid://shopify/Order/${10_000_000 + count}`);
    columns[1]?.push(order.customer === null ? null : firstCustomerRow + order.customer);
    columns[2]?.push(order.test);
    columns[3]?.push(order.cancelled ? new Date(order.at + 3_600_000).toISOString() : null);
    columns[4]?.push(new Date(order.at).toISOString());
    columns[5]?.push(order.sales);
    count += 1;
    if (count % BATCH === 0) await flush();
  }
  if ((columns[0]?.length ?? 0) > 0) await flush();
  // Index-only scans need the visibility map: a freshly loaded table is vacuumed first.
  await client.query(`VACUUM ANALYZE "Order"`);
  await client.query(`VACUUM ANALYZE "Customer"`);
  await client.end();
}

async function timed<T>(work: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const started = performance.now();
  const value = await work();
  return { ms: performance.now() - started, value };
}

/** A new paid order for an existing customer, through the webhook path's service. */
async function newOrder(database: AppDatabase, sequence: number) {
  const at = new Date(END - DAY / 2).toISOString();
  const body = orderPayload({ id: 50_000_000 + sequence, customerId: 1_000_000 + ((sequence * 7) % CUSTOMERS), subtotal: "42.00", processedAt: at, updatedAt: at });
  // The sample's product ids are beyond 2^53 (the webhook route reads them losslessly from text); this order has none.
  const lines = z.array(z.record(z.string(), z.unknown())).parse(body.line_items);
  const payload = OrderPayload.parse({ ...body, line_items: lines.map((line) => ({ ...line, product_id: null, variant_id: null })) });
  await recordOrderEvent(database, BENCH_SHOP, { kind: "order", facts: orderFacts(payload) }, { topic: "orders/paid", receivedAt: new Date(END - DAY / 2) });
}

async function benchDatabase(kind: DatabaseKind) {
  const prepared = await prepareDatabase(kind, "wafa_bench_reports");
  const setup = openDatabase(prepared.url);
  const shop = await findShop(setup.db, BENCH_SHOP);
  if (!shop) throw new Error("bench shop missing");
  const firstCustomerRow = 1 + ((await setup.db.selectFrom("Customer").select((eb) => eb.fn.max("id").as("id")).executeTakeFirst())?.id ?? 0);
  await setup.close();
  console.log(`\n${kind}: loading ${ORDERS.toLocaleString("en-US")} orders and ${CUSTOMERS.toLocaleString("en-US")} customers…`);
  const load = await timed(async () => (kind === "sqlite" ? loadSqlite(prepared.url.slice("file:".length), shop.id, firstCustomerRow) : loadPostgres(prepared.url, shop.id, firstCustomerRow)));
  console.log(`  bulk load: ${(load.ms / 1000).toFixed(1)} s (${Math.round(ORDERS / (load.ms / 1000)).toLocaleString("en-US")} orders/s, generator's direct insert)`);

  const database = openDatabase(prepared.url);
  const now = new Date(END);
  const rebuild: Record<string, number> = {};
  for (const name of REPORT_NAMES) {
    const { ms, value } = await timed(() => runReport(database, name, BENCH_SHOP, {}, now));
    if (!value.ok) throw new Error(`${name}: ${value.message}`);
    rebuild[name] = ms;
    console.log(`  ${name.padEnd(14)} ${ms.toFixed(0).padStart(7)} ms`);
  }
  const total = Object.values(rebuild).reduce((sum, ms) => sum + ms, 0);
  console.log(`  full rebuild (all reports, last 30 days): ${(total / 1000).toFixed(2)} s`);

  await runReport(database, "summary", BENCH_SHOP, {}, now);
  const samples: number[] = [];
  for (let sample = 0; sample < SAMPLES; sample += 1) {
    await newOrder(database, sample);
    const { ms, value } = await timed(() => runReport(database, "summary", BENCH_SHOP, {}, now));
    if (!value.ok) throw new Error(value.message);
    samples.push(ms);
  }
  samples.sort((a, b) => a - b);
  const median = samples[Math.floor(samples.length / 2)] ?? Number.NaN;
  const worst = samples.at(-1) ?? Number.NaN;
  const pass = worst < BAR_MS;
  console.log(`  summary after a new order (warm, ${SAMPLES} samples): median ${median.toFixed(0)} ms, max ${worst.toFixed(0)} ms — ${pass ? "PASS" : "FAIL"} (bar < ${BAR_MS} ms)`);
  await database.close();
  if (values.keep) console.log(`  kept the database: ${prepared.url}`);
  else await prepared.drop();
  return { kind, orders: ORDERS, customers: CUSTOMERS, loadMs: load.ms, rebuildMs: rebuild, rebuildTotalMs: total, summaryAfterOrderMs: samples, pass };
}

const results = [];
for (const kind of kinds) results.push(await benchDatabase(kind));
const directory = path.join("bench", "results");
mkdirSync(directory, { recursive: true });
writeFileSync(path.join(directory, `reports-${new Date().toISOString().replace(/[:.]/g, "-")}.json`), JSON.stringify(results, null, 2));
if (results.some((result) => !result.pass)) process.exitCode = 1;
