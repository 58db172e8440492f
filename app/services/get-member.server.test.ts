import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from "../test/databases";
import { installTestShop } from "../test/shops";
import { getGuest, getMember } from "./get-member.server";
import { launchProgram, pauseProgram } from "./launch-program.server";
import { recordCustomer } from "./record-customer.server";

describe.each(DATABASE_KINDS)("getMember on %s", (kind) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase(kind);
    await installTestShop(database, "reads.myshopify.com");
    await recordCustomer(
      database,
      "reads.myshopify.com",
      { customerGid: "gid://shopify/Customer/5", email: null, firstName: null, lastName: null, phone: null, shopifyCreatedAt: new Date("2026-02-01T00:00:00Z"), shopifyUpdatedAt: null },
      { topic: "customers/create", receivedAt: new Date("2026-02-01T00:00:00Z") },
    );
  });
  afterAll(() => database.drop());

  it.each([
    ["a member", "reads.myshopify.com", "gid://shopify/Customer/5", true],
    ["a customer Wafa does not know", "reads.myshopify.com", "gid://shopify/Customer/6", false],
    ["a shop Wafa does not know", "other.myshopify.com", "gid://shopify/Customer/5", false],
  ])("GIVEN %s THEN member is %s with the documented shape", async (_name, shop, customerGid, member) => {
    expect(await getMember(database, shop, customerGid)).toEqual({ member, customerId: customerGid, points: { available: 0, pending: 0, lifetime: 0 }, tier: null, live: false });
  });

  it("GIVEN the merchant launches, then pauses THEN shoppers (members and guests) see the program live, then not", async () => {
    const shop = "reads.myshopify.com";
    await launchProgram(database, shop, new Date("2026-03-01T00:00:00Z"));
    expect(await getMember(database, shop, "gid://shopify/Customer/5")).toMatchObject({ member: true, live: true });
    expect(await getMember(database, shop, "gid://shopify/Customer/6")).toMatchObject({ member: false, live: true });
    expect(await getGuest(database, shop)).toEqual({ member: false, customerId: null, points: { available: 0, pending: 0, lifetime: 0 }, tier: null, live: true });
    await pauseProgram(database, shop, new Date("2026-03-02T00:00:00Z"));
    expect(await getMember(database, shop, "gid://shopify/Customer/5")).toMatchObject({ live: false });
    expect(await getGuest(database, "other.myshopify.com")).toMatchObject({ live: false });
  });
});
