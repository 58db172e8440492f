import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { defaultProgramRules } from "../loyalty/program/program";
import { tierRules } from "../loyalty/tiers/tier-fixtures";
import { addProgramVersion } from "../repositories/program-versions.server";
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from "../test/databases";
import { recordPaidOrder } from "../test/member-orders";
import { installTestShop } from "../test/shops";
import { getMember } from "./get-member.server";
import { getShopperHistory, getShopperOrderPoints } from "./shopper-activity.server";

describe.each(DATABASE_KINDS)("what shoppers see of their points on %s", (kind) => {
  let database: TestDatabase;
  const shop = `shopper-${kind}.myshopify.com`;
  const member = "gid://shopify/Customer/41";
  const at = new Date("2026-05-01T12:00:00Z");

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    const installed = await installTestShop(database, shop);
    // Silver from 300.00 spent over 12 months, with its 100-point entry bonus.
    await addProgramVersion(database.db, installed.id, { rules: { ...defaultProgramRules("USD"), tiers: tierRules() }, effectiveAt: new Date("2026-02-01T00:00:00Z"), createdBy: "test" }, at);
    await recordPaidOrder(database, shop, 41, 12_000, at);
    await recordPaidOrder(database, shop, 41, 20_000, new Date("2026-05-02T12:00:00Z"));
    await recordPaidOrder(database, shop, 42, 5_000, at);
  });
  afterAll(() => database.drop());

  it("GIVEN a member who spent 320.00 THEN /api/member names their tier", async () => {
    expect(await getMember(database, shop, member)).toMatchObject({ member: true, tier: { id: "silver", name: "Silver" } });
    expect(await getMember(database, shop, "gid://shopify/Customer/42")).toMatchObject({ member: true, tier: null });
  });

  it("GIVEN two orders and a tier entry bonus THEN the history is newest first with order names, and sums to the balance", async () => {
    // The lifecycle fixture's orders have no names: give them Shopify's.
    for (const [subtotal, name] of [[12_000n, "#1001"], [20_000n, "#1002"]] as const) {
      await database.db.updateTable("Order").set({ name }).where("subtotalMinor", "=", subtotal as never).execute();
    }
    const history = await getShopperHistory(database, shop, member);
    expect(history.map((entry) => entry.kind)).toEqual(["bonus", "earn", "earn"]);
    expect(history.map((entry) => entry.points)).toEqual([100, 200, 120]);
    expect(history.map((entry) => entry.orderName)).toEqual([null, "#1002", "#1001"]);
    const { points } = await getMember(database, shop, member);
    expect(history.reduce((sum, entry) => sum + entry.points, 0)).toBe(points.available + points.pending);
  });

  it("GIVEN someone who is not a member, or another shop THEN no history", async () => {
    expect(await getShopperHistory(database, shop, "gid://shopify/Customer/999")).toEqual([]);
    expect(await getShopperHistory(database, "elsewhere.myshopify.com", member)).toEqual([]);
  });

  it("GIVEN the order's GID or its OrderIdentity THEN its points for its own customer only", async () => {
    const [order] = await database.db.selectFrom("Order").select(["orderGid", "points"]).where("subtotalMinor", "=", 12_000n as never).execute();
    expect(order).toBeDefined();
    const orderGid = order?.orderGid ?? "";
    const identity = orderGid.replace("/Order/", "/OrderIdentity/");
    const now = new Date("2026-05-03T00:00:00Z");
    expect(await getShopperOrderPoints(database, shop, member, orderGid, now)).toEqual({ points: 120, status: "available" });
    expect(await getShopperOrderPoints(database, shop, member, identity, now)).toEqual({ points: 120, status: "available" });
    expect(await getShopperOrderPoints(database, shop, "gid://shopify/Customer/42", orderGid, now)).toEqual({ points: 0, status: "not_recorded" });
    expect(await getShopperOrderPoints(database, shop, member, "gid://shopify/Order/1", now)).toEqual({ points: 0, status: "not_recorded" });
    expect(await getShopperOrderPoints(database, shop, member, "not-a-gid", now)).toEqual({ points: 0, status: "not_recorded" });
  });
});
