// `npm run bench:member`: GET /api/member with shopper session tokens through Wafa's real
// production server, against a minimal node:http handler doing only the session-token
// verification (node:crypto) and one indexed read (bench/ceiling/member-server.ts), same
// run, 50 concurrent connections, SQLite and PostgreSQL, 5,000 members.
// Bar: Wafa's throughput >= 50 % of the ceiling's; p99 <= 2x the ceiling's.
// Options: --seconds 10 --warmup 3 --connections 50 --rounds 2 --databases sqlite,postgres
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { openDatabase, type DatabaseKind } from "../app/db/database.server";
import { findShop } from "../app/repositories/shops.server";
import { mintExtensionSessionToken } from "../app/sandbox/session-token.server";
import { buildAppIfStale } from "../app/server/build-if-stale";
import { runLoad, type LoadResult } from "./lib/load";
import { benchOptions } from "./lib/options";
import { printComparison, verdict } from "./lib/report";
import { BENCH_KEY, BENCH_SECRET, BENCH_SHOP, prepareDatabase, startServer } from "./lib/setup";

const { seconds, warmupSeconds, connections, rounds, kinds } = benchOptions();
const MEMBERS = 5000;
const BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0 Safari/537.36";

buildAppIfStale();
/** Checkout extension session tokens (valid 5 minutes), minted per round. */
const mintTokens = () =>
  Array.from({ length: MEMBERS }, (_unused, index) =>
    mintExtensionSessionToken({ shop: BENCH_SHOP, apiKey: BENCH_KEY, apiSecret: BENCH_SECRET, customerGid: `gid://shopify/Customer/${900_000 + index}` }),
  );

async function seedMembers(url: string) {
  const database = openDatabase(url);
  const shop = await findShop(database.db, BENCH_SHOP);
  if (!shop) throw new Error("bench shop missing");
  const now = new Date();
  for (let start = 0; start < MEMBERS; start += 500) {
    await database.db
      .insertInto("Customer")
      .values(Array.from({ length: 500 }, (_unused, offset) => ({
        shopId: shop.id, customerGid: `gid://shopify/Customer/${900_000 + start + offset}`, email: `m${start + offset}@example.com`,
        enrolledAt: now, enrollmentSource: "customers/create", pointsAvailable: (start + offset) % 977, pointsLifetime: (start + offset) % 1999, createdAt: now, updatedAt: now,
      })))
      .execute();
  }
  await database.close();
}

let request = 0;
async function measure(kind: DatabaseKind, target: "ceiling" | "wafa", round: number): Promise<LoadResult> {
  const database = await prepareDatabase(kind, `wafa_bench_member_${target}_${kind}_${round}`);
  await seedMembers(database.url);
  const env = { DATABASE_URL: database.url, SHOPIFY_API_KEY: BENCH_KEY, SHOPIFY_API_SECRET: BENCH_SECRET, PORT: "0" };
  const server =
    target === "wafa"
      ? await startServer(["build/server/main.js"], { ...env, NODE_ENV: "production", LOG_LEVEL: "error", HOST: "127.0.0.1", SHOPIFY_APP_URL: "http://127.0.0.1" }, /Wafa listening on http:\/\/127\.0\.0\.1:(\d+)/)
      : await startServer(["--import", "tsx", "bench/ceiling/member-server.ts"], env, /ceiling listening on (\d+)/);
  const tokens = mintTokens();
  try {
    return await runLoad({
      url: server.url,
      connections,
      warmupSeconds,
      seconds,
      next: () => ({
        method: "GET",
        path: "/api/member",
        headers: { Authorization: `Bearer ${tokens[request++ % MEMBERS]}`, Origin: "https://extensions.shopifycdn.com", "User-Agent": BROWSER },
      }),
    });
  } finally {
    await server.stop();
    await database.drop();
  }
}

const results: Array<{ database: DatabaseKind; round: number; ceiling: LoadResult; wafa: LoadResult }> = [];
for (const kind of kinds) {
  for (let round = 1; round <= rounds; round++) {
    const ceiling = await measure(kind, "ceiling", round);
    const wafa = await measure(kind, "wafa", round);
    results.push({ database: kind, round, ceiling, wafa });
    printComparison(`GET /api/member, ${kind}, round ${round}`, ceiling, wafa);
  }
}
const summary = kinds.map((kind) => verdict(kind, results.filter((result) => result.database === kind)));
for (const line of summary) console.log(line.text);
mkdirSync(path.join("bench", "results"), { recursive: true });
const file = path.join("bench", "results", `member-${new Date().toISOString().replace(/[:.]/g, "-")}.json`);
writeFileSync(file, JSON.stringify({ connections, seconds, warmupSeconds, results, summary }, null, 2));
console.log(`\nresults: ${file}`);
process.exitCode = summary.every((line) => line.pass) ? 0 : 1;
