import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findCustomer } from "../repositories/customers.server";
import { latestHistoryImport } from "../repositories/history-import.server";
import { findOrder } from "../repositories/orders.server";
import { parseWebhookJson } from "../shopify/json";
import { orderFacts, OrderPayload } from "../shopify/payloads/order";
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from "../test/databases";
import { customerLine, fakeShopifyExports, jsonl, orderLines } from "../test/history-jsonl";
import { orderPayload } from "../test/payloads";
import { expectProjectionMatchesLedger, installTestShop } from "../test/shops";
import { grantHistoryPoints } from "./grant-history-points.server";
import { driveHistoryImports, startHistoryImport } from "./import-history.server";
import { recordOrderEvent } from "./record-order-event.server";

/** As the webhook route reads a payload: ids beyond 2^53 stay exact. */
const asWebhook = (payload: Record<string, unknown>) => parseWebhookJson(JSON.stringify(payload));

const NOW = new Date("2026-03-01T12:00:00Z");
const clock = () => NOW;

/** Three customers, five orders before the program (2025) and one under it (2026-02). */
const files = () => ({
  customers: jsonl([customerLine(1), customerLine(2), customerLine(3)]),
  orders: jsonl([
    ...orderLines({ id: 101, customerId: 1, processedAt: "2025-03-01T10:00:00Z" }),
    ...orderLines({ id: 102, customerId: 1, processedAt: "2025-04-01T10:00:00Z", lines: 3 }),
    ...orderLines({ id: 103, customerId: 2, processedAt: "2025-05-01T10:00:00Z", status: "PARTIALLY_REFUNDED", subtotal: "10.00", refundIds: [9001] }),
    ...orderLines({ id: 104, customerId: null, processedAt: "2025-06-01T10:00:00Z" }),
    ...orderLines({ id: 105, customerId: 3, processedAt: "2025-07-01T10:00:00Z", cancelledAt: "2025-07-02T10:00:00Z", status: "REFUNDED" }),
    ...orderLines({ id: 106, customerId: 2, processedAt: "2026-02-01T10:00:00Z" }),
  ]),
});

async function importAll(database: TestDatabase, shop: string, fake: ReturnType<typeof fakeShopifyExports>, batchSize = 2) {
  const started = await startHistoryImport(database, shop, fake.admin, NOW);
  expect(started.status).toBe("started");
  const shopId = (await database.db.selectFrom("Shop").select("id").where("domain", "=", shop).executeTakeFirstOrThrow()).id;
  return { shopId, run: () => driveHistoryImports(database, shopId, { admin: fake.admin, fetch: fake.fetch, batchSize, clock, pollIntervalMs: 1 }) };
}

async function orderRows(database: TestDatabase, shopId: number) {
  return database.db
    .selectFrom("Order")
    .select(["orderGid", "customerId", "subtotalMinor", "netSpendMinor", "financialStatus", "shopifyUpdatedAt", "points", "programVersion"])
    .where("shopId", "=", shopId)
    .orderBy("orderGid")
    .execute();
}

