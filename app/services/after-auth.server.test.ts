import { Session } from "@shopify/shopify-api";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listProgramVersions } from "../repositories/program-versions.server";
import { SHOP_DETAILS_QUERY, type AdminGraphql } from "../shopify/admin/shop-details.server";
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from "../test/databases";
import { afterShopAuthorised } from "./after-auth.server";

/** Shopify's network edge, mocked: the Admin GraphQL answer to the one query Wafa makes. */
const adminAnswering = (body: unknown): AdminGraphql & { queries: string[] } => {
  const queries: string[] = [];
  return {
    queries,
    graphql: async (query: string) => {
      queries.push(query);
      return new Response(JSON.stringify(body), { headers: { "Content-Type": "application/json" } });
    },
  };
};
const session = (shop: string) => new Session({ id: `offline_${shop}`, shop, state: "", isOnline: false, accessToken: "shpat", scope: "read_orders" });

describe.each(DATABASE_KINDS)("afterShopAuthorised on %s", (kind) => {
  let database: TestDatabase;
  beforeAll(async () => (database = await createTestDatabase(kind)));
  afterAll(() => database.drop());

  it("GIVEN Shopify authorised the app THEN the shop is recorded in its currency, test orders not counting", async () => {
    const admin = adminAnswering({ data: { shop: { name: "Dar Al Kutub", currencyCode: "KWD", ianaTimezone: "Asia/Kuwait" } } });
    const shop = await afterShopAuthorised(database, { session: session("books.myshopify.com"), admin, now: new Date("2026-05-01T00:00:00Z"), sandbox: null });
    expect(admin.queries).toEqual([SHOP_DETAILS_QUERY]);
    expect(shop).toMatchObject({ name: "Dar Al Kutub", currencyCode: "KWD", ianaTimezone: "Asia/Kuwait", countTestOrders: false });
    expect((await listProgramVersions(database.db, shop.id))[0]?.rules.earning.spend.perAmountMinor).toBe(1000);
  });

  it("GIVEN the sandbox shop THEN test orders count and the program starts with the demo history", async () => {
    const admin = adminAnswering({ data: { shop: { name: "Sandbox", currencyCode: "USD", ianaTimezone: null } } });
    const shop = await afterShopAuthorised(database, { session: session("sandbox.myshopify.com"), admin, now: new Date("2026-05-01T00:00:00Z"), sandbox: { programStart: new Date("2025-05-01T00:00:00Z") } });
    expect(shop.countTestOrders).toBe(true);
    expect((await listProgramVersions(database.db, shop.id))[0]?.effectiveAt).toEqual(new Date("2025-05-01T00:00:00Z"));
  });

  it("GIVEN an unexpected Admin API answer THEN it fails loudly and records nothing", async () => {
    const admin = adminAnswering({ errors: [{ message: "Throttled" }] });
    await expect(afterShopAuthorised(database, { session: session("broken.myshopify.com"), admin, now: new Date(), sandbox: null })).rejects.toThrow(/unexpected shop details response/);
    expect(await database.db.selectFrom("Shop").select("id").where("domain", "=", "broken.myshopify.com").execute()).toEqual([]);
  });
});
