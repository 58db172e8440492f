import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { orderAccrual } from "../repositories/ledger.server";
import { findShop } from "../repositories/shops.server";
import { API_VERSION } from "../shopify/api-version";
import { startAppServer, type AppServer } from "../test/app-server";
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from "../test/databases";
import { expectedPointsFromPayload } from "../test/expected-points";
import { expectProjectionMatchesLedger } from "../test/shops";
import { SANDBOX_BROWSER } from "./boot.server";
import { deliverWebhooks, type Webhook } from "./delivery.server";
import { DEMO_PRODUCTS } from "./store/catalogue";
import { SandboxStore, SandboxStoreError } from "./store/store";

type Step =
  | { kind: "pay" }
  | { kind: "refund"; line: number; units: number }
  | { kind: "edit_add"; product: number }
  | { kind: "edit_remove"; line: number }
  | { kind: "cancel"; refund: boolean }
  | { kind: "change_customer"; to: "other" | "guest" };

const stepArb: fc.Arbitrary<Step> = fc.oneof(
  { arbitrary: fc.constant({ kind: "pay" as const }), weight: 3 },
  { arbitrary: fc.record({ kind: fc.constant("refund" as const), line: fc.nat(3), units: fc.integer({ min: 1, max: 2 }) }), weight: 3 },
  { arbitrary: fc.record({ kind: fc.constant("edit_add" as const), product: fc.nat(DEMO_PRODUCTS.length - 1) }), weight: 1 },
  { arbitrary: fc.record({ kind: fc.constant("edit_remove" as const), line: fc.nat(3) }), weight: 1 },
  { arbitrary: fc.record({ kind: fc.constant("cancel" as const), refund: fc.boolean() }), weight: 1 },
  { arbitrary: fc.record({ kind: fc.constant("change_customer" as const), to: fc.constantFrom("other" as const, "guest" as const) }), weight: 1 },
);

