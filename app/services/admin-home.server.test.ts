import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from "../test/databases";
import { installTestShop } from "../test/shops";
import { getProgramOverview, listMembers } from "./admin-home.server";
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

  it("pages through members newest first with a cursor", async () => {
    const first = await listMembers(database, shop, { limit: 2 });
    expect(first.members.map((member) => member.name)).toEqual(["Zoe Ng", "Yusuf 100%"]);
    expect(first.nextCursor).not.toBeNull();
    expect(first.previousCursor).toBeNull();
    const second = await listMembers(database, shop, { limit: 2, after: first.nextCursor ?? 0 });
    expect(second).toMatchObject({ members: [{ name: "Amina Salem" }], nextCursor: null });
    expect(second.previousCursor).not.toBeNull();
    const back = await listMembers(database, shop, { limit: 2, before: second.previousCursor ?? 0 });
    expect(back.members.map((member) => member.name)).toEqual(["Zoe Ng", "Yusuf 100%"]);
    expect(back.previousCursor).toBeNull();
    expect(back.nextCursor).toBe(first.nextCursor);
  });

  it("searches names and emails, case-insensitively, with LIKE wildcards taken literally", async () => {
    expect((await listMembers(database, shop, { search: "AMINA" })).members.map((member) => member.email)).toEqual(["amina@example.com"]);
    expect((await listMembers(database, shop, { search: "100%" })).members.map((member) => member.email)).toEqual(["yusuf@example.com"]);
    expect((await listMembers(database, shop, { search: "_ng" })).members.map((member) => member.email)).toEqual(["zoe_ng@example.com"]);
    expect((await listMembers(database, shop, { search: "%" })).members.map((member) => member.email)).toEqual(["yusuf@example.com"]);
  });
});
