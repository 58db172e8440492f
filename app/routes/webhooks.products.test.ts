import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { defaultProgramRules } from "../loyalty/program/program";
import { findMemberBalanceAtShop } from "../repositories/customers.server";
import { addProgramVersion } from "../repositories/program-versions.server";
import { startAppServer, type AppServer } from "../test/app-server";
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from "../test/databases";
import { orderPayload } from "../test/payloads";
import { arrangeInstalledShop, postWebhook } from "../test/requests";
import { PROGRAM_START } from "../test/shops";

// The product of the documented orders/paid sample's first line: its id is beyond 2^53, so
// the bodies are written as text to keep it exact.
const PRODUCT_ID = "788032119674292900";
const productBody = (tags: string, updatedAt: string) =>
  `{"id":${PRODUCT_ID},"admin_graphql_api_id":"gid://shopify/Product/${PRODUCT_ID}","title":"IPod Nano - 8GB","tags":"${tags}","status":"active","updated_at":"${updatedAt}"}`;

describe.each(DATABASE_KINDS)("products webhooks on %s", (kind) => {
  let database: TestDatabase;
  let server: AppServer;
  const shop = `products-${kind}.myshopify.com`;

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    const installed = await arrangeInstalledShop(database, shop);
    const rules = defaultProgramRules("USD");
    await addProgramVersion(
      database.db,
      installed.id,
      { rules: { ...rules, earning: { ...rules.earning, spend: { ...rules.earning.spend, base: { ...rules.earning.spend.base, excludedProductTags: ["no-points"] } } } }, effectiveAt: PROGRAM_START, createdBy: "test" },
      PROGRAM_START,
    );
    server = await startAppServer({ databaseUrl: database.url });
  });
  afterAll(async () => {
    await server?.stop();
    await database?.drop();
  });

  const product = () => database.db.selectFrom("Product").select(["productGid", "tags", "deletedAt"]).where("productGid", "=", `gid://shopify/Product/${PRODUCT_ID}`).executeTakeFirst();

  it("GIVEN products/update then an older products/create THEN the newer tags stay, parsed from Shopify's comma-separated string", async () => {
    expect((await postWebhook(server, { shop, topic: "products/update", body: productBody("sale, no-points,sale", "2026-02-10T10:00:00-05:00") })).status).toBe(200);
    expect((await postWebhook(server, { shop, topic: "products/create", body: productBody("", "2026-02-01T10:00:00-05:00") })).status).toBe(200);
    expect(await product()).toMatchObject({ tags: JSON.stringify(["sale", "no-points"]), deletedAt: null });
  });

  it("GIVEN the program leaves out products tagged no-points THEN an order of that product earns nothing, another product earns", async () => {
    await postWebhook(server, { shop, topic: "orders/paid", body: orderPayload({ id: 9301, customerId: 701, subtotal: "80.00" }) });
    expect(await findMemberBalanceAtShop(database.db, shop, "gid://shopify/Customer/701")).toMatchObject({ available: 0 });
    const other = orderPayload({ id: 9302, customerId: 702, subtotal: "80.00" });
    const lines = other.line_items as Array<Record<string, unknown>>;
    other.line_items = lines.map((line) => ({ ...line, product_id: 555, admin_graphql_api_id: "gid://shopify/LineItem/555" }));
    await postWebhook(server, { shop, topic: "orders/paid", body: other });
    expect(await findMemberBalanceAtShop(database.db, shop, "gid://shopify/Customer/702")).toMatchObject({ available: 80 });
  });

  it("GIVEN products/delete THEN a tombstone, and a malformed product payload is a dead letter", async () => {
    expect((await postWebhook(server, { shop, topic: "products/delete", body: `{"id":${PRODUCT_ID}}` })).status).toBe(200);
    expect((await product())?.deletedAt).not.toBeNull();
    expect((await postWebhook(server, { shop, topic: "products/update", body: { id: 1, tags: 5 } })).status).toBe(200);
    const dead = await database.db.selectFrom("DeadLetter").select(["topic", "reason"]).where("topic", "=", "products/update").execute();
    expect(dead).toHaveLength(1);
  });
});