describe.each(DATABASE_KINDS)("the sandbox on %s", (kind) => {
  let database: TestDatabase;
  let server: AppServer;
  let stateDir: string;
  const shop = `sandbox-${kind}.myshopify.com`;

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    stateDir = mkdtempSync(path.join(tmpdir(), "wafa-sandbox-"));
    server = await startAppServer({
      databaseUrl: database.url,
      env: { NODE_ENV: "development", WAFA_SANDBOX: "1", SANDBOX_SHOP: shop, SANDBOX_SEED: "none", SANDBOX_STATE_DIR: stateDir, SHOPIFY_API_KEY: "sandbox-test-key", SHOPIFY_API_SECRET: "sandbox-test-secret" },
    });
    for (let attempt = 0; attempt < 100 && !server.output().includes("sandbox is ready"); attempt++) await new Promise((resolve) => setTimeout(resolve, 100));
  });
  afterAll(async () => {
    await server?.stop();
    await database?.drop();
    if (stateDir) rmSync(stateDir, { recursive: true, force: true });
  });

  it("GIVEN the sandbox started THEN it installed the shop through token exchange and afterAuth, with test orders counting", async () => {
    expect(server.output()).toContain("sandbox is ready");
    const record = await findShop(database.db, shop);
    expect(record).toMatchObject({ domain: shop, name: "Wafa Sandbox Store", currencyCode: "USD", countTestOrders: true });
    const session = await database.db.selectFrom("Session").select(["id", "accessToken", "refreshToken", "expires"]).where("shop", "=", shop).executeTakeFirst();
    expect(session?.accessToken).toMatch(/^shpat_sandbox_/);
    expect(session?.refreshToken).toMatch(/^shprt_sandbox_/);
  });

  it("GIVEN the printed admin URL THEN the embedded admin renders the program and members without Shopify around it", async () => {
    const response = await fetch(new URL("/sandbox/admin", server.url), { headers: { "User-Agent": SANDBOX_BROWSER } });
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain("Your program");
    expect(html).toContain("1 point for every $1.00 spent");
    expect(html).toContain("/sandbox/app-bridge.js");
  });

  it("GIVEN the simulated store's API THEN a sign-up, a paid order and a refund reach the ledger as signed webhooks", async () => {
    const command = async (body: unknown) => {
      const response = await fetch(new URL("/sandbox/api", server.url), { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });
      return { status: response.status, body: (await response.json()) as { ok: boolean; error?: string; deliveries?: Array<{ topic: string; status: number }> } };
    };
    const created = await command({ command: "create-customer", firstName: "Salma", lastName: "Aziz", email: `salma-${kind}@example.com` });
    expect(created.body).toMatchObject({ ok: true, deliveries: [{ topic: "customers/create", status: 200 }] });
    const runtimeCustomer = await database.db.selectFrom("Customer").select(["customerGid", "enrolledAt"]).where("email", "=", `salma-${kind}@example.com`).executeTakeFirstOrThrow();
    expect(runtimeCustomer.enrolledAt).toBeInstanceOf(Date);
    const customerId = runtimeCustomer.customerGid.split("/").pop();

    const tee = DEMO_PRODUCTS.find((product) => product.title === "Organic Cotton Tee")!;
    const placed = await command({ command: "place-order", customerId, productId: tee.productId, quantity: 3, paid: true });
    expect(placed.body.deliveries?.map((delivery) => [delivery.topic, delivery.status])).toEqual([["orders/create", 200], ["orders/paid", 200]]);
    const record = (await findShop(database.db, shop))!;
    const balance = async () => (await database.db.selectFrom("Customer").select("pointsAvailable").where("customerGid", "=", runtimeCustomer.customerGid).executeTakeFirstOrThrow()).pointsAvailable;
    expect(await balance()).toBe(Math.floor((tee.priceCents * 3) / 100));

    const order = await database.db.selectFrom("Order").select(["orderGid", "lineItems"]).where("customerId", "is not", null).orderBy("id", "desc").executeTakeFirstOrThrow();
    const [line] = JSON.parse(order.lineItems) as Array<{ lineItemId: string }>;
    const refunded = await command({ command: "refund", orderId: order.orderGid.split("/").pop(), lineItemId: line!.lineItemId.split("/").pop(), quantity: 1 });
    expect(refunded.body.deliveries?.map((delivery) => delivery.topic)).toEqual(["refunds/create", "orders/updated"]);
    expect(await balance()).toBe(Math.floor((tee.priceCents * 2) / 100));
    expect(record.id).toBeGreaterThan(0);

    const refused = await command({ command: "refund", orderId: order.orderGid.split("/").pop(), lineItemId: line!.lineItemId.split("/").pop(), quantity: 50 });
    expect(refused.status).toBe(400);
    expect(refused.body.ok).toBe(false);
    expect(await balance()).toBe(Math.floor((tee.priceCents * 2) / 100));
  });

  it("GIVEN the simulated store's page THEN it lists the orders with their actions", async () => {
    const response = await fetch(new URL("/sandbox", server.url));
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain("Simulated store");
    expect(html).toContain("Place an order");
    expect(html).toContain("Refund 1 unit");
  });

  it("GIVEN random order lifecycles delivered as signed webhooks with duplicates, out of order, concurrently THEN every order's points equal the default program on its final state", async () => {
    const record = await findShop(database.db, shop);
    if (!record) throw new Error("not installed");
    let run = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          lines: fc.array(fc.record({ product: fc.nat(DEMO_PRODUCTS.length - 1), quantity: fc.integer({ min: 1, max: 3 }) }), { minLength: 1, maxLength: 3 }),
          paid: fc.boolean(),
          test: fc.boolean(),
          steps: fc.array(stepArb, { maxLength: 7 }),
          duplicates: fc.array(fc.nat(40), { maxLength: 6 }),
          order: fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 60, maxLength: 60 }),
        }),
        async (scenario) => {
          const store = SandboxStore.empty({ shopDomain: shop, currency: "USD", idBase: 6_000_000_000_000 + run++ * 10_000 });
          let at = new Date(Date.now() - 30 * 24 * 3600 * 1000);
          const next = () => (at = new Date(at.getTime() + 60_000));
          const emitted: Webhook[] = [];
          const first = store.createCustomer({ firstName: "Ada", lastName: `Run${run}`, email: `ada${run}-${kind}@example.com` }, next());
          const second = store.createCustomer({ firstName: "Omar", lastName: `Run${run}`, email: `omar${run}-${kind}@example.com` }, next());
          emitted.push(...first.emitted, ...second.emitted);
          const placed = store.placeOrder(
            {
              customerId: first.customerId,
              lines: scenario.lines.map(({ product, quantity }) => {
                const item = DEMO_PRODUCTS[product] ?? DEMO_PRODUCTS[0]!;
                return { productId: item.productId, title: item.title, unitPrice: (item.priceCents / 100).toFixed(2), quantity, giftCard: item.giftCard };
              }),
              paid: scenario.paid,
              test: scenario.test,
            },
            next(),
          );
          emitted.push(...placed.emitted);
          for (const step of scenario.steps) {
            const order = store.order(placed.orderId);
            const line = order?.lines[("line" in step ? step.line : 0) % (order?.lines.length ?? 1)];
            try {
              if (step.kind === "pay") emitted.push(...store.payOrder(placed.orderId, next()).emitted);
              if (step.kind === "refund" && line) emitted.push(...store.refundLines(placed.orderId, [{ lineItemId: line.lineItemId, quantity: step.units }], next()).emitted);
              if (step.kind === "edit_add") {
                const item = DEMO_PRODUCTS[step.product] ?? DEMO_PRODUCTS[0]!;
                if (!item.giftCard) emitted.push(...store.editOrder(placed.orderId, { add: [{ productId: item.productId, title: item.title, unitPrice: (item.priceCents / 100).toFixed(2), quantity: 1 }] }, next()).emitted);
              }
              if (step.kind === "edit_remove" && line) emitted.push(...store.editOrder(placed.orderId, { removeUnits: [{ lineItemId: line.lineItemId, quantity: 1 }] }, next()).emitted);
              if (step.kind === "cancel") emitted.push(...store.cancelOrder(placed.orderId, next(), { refund: step.refund }).emitted);
              if (step.kind === "change_customer") emitted.push(...store.changeOrderCustomer(placed.orderId, step.to === "other" ? second.customerId : null, next()).emitted);
            } catch (error) {
              if (!(error instanceof SandboxStoreError)) throw error;
            }
          }
          const finalPayload = emitted.filter((webhook) => webhook.topic.startsWith("orders/")).at(-1)?.payload;
          const expected = expectedPointsFromPayload(finalPayload, true);

          // At least once, in any order: duplicates, then a shuffle, then delivered four at a time.
          const deliveries = [...emitted, ...scenario.duplicates.map((index) => emitted[index % emitted.length]!)]
            .map((webhook, index) => ({ webhook, key: scenario.order[index % 60] ?? 0 }))
            .sort((a, b) => a.key - b.key)
            .map(({ webhook }) => webhook);
          const results = await deliverWebhooks({ appUrl: server.url, apiSecret: server.apiSecret, shop, apiVersion: API_VERSION }, deliveries, { concurrency: 4 });
          expect(results.every((result) => result.status === 200)).toBe(true);

          const accrual = await orderAccrual(database.db, record.id, `gid://shopify/Order/${placed.orderId}`);
          const held = [...accrual.byCustomer].filter(([, holding]) => holding.available !== 0 || holding.pending !== 0);
          expect(held).toEqual(expected.points > 0 && expected.customerGid ? [[expected.customerGid, { pending: 0, available: expected.points }]] : []);
        },
      ),
      { numRuns: 30 },
    );
    await expectProjectionMatchesLedger(database, shop);
  });
});
