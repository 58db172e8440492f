// History import throughput: a generated shop (orders before the program, with customers)
// exported as Shopify's bulk operations would, streamed over loopback HTTP from a generator
// in another process (nothing held in memory or on disk; bench/lib/history-exports.ts), imported
// by the real service on each database. Results go to bench/results/import-<date>.json.
// `npm run bench:import -- --orders 1000000 --customers 200000 --databases sqlite,postgres`
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { loadavg } from "node:os";
import { sql } from "kysely";
import { parseArgs } from "node:util";
import { openDatabase, type DatabaseKind } from "../app/db/database.server";
import { latestHistoryImport } from "../app/repositories/history-import.server";
import { findShop } from "../app/repositories/shops.server";
import { driveHistoryImports, startHistoryImport } from "../app/services/import-history.server";
import { installShop } from "../app/services/install-shop.server";
import type { AdminGraphql } from "../app/shopify/admin/shop-details.server";
import { BENCH_SHOP, prepareDatabase, startServer } from "./lib/setup";

const { values } = parseArgs({ options: { orders: { type: "string", default: "1000000" }, customers: { type: "string", default: "200000" }, databases: { type: "string", default: "sqlite,postgres" }, batch: { type: "string", default: "2000" } } });
const ORDERS = Number(values.orders);
const CUSTOMERS = Number(values.customers);
const BAR_ORDERS_PER_SECOND = 20_000;

function fakeAdmin(baseUrl: string): AdminGraphql {
  const kinds: string[] = [];
  return {
    async graphql(query, options) {
      if (query.includes("WafaRunBulkQuery")) {
        kinds.push(String(options?.variables?.query).includes("customers") ? "customers" : "orders");
        return Response.json({ data: { bulkOperationRunQuery: { bulkOperation: { id: `gid://shopify/BulkOperation/${kinds.length}`, status: "CREATED" }, userErrors: [] } } });
      }
      const index = Number(String(options?.variables?.id).split("/").pop()) - 1;
      return Response.json({ data: { node: { id: String(options?.variables?.id), status: "COMPLETED", errorCode: null, objectCount: "0", fileSize: "0", url: `${baseUrl}/${kinds[index]}.jsonl` } } });
    },
  };
}

/**
 * CPU seconds used so far by the PostgreSQL backends serving this database (from /proc: the
 * server runs on this machine). With the import's own CPU time, a measure that depends less
 * on the other work sharing the cores than the wall time does.
 */
async function postgresCpuSeconds(database: ReturnType<typeof openDatabase>): Promise<number> {
  if (database.kind !== "postgres") return 0;
  const { rows } = await sql<{ pid: number }>`SELECT pid FROM pg_stat_activity WHERE datname = current_database()`.execute(database.db);
  let ticks = 0;
  for (const { pid } of rows) {
    try {
      const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]?.split(" ") ?? [];
      ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      // The backend ended meanwhile.
    }
  }
  return ticks / 100;
}

async function run(kind: DatabaseKind, baseUrl: string) {
  const prepared = await prepareDatabase(kind, "import");
  const database = openDatabase(prepared.url);
  try {
    const at = new Date();
    await installShop(database, { domain: BENCH_SHOP, name: "bench", currencyCode: "USD", ianaTimezone: "UTC", scopes: "read_orders", countTestOrders: false }, { now: at, programStart: at });
    const admin = fakeAdmin(baseUrl);
    const shop = await findShop(database.db, BENCH_SHOP);
    if (!shop) throw new Error("bench shop missing");
    const loadBefore = loadavg()[0] ?? 0;
    const serverCpuBefore = await postgresCpuSeconds(database);
    const cpuBefore = process.cpuUsage();
    const started = Date.now();
    await startHistoryImport(database, BENCH_SHOP, admin, at);
    await driveHistoryImports(database, shop.id, { admin, batchSize: Number(values.batch), pollIntervalMs: 1 });
    const seconds = (Date.now() - started) / 1000;
    const cpu = process.cpuUsage(cpuBefore);
    const cpuSeconds = (cpu.user + cpu.system) / 1e6;
    // The pool's connections stay open until close: their CPU is the import's (the first lookup opened one more).
    const serverCpuSeconds = (await postgresCpuSeconds(database)) - serverCpuBefore;
    const load = [loadBefore, loadavg()[0] ?? 0];
    const result = await latestHistoryImport(database.db, shop.id);
    if (result?.status !== "completed" || result.ordersImported !== ORDERS) throw new Error(`import did not finish: ${JSON.stringify(result)}`);
    const perSecond = Math.round(ORDERS / seconds);
    const perCpuSecond = Math.round(ORDERS / (cpuSeconds + serverCpuSeconds));
    console.log(
      `${kind}: ${ORDERS} orders + ${CUSTOMERS} customers in ${seconds.toFixed(1)} s: ${perSecond} orders/s (bar ${BAR_ORDERS_PER_SECOND}); ` +
        `CPU ${cpuSeconds.toFixed(1)} s import + ${serverCpuSeconds.toFixed(1)} s server = ${perCpuSecond} orders per CPU second; load average ${load.map((value) => value.toFixed(1)).join(" → ")}`,
    );
    return { ordersPerSecond: perSecond, seconds, cpuSeconds, serverCpuSeconds, ordersPerCpuSecond: perCpuSecond, loadAverage: load };
  } finally {
    await database.close();
    await prepared.drop();
  }
}

const exports = await startServer(["--import", "tsx", "bench/lib/history-exports.ts", "--orders", String(ORDERS), "--customers", String(CUSTOMERS)], {}, /listening on (\d+)/);
const results: Array<{ database: DatabaseKind } & Awaited<ReturnType<typeof run>>> = [];
try {
  for (const kind of values.databases.split(",") as DatabaseKind[]) results.push({ database: kind, ...(await run(kind, exports.url)) });
} finally {
  await exports.stop();
}
mkdirSync("bench/results", { recursive: true });
const file = `bench/results/import-${new Date().toISOString().replace(/[:.]/g, "-")}.json`;
writeFileSync(file, `${JSON.stringify({ orders: ORDERS, customers: CUSTOMERS, batch: Number(values.batch), bar: BAR_ORDERS_PER_SECOND, results }, null, 2)}\n`);
console.log(`written to ${file}`);
process.exit(results.every((result) => result.ordersPerSecond >= BAR_ORDERS_PER_SECOND) ? 0 : 1);
