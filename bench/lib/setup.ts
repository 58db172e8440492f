// Benchmark fixtures: a fresh, migrated database per server run, with the shop installed
// as Shopify's auth and Wafa's afterAuth hook leave it.
import { spawn, type ChildProcess } from "node:child_process";
import { mkdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { Session } from "@shopify/shopify-api";
import pg from "pg";
import { openDatabase, type DatabaseKind } from "../../app/db/database.server";
import { migrateDatabase } from "../../app/db/migrate.server";
import { KyselySessionStorage } from "../../app/repositories/session-storage.server";
import { installShop } from "../../app/services/install-shop.server";

export const BENCH_SHOP = "bench.myshopify.com";
export const BENCH_KEY = "bench-api-key";
export const BENCH_SECRET = "bench-api-secret";
const POSTGRES_ADMIN = process.env.WAFA_BENCH_POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:5432/test";

export type BenchDatabase = { url: string; drop(): Promise<void> };

export async function prepareDatabase(kind: DatabaseKind, name: string): Promise<BenchDatabase> {
  let url: string;
  let drop: () => Promise<void>;
  if (kind === "sqlite") {
    const directory = path.join(tmpdir(), "wafa-bench");
    mkdirSync(directory, { recursive: true });
    const file = path.join(directory, `${name}.sqlite`);
    for (const suffix of ["", "-wal", "-shm"]) rmSync(`${file}${suffix}`, { force: true });
    url = `file:${file}`;
    drop = async () => {
      for (const suffix of ["", "-wal", "-shm"]) rmSync(`${file}${suffix}`, { force: true });
    };
  } else {
    const admin = new pg.Client({ connectionString: POSTGRES_ADMIN });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.query(`CREATE DATABASE "${name}"`);
    await admin.end();
    const target = new URL(POSTGRES_ADMIN);
    target.pathname = `/${name}`;
    url = target.toString();
    drop = async () => {
      const client = new pg.Client({ connectionString: POSTGRES_ADMIN });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await client.end();
    };
  }
  await migrateDatabase(url);
  const database = openDatabase(url);
  await new KyselySessionStorage(() => database.db).storeSession(
    new Session({
      id: `offline_${BENCH_SHOP}`,
      shop: BENCH_SHOP,
      state: "",
      isOnline: false,
      accessToken: "shpat_bench",
      scope: "read_orders,read_customers",
      expires: new Date(Date.now() + 24 * 3600 * 1000),
      refreshToken: "shprt_bench",
      refreshTokenExpires: new Date(Date.now() + 30 * 24 * 3600 * 1000),
    }),
  );
  const programStart = new Date("2026-01-01T00:00:00Z");
  await installShop(
    database,
    { domain: BENCH_SHOP, name: "Bench", currencyCode: "USD", ianaTimezone: "UTC", scopes: "read_orders", countTestOrders: false },
    { now: programStart, programStart },
  );
  await database.close();
  return { url, drop };
}

export type RunningServer = { url: string; stop(): Promise<void> };

/** Starts a server process and waits for the line announcing its port. */
export async function startServer(command: string[], env: Record<string, string>, announce: RegExp): Promise<RunningServer> {
  const child: ChildProcess = spawn(process.execPath, command, { env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  const port = await new Promise<string>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = announce.exec(output);
      if (match?.[1]) resolve(match[1]);
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.once("exit", (code) => reject(new Error(`server exited (${code}):\n${output}`)));
  });
  return {
    url: `http://127.0.0.1:${port}`,
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGTERM");
      await exited;
    },
  };
}
