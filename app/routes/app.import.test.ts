import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findShop } from "../repositories/shops.server";
import { loadRoute, submitRoute } from "../test/admin-requests";
import { startAppServer, type AppServer } from "../test/app-server";
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from "../test/databases";

const ROUTE = "routes/app.import";
type View = { status: string; phase: string; ordersImported: number; customersImported: number; skippedLines: number; startedAt: string } | null;

/**
 * The history import end to end: the real server with the sandbox's simulated Shopify
 * (WAFA_SANDBOX=1): its bulk operations export the demo store's history, the import
 * downloads the files over HTTP from the server's /sandbox/bulk/<id>.jsonl and stores rows.
 */
describe.each(DATABASE_KINDS)("the history import page, through signed requests against the sandbox store, on %s", (kind) => {
  let database: TestDatabase;
  let server: AppServer;
  let stateDir: string;
  const shop = `import-${kind}.myshopify.com`;

  const view = async (): Promise<View> => {
    const result = await loadRoute(server, shop, "/app/import", ROUTE);
    expect(result.status).toBe(200);
    return (result.data as { history: View }).history;
  };
  const settled = async (): Promise<View> => {
    for (let attempt = 0; attempt < 600; attempt++) {
      const current = await view();
      if (current && (current.status === "completed" || current.status === "failed")) return current;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    throw new Error("the import did not finish");
  };
  /** The simulated store's own record of its orders (the sandbox's state file). */
  const storeOrders = () => {
    const file = readdirSync(stateDir).find((name) => name.endsWith(".json"));
    if (!file) throw new Error("no sandbox state file");
    return (JSON.parse(readFileSync(path.join(stateDir, file), "utf8")) as { store: { orders: unknown[]; customers: unknown[] } }).store;
  };

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    stateDir = mkdtempSync(path.join(tmpdir(), "wafa-import-"));
    server = await startAppServer({
      databaseUrl: database.url,
      env: { NODE_ENV: "development", WAFA_SANDBOX: "1", SANDBOX_SHOP: shop, SANDBOX_SEED: "demo", SANDBOX_STATE_DIR: stateDir, SHOPIFY_API_KEY: "sandbox-test-key", SHOPIFY_API_SECRET: "sandbox-test-secret" },
    });
    for (let attempt = 0; attempt < 1200 && !server.output().includes("sandbox is ready"); attempt++) await new Promise((resolve) => setTimeout(resolve, 100));
  }, 180_000);
  afterAll(async () => {
    await server?.stop();
    await database?.drop();
    if (stateDir) rmSync(stateDir, { recursive: true, force: true });
  });

  it("GIVEN the shop was just installed THEN its first import started on its own, once", async () => {
    expect(server.output()).toContain("sandbox is ready");
    const shopId = (await findShop(database.db, shop))?.id ?? -1;
    const imports = await database.db.selectFrom("HistoryImport").select("id").where("shopId", "=", shopId).execute();
    expect(imports).toHaveLength(1);
    expect((await settled())?.status).toBe("completed");
  }, 180_000);

  it("WHEN the merchant imports again THEN every order of the store arrives as a row, as many as the store has, and the page shows them", async () => {
    const started = await submitRoute(server, shop, "/app/import", { intent: "start" });
    expect(started).toMatchObject({ status: 200, data: { started: true } });
    const finished = await settled();
    const store = storeOrders();
    expect(store.orders.length).toBeGreaterThan(0);
    expect(finished).toMatchObject({ status: "completed", phase: "done", ordersImported: store.orders.length, customersImported: store.customers.length, skippedLines: 0 });
    const shopId = (await findShop(database.db, shop))?.id ?? -1;
    const rows = await database.db.selectFrom("Order").select((eb) => eb.fn.countAll<number>().as("count")).where("shopId", "=", shopId).executeTakeFirstOrThrow();
    expect(Number(rows.count)).toBe(store.orders.length);
  }, 180_000);

  it("GIVEN a finished import WHEN points are granted without confirming THEN nothing is granted; confirmed twice THEN the second grants nothing more", async () => {
    expect(await submitRoute(server, shop, "/app/import", { intent: "grant" })).toMatchObject({ status: 400, data: { error: "Confirm the grant first." } });
    const first = await submitRoute(server, shop, "/app/import", { intent: "grant", confirmed: "yes" });
    expect(first).toMatchObject({ status: 200, data: { granted: { orders: expect.any(Number), points: expect.any(Number) } } });
    expect(await submitRoute(server, shop, "/app/import", { intent: "grant", confirmed: "yes" })).toMatchObject({ status: 200, data: { granted: { orders: 0, points: 0 } } });
  }, 60_000);

  it("GIVEN an unknown intent THEN 400 with a message", async () => {
    expect(await submitRoute(server, shop, "/app/import", { intent: "delete" })).toMatchObject({ status: 400, data: { error: "Unknown action." } });
  });
});
