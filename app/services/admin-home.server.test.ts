import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from "../test/databases";
import { installTestShop } from "../test/shops";
import { getProgramOverview } from "./admin-home.server";
import { recordCustomer } from "./record-customer.server";

describe.each(DATABASE_KINDS)("the admin home on %s", (kind) => {
  let database: TestDatabase;
  const shop = "home.myshopify.com";
  beforeAll(async () => {
    database = await createTestDatabase(kind);
    await installTestShop(database, shop);
    const people = [["Amina", "Salem", "amina@example.com"], ["Yusuf", "100%", "yusuf@example.com"], ["Zoe", "Ng", "zoe_ng@example.com"]] as const;
    for (const [index, [firstName, lastName, email]] of people.entries()) {
      await recordCustomer(
        database,
        shop,
        { customerGid: `gid://shopify/Customer/${index + 1}`, email, firstName, lastName, phone: null, shopifyCreatedAt: new Date("2026-02-01T00:00:00Z"), shopifyUpdatedAt: new Date("2026-02-01T00:00:00Z") },
        { topic: "customers/create", receivedAt: new Date("2026-02-01T00:00:00Z") },
      );
    }
  });
  afterAll(() => database.drop());

  it("shows the program in force and the totals", async () => {
    expect(await getProgramOverview(database, shop)).toMatchObject({
      shop: { domain: shop, currencyCode: "USD" },
      program: { version: 1, rules: { earning: { spend: { points: 1, perAmountMinor: 100 } } } },
      stats: { members: 3, pointsAvailable: 0, pointsLifetime: 0, orders: 0 },
    });
    expect(await getProgramOverview(database, "unknown.myshopify.com")).toBeNull();
  });
  // The members list (search, filters, sort, paging) is tested in ./members/list-members.server.test.ts.
});
