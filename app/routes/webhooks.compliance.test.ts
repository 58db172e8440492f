import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findMemberBalanceAtShop, redactedKey } from "../repositories/customers.server";
import { findShop } from "../repositories/shops.server";
import { startAppServer, type AppServer } from "../test/app-server";
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from "../test/databases";
import { orderPayload } from "../test/payloads";
import { arrangeInstalledShop, postWebhook } from "../test/requests";

describe.each(DATABASE_KINDS)("install lifecycle and compliance webhooks on %s", (kind) => {
  let database: TestDatabase;
  let server: AppServer;
  const shop = `privacy-${kind}.myshopify.com`;

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    await arrangeInstalledShop(database, shop);
    server = await startAppServer({ databaseUrl: database.url });
    await postWebhook(server, { shop, topic: "orders/paid", body: orderPayload({ id: 9201, customerId: 701, subtotal: "80.00" }) });
    await postWebhook(server, { shop, topic: "orders/paid", body: orderPayload({ id: 9202, customerId: 702, subtotal: "20.00" }) });
  });
  afterAll(async () => {
    await server?.stop();
    await database?.drop();
  });

  const shopId = async () => (await findShop(database.db, shop))?.id ?? -1;

  it("customers/create enrols the customer", async () => {
    const body = { admin_graphql_api_id: "gid://shopify/Customer/703", id: 703, email: "new@example.com", first_name: "Nour", last_name: null, phone: null, created_at: "2026-03-05T00:00:00Z", updated_at: "2026-03-05T00:00:00Z" };
    expect((await postWebhook(server, { shop, topic: "customers/create", body })).status).toBe(200);
    expect(await findMemberBalanceAtShop(database.db, shop, "gid://shopify/Customer/703")).toEqual({ member: true, available: 0, pending: 0, lifetime: 0 });
  });

  it("customers/data_request produces and records an export of what Wafa holds", async () => {
    const body = { shop_id: 1, shop_domain: shop, customer: { id: 701, email: "john@example.com", phone: null }, orders_requested: [9201], data_request: { id: 55 } };
    expect((await postWebhook(server, { shop, topic: "customers/data_request", body })).status).toBe(200);
    const exported = await database.db.selectFrom("CustomerDataExport").selectAll().where("customerGid", "=", "gid://shopify/Customer/701").execute();
    expect(exported).toHaveLength(1);
    const document = JSON.parse(exported[0]?.export ?? "{}") as Record<string, unknown>;
    expect(document).toMatchObject({ dataRequestId: "55", held: true, membership: { member: true, points: { available: 80 } } });
    expect(document.orders).toEqual([expect.objectContaining({ orderGid: "gid://shopify/Order/9201" })]);
  });

  it("customers/redact removes personal data and keeps the anonymous ledger totals", async () => {
    const body = { shop_id: 1, shop_domain: shop, customer: { id: 701, email: "john@example.com", phone: null }, orders_to_redact: [9201] };
    expect((await postWebhook(server, { shop, topic: "customers/redact", body })).status).toBe(200);
    const id = await shopId();
    const row = await database.db.selectFrom("Customer").selectAll().where("customerGid", "=", redactedKey(id, "gid://shopify/Customer/701")).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ email: null, firstName: null, lastName: null, phone: null, pointsAvailable: 80, pointsLifetime: 80 });
    expect(await database.db.selectFrom("Customer").select("id").where("customerGid", "=", "gid://shopify/Customer/701").execute()).toEqual([]);
    expect(await database.db.selectFrom("CustomerDataExport").select("id").where("customerGid", "=", "gid://shopify/Customer/701").execute()).toEqual([]);

    // A later webhook for the redacted customer's order does not bring their personal data back.
    const update = orderPayload({ id: 9201, customerId: 701, subtotal: "80.00", updatedAt: "2026-03-09T00:00:00Z" });
    expect((await postWebhook(server, { shop, topic: "orders/updated", body: update })).status).toBe(200);
    expect(await database.db.selectFrom("Customer").select("id").where("customerGid", "=", "gid://shopify/Customer/701").execute()).toEqual([]);
    expect(await database.db.selectFrom("Customer").select("email").where("customerGid", "=", redactedKey(id, "gid://shopify/Customer/701")).executeTakeFirst()).toEqual({ email: null });
  });

  it("app/uninstalled removes the sessions and marks the shop, keeping its data; later webhooks write nothing", async () => {
    expect((await postWebhook(server, { shop, topic: "app/uninstalled", body: { id: 1, name: "Shop" } })).status).toBe(200);
    expect(await database.db.selectFrom("Session").select("id").where("shop", "=", shop).execute()).toEqual([]);
    const record = await findShop(database.db, shop);
    expect(record?.uninstalledAt).toBeInstanceOf(Date);
    expect(await findMemberBalanceAtShop(database.db, shop, "gid://shopify/Customer/702")).toMatchObject({ available: 20 });
    await postWebhook(server, { shop, topic: "orders/paid", body: orderPayload({ id: 9203, customerId: 702, subtotal: "500.00" }) });
    expect(await findMemberBalanceAtShop(database.db, shop, "gid://shopify/Customer/702")).toMatchObject({ available: 20 });
  });

  it("shop/redact deletes every row of the shop", async () => {
    expect((await postWebhook(server, { shop, topic: "shop/redact", body: { shop_id: 1, shop_domain: shop } })).status).toBe(200);
    for (const table of ["Customer", "Order", "LedgerJournal", "LedgerLine", "ProgramVersion", "OrderRefund", "CustomerDataExport"] as const) {
      expect(await database.db.selectFrom(table).select("id").execute()).toEqual([]);
    }
    expect(await findShop(database.db, shop)).toBeNull();
  });
});
