// `npm run bench:webhooks`: signed orders/paid webhooks through Wafa's real production
// server over loopback, against a minimal node:http handler doing only HMAC verify + JSON
// parse + the same ledger transaction (bench/ceiling/webhook-server.ts), measured in the
// same run, 50 concurrent connections, on SQLite and PostgreSQL.
// Bar (issue #2): Wafa's throughput >= 50 % of the ceiling's; p99 <= 2x the ceiling's.
// Options: --seconds 10 --warmup 3 --connections 50 --rounds 2 --databases sqlite,postgres
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { DatabaseKind } from "../app/db/database.server";
import { buildAppIfStale } from "../app/server/build-if-stale";
import { runLoad, type LoadResult } from "./lib/load";
import { benchOptions } from "./lib/options";
import { signedOrderPaid } from "./lib/orders";
import { BENCH_KEY, BENCH_SECRET, BENCH_SHOP, prepareDatabase, startServer } from "./lib/setup";
import { printComparison, verdict } from "./lib/report";

const { seconds, warmupSeconds, connections, rounds, kinds } = benchOptions();

buildAppIfStale();
let nextOrder = 1_000_000 + Math.floor(Math.random() * 1_000_000) * 1000;

async function measure(kind: DatabaseKind, target: "ceiling" | "wafa", round: number): Promise<LoadResult> {
  const database = await prepareDatabase(kind, `wafa_bench_${target}_${kind}_${round}`);
  const server =
    target === "wafa"
      ? await startServer(
          ["build/server/main.js"],
          { NODE_ENV: "production", LOG_LEVEL: "error", PORT: "0", HOST: "127.0.0.1", DATABASE_URL: database.url, SHOPIFY_API_KEY: BENCH_KEY, SHOPIFY_API_SECRET: BENCH_SECRET, SHOPIFY_APP_URL: "http://127.0.0.1" },
          /Wafa listening on http:\/\/127\.0\.0\.1:(\d+)/,
        )
      : await startServer(["--import", "tsx", "bench/ceiling/webhook-server.ts"], { DATABASE_URL: database.url, SHOPIFY_API_SECRET: BENCH_SECRET, PORT: "0" }, /ceiling listening on (\d+)/);
  try {
    return await runLoad({
      url: server.url,
      connections,
      warmupSeconds,
      seconds,
      next: () => {
        const orderId = nextOrder++;
        return signedOrderPaid({ shop: BENCH_SHOP, secret: BENCH_SECRET, orderId, customerId: 500_000 + (orderId % 5000), path: "/webhooks/orders/paid" });
      },
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
    printComparison(`orders/paid webhooks, ${kind}, round ${round}`, ceiling, wafa);
  }
}

const summary = kinds.map((kind) => verdict(kind, results.filter((result) => result.database === kind)));
for (const line of summary) console.log(line.text);
mkdirSync(path.join("bench", "results"), { recursive: true });
const file = path.join("bench", "results", `webhooks-${new Date().toISOString().replace(/[:.]/g, "-")}.json`);
writeFileSync(file, JSON.stringify({ connections, seconds, warmupSeconds, results, summary }, null, 2));
console.log(`\nresults: ${file}`);
process.exitCode = summary.every((line) => line.pass) ? 0 : 1;