describe.each(DATABASE_KINDS)("history import on %s", (kind) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase(kind);
  });
  afterAll(() => database.drop());

  it("GIVEN a shop's exports WHEN imported twice THEN the same rows, past orders without points, the program's order with its points", async () => {
    const shop = "twice.myshopify.com";
    await installTestShop(database, shop);
    const fake = fakeShopifyExports(files());
    const { shopId, run } = await importAll(database, shop, fake);
    expect(await run()).toEqual({ complete: true });
    const first = await orderRows(database, shopId);
    expect(first).toHaveLength(6);
    expect(await latestHistoryImport(database.db, shopId)).toMatchObject({ status: "completed", phase: "done", customersImported: 3, ordersImported: 6, skippedLines: 0 });
    const past = first.filter((row) => row.orderGid !== "gid://shopify/Order/106");
    expect(past.every((row) => row.points === 0 && row.programVersion === null)).toBe(true);
    expect(first.find((row) => row.orderGid === "gid://shopify/Order/103")).toMatchObject({ subtotalMinor: 1000, netSpendMinor: 1000, financialStatus: "partially_refunded" });
    expect(first.find((row) => row.orderGid === "gid://shopify/Order/106")).toMatchObject({ points: 20 });
    expect(await findCustomer(database.db, shopId, "gid://shopify/Customer/1")).toMatchObject({ email: "c1@example.com", lastOrderAt: new Date("2025-04-01T10:00:00Z") });

    expect((await startHistoryImport(database, shop, fake.admin, NOW)).status).toBe("started");
    expect(await run()).toEqual({ complete: true });
    expect(await orderRows(database, shopId)).toEqual(first);
    expect(await database.db.selectFrom("LedgerJournal").select("key").where("shopId", "=", shopId).execute()).toHaveLength(1);
    await expectProjectionMatchesLedger(database, shop);
  });

  it("GIVEN an import under way WHEN asked to start another THEN it is refused as already running", async () => {
    const shop = "busy.myshopify.com";
    await installTestShop(database, shop);
    const fake = fakeShopifyExports(files());
    await importAll(database, shop, fake);
    expect((await startHistoryImport(database, shop, fake.admin, NOW)).status).toBe("already_running");
  });

  it("GIVEN a newer webhook already stored WHEN the import brings an older state THEN the webhook's state stays; and the other way round the import's newer state wins", async () => {
    const shop = "converge.myshopify.com";
    await installTestShop(database, shop);
    const newer = OrderPayload.parse(asWebhook(orderPayload({ id: 101, customerId: 1, subtotal: "0.00", financialStatus: "refunded", updatedAt: "2025-12-01T00:00:00Z", processedAt: "2025-03-01T10:00:00Z" })));
    await recordOrderEvent(database, shop, { kind: "order", facts: orderFacts(newer) }, { topic: "orders/updated", receivedAt: NOW });
    const fake = fakeShopifyExports(files());
    const { shopId, run } = await importAll(database, shop, fake);
    await run();
    const order101 = await findOrder(database.db, shopId, "gid://shopify/Order/101");
    expect(order101?.snapshot).toMatchObject({ financialStatus: "refunded", updatedAt: new Date("2025-12-01T00:00:00Z") });

    const older = OrderPayload.parse(asWebhook(orderPayload({ id: 102, customerId: 1, subtotal: "5.00", financialStatus: "pending", updatedAt: "2025-04-01T09:00:00Z", processedAt: "2025-04-01T09:00:00Z" })));
    await recordOrderEvent(database, shop, { kind: "order", facts: orderFacts(older) }, { topic: "orders/create", receivedAt: NOW });
    const order102 = await findOrder(database.db, shopId, "gid://shopify/Order/102");
    expect(order102?.snapshot).toMatchObject({ financialStatus: "paid", subtotalMinor: 3000, updatedAt: new Date("2025-04-01T10:00:00Z") });
    expect(await database.db.selectFrom("Order").select("id").where("shopId", "=", shopId).execute()).toHaveLength(6);
  });

  it("GIVEN a download that breaks off mid-file WHEN the import is driven again THEN it resumes from its checkpoint with nothing counted twice", async () => {
    const shop = "crash.myshopify.com";
    await installTestShop(database, shop);
    const fake = fakeShopifyExports(files());
    const { shopId } = await importAll(database, shop, fake, 2);
    const ordersSize = Buffer.byteLength(files().orders);
    let broken = false;
    const breakingFetch = async (url: string, init: RequestInit) => {
      // The second file (orders) breaks off after half of it.
      if (!broken && url.endsWith("/1.jsonl")) {
        broken = true;
        fake.state.failAfterBytes = Math.floor(ordersSize / 2);
      }
      return fake.fetch(url, init);
    };
    await expect(driveHistoryImports(database, shopId, { admin: fake.admin, fetch: breakingFetch, batchSize: 2, clock, pollIntervalMs: 1 })).rejects.toThrow(/connection reset/);
    const interrupted = await latestHistoryImport(database.db, shopId);
    expect(interrupted).toMatchObject({ phase: "orders", status: "downloading" });
    expect(interrupted?.linesDone).toBeGreaterThan(0);
    expect(interrupted?.bytesDone).toBeLessThan(ordersSize);
    expect(interrupted?.bytesDone).toBeGreaterThan(0);

    await driveHistoryImports(database, shopId, { admin: fake.admin, fetch: fake.fetch, batchSize: 2, clock, pollIntervalMs: 1 });
    expect(fake.state.rangeRequests).toBeGreaterThan(0);
    expect(await latestHistoryImport(database.db, shopId)).toMatchObject({ status: "completed", ordersImported: 6, customersImported: 3 });
    expect(await database.db.selectFrom("Order").select("id").where("shopId", "=", shopId).execute()).toHaveLength(6);
  });

  it("GIVEN imported past orders WHEN the merchant grants points twice THEN each qualifying order is rewarded once", async () => {
    const shop = "grant.myshopify.com";
    await installTestShop(database, shop);
    const fake = fakeShopifyExports(files());
    const { shopId, run } = await importAll(database, shop, fake);
    await run();
    // 101 (20.00), 102 (30.00), 103 (10.00 after its refund); not the guest's 104 nor the cancelled 105.
    expect(await grantHistoryPoints(database, shop, "staff:1", NOW)).toEqual({ status: "granted", orders: 3, points: 60 });
    expect(await grantHistoryPoints(database, shop, "staff:1", NOW)).toEqual({ status: "granted", orders: 0, points: 0 });
    expect(await findCustomer(database.db, shopId, "gid://shopify/Customer/1")).toMatchObject({ pointsAvailable: 50 });
    expect((await findCustomer(database.db, shopId, "gid://shopify/Customer/1"))?.enrolledAt).not.toBeNull();
    await expectProjectionMatchesLedger(database, shop);
  });

  it("GIVEN no finished import THEN there is nothing to grant", async () => {
    const shop = "nogrant.myshopify.com";
    await installTestShop(database, shop);
    expect(await grantHistoryPoints(database, shop, "staff:1", NOW)).toEqual({ status: "no_completed_import" });
  });
});
