import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findMemberBalanceAtShop } from "../repositories/customers.server";
import { startAppServer, type AppServer } from "../test/app-server";
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from "../test/databases";
import { orderPayload, sampleText } from "../test/payloads";
import { arrangeInstalledShop, postWebhook } from "../test/requests";
import { expectProjectionMatchesLedger } from "../test/shops";

describe.each(DATABASE_KINDS)("webhooks through the production server on %s", (kind) => {
  let database: TestDatabase;
  let server: AppServer;
  const shop = `hooks-${kind}.myshopify.com`;
  const otherShop = `hooks-other-${kind}.myshopify.com`;

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    await arrangeInstalledShop(database, shop);
    await arrangeInstalledShop(database, otherShop);
    server = await startAppServer({ databaseUrl: database.url });
  });
  afterAll(async () => {
    await server?.stop();
    await database?.drop();
  });

  const count = async (table: "Order" | "DeadLetter" | "LedgerJournal" | "OrderRefund" | "Customer") =>
    Number((await database.db.selectFrom(table).select((eb) => eb.fn.countAll().as("n")).executeTakeFirstOrThrow()).n);
  const balance = (domain: string, customerGid: string) => findMemberBalanceAtShop(database.db, domain, customerGid);

  it("GIVEN a signed orders/paid for 123.45 WHEN it arrives twice THEN 123 points are earned once", async () => {
    const body = orderPayload({ id: 9001, customerId: 501, subtotal: "123.45" });
    for (let delivery = 0; delivery < 2; delivery++) {
      expect((await postWebhook(server, { shop, topic: "orders/paid", body })).status).toBe(200);
    }
    expect(await balance(shop, "gid://shopify/Customer/501")).toEqual({ member: true, available: 123, pending: 0, lifetime: 123 });
  });

  it("GIVEN a bad or missing HMAC THEN 401 and nothing is written", async () => {
    const before = await Promise.all([count("Order"), count("DeadLetter"), count("LedgerJournal")]);
    const body = orderPayload({ id: 9002, customerId: 502, subtotal: "50.00" });
    expect((await postWebhook(server, { shop, topic: "orders/paid", body, hmac: "bm90IHRoZSByaWdodCBzaWduYXR1cmU=" })).status).toBe(401);
    expect((await postWebhook(server, { shop, topic: "orders/paid", body, hmac: null })).status).toBe(401);
    expect(await Promise.all([count("Order"), count("DeadLetter"), count("LedgerJournal")])).toEqual(before);
  });

  it("GIVEN a shop that is not installed THEN 200 and nothing is written", async () => {
    const before = await Promise.all([count("Order"), count("DeadLetter"), count("Customer")]);
    const response = await postWebhook(server, { shop: "never-installed.myshopify.com", topic: "orders/paid", body: orderPayload({ id: 9003, subtotal: "10.00" }) });
    expect(response.status).toBe(200);
    expect(await Promise.all([count("Order"), count("DeadLetter"), count("Customer")])).toEqual(before);
  });

  it("GIVEN JSON that breaks the schema (Shopify's anonymised order, whose values are dummies) THEN 200, a dead letter with the reason, and nothing else", async () => {
    const before = await Promise.all([count("Order"), count("Customer"), count("LedgerJournal")]);
    const response = await postWebhook(server, { shop, topic: "orders/updated", body: sampleText("real-anonymised/orders_1.json") });
    expect(response.status).toBe(200);
    const letters = await database.db.selectFrom("DeadLetter").selectAll().where("shopDomain", "=", shop).execute();
    expect(letters).toHaveLength(1);
    expect(letters[0]).toMatchObject({ topic: "orders/updated" });
    expect(letters[0]?.reason).toMatch(/gid:\/\/shopify\/Order|not a decimal amount|currency/);
    expect(await Promise.all([count("Order"), count("Customer"), count("LedgerJournal")])).toEqual(before);
  });

  it("GIVEN a signed body that is not JSON THEN 400", async () => {
    expect((await postWebhook(server, { shop, topic: "orders/paid", body: "{not json" })).status).toBe(400);
  });

  it("GIVEN a body over 1 MiB THEN 413", async () => {
    const body = JSON.stringify({ ...orderPayload({ id: 9004, subtotal: "1.00" }), note: "x".repeat(1024 * 1024) });
    expect((await postWebhook(server, { shop, topic: "orders/paid", body })).status).toBe(413);
  });

  it("GIVEN the documented samples (a cancelled, voided test order and its refund) THEN they are stored and earn nothing", async () => {
    expect((await postWebhook(server, { shop, topic: "orders/paid", body: sampleText("orders_paid.json") })).status).toBe(200);
    expect((await postWebhook(server, { shop, topic: "refunds/create", body: sampleText("refunds_create.json") })).status).toBe(200);
    expect((await postWebhook(server, { shop, topic: "orders/cancelled", body: sampleText("orders_cancelled.json") })).status).toBe(200);
    const order = await database.db.selectFrom("Order").select(["financialStatus", "test", "cancelledAt"]).where("orderGid", "=", "gid://shopify/Order/820982911946154508").executeTakeFirst();
    expect(order).toMatchObject({ financialStatus: "voided", test: true });
    expect(await database.db.selectFrom("OrderRefund").select("refundGid").where("refundGid", "=", "gid://shopify/Refund/890088186047892319").execute()).toHaveLength(1);
    expect(await balance(shop, "gid://shopify/Customer/115310627314723954")).toMatchObject({ available: 0 });
  });

  it("GIVEN a refund whose order id is beyond 2^53 THEN the order id is kept exactly", async () => {
    const refund = sampleText("refunds_create.json").replace('"order_id": 820982911946154500', '"order_id": 9007199254740993').replace("gid://shopify/Refund/890088186047892319", "gid://shopify/Refund/42");
    expect((await postWebhook(server, { shop, topic: "refunds/create", body: refund })).status).toBe(200);
    const stored = await database.db.selectFrom("OrderRefund").select("orderGid").where("refundGid", "=", "gid://shopify/Refund/42").executeTakeFirst();
    expect(stored?.orderGid).toBe("gid://shopify/Order/9007199254740993");
  });

  it("GIVEN a partial refund before the order update that reflects it THEN the points converge on the final subtotal", async () => {
    const paid = orderPayload({ id: 9010, customerId: 510, subtotal: "200.00", updatedAt: "2026-03-02T10:00:00Z" });
    const refund = {
      ...(JSON.parse(sampleText("refunds_create.json")) as Record<string, unknown>),
      id: 9011, admin_graphql_api_id: "gid://shopify/Refund/9011", order_id: 9010,
      refund_line_items: [{ id: 1, quantity: 1, line_item_id: 1, subtotal: 75, subtotal_set: { shop_money: { amount: "75.00", currency_code: "USD" } }, line_item: { gift_card: false } }],
    };
    const updated = orderPayload({
      id: 9010, customerId: 510, subtotal: "125.00", financialStatus: "partially_refunded", updatedAt: "2026-03-03T10:00:00Z", refunds: [refund],
    });
    for (const [topic, body] of [["orders/paid", paid], ["refunds/create", refund], ["orders/updated", updated], ["orders/paid", paid]] as const) {
      expect((await postWebhook(server, { shop, topic, body })).status).toBe(200);
    }
    expect(await balance(shop, "gid://shopify/Customer/510")).toEqual({ member: true, available: 125, pending: 0, lifetime: 125 });
    await expectProjectionMatchesLedger(database, shop);
  });

  it("GIVEN NODE_ENV=production THEN the sandbox's routes do not exist", async () => {
    for (const route of ["/sandbox/admin", "/sandbox/id-token", "/sandbox/app-bridge.js"]) {
      expect((await fetch(new URL(route, server.url))).status).toBe(404);
    }
  });

  it("GIVEN two shops with the same customer id THEN neither sees the other's points", async () => {
    await postWebhook(server, { shop, topic: "orders/paid", body: orderPayload({ id: 9020, customerId: 777, subtotal: "10.00" }) });
    await postWebhook(server, { shop: otherShop, topic: "orders/paid", body: orderPayload({ id: 9020, customerId: 777, subtotal: "99.00" }) });
    expect(await balance(shop, "gid://shopify/Customer/777")).toMatchObject({ available: 10 });
    expect(await balance(otherShop, "gid://shopify/Customer/777")).toMatchObject({ available: 99 });
  });
});
