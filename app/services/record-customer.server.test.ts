import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { defaultProgramRules } from "../loyalty/program/program";
import { findCustomer } from "../repositories/customers.server";
import { addProgramVersion } from "../repositories/program-versions.server";
import { findShop } from "../repositories/shops.server";
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from "../test/databases";
import { expectProjectionMatchesLedger, installTestShop } from "../test/shops";
import { recordCustomer } from "./record-customer.server";

const customer = (gid: string, updatedAt: string, email: string) => ({
  customerGid: gid, email, firstName: "Lina", lastName: "Haddad", phone: null, shopifyCreatedAt: new Date("2026-02-01T00:00:00Z"), shopifyUpdatedAt: new Date(updatedAt),
});

describe.each(DATABASE_KINDS)("recordCustomer on %s", (kind) => {
  let database: TestDatabase;
  let shopId = 0;
  const shop = "people.myshopify.com";
  beforeAll(async () => {
    database = await createTestDatabase(kind);
    shopId = (await installTestShop(database, shop)).id;
  });
  afterAll(() => database.drop());
  const receivedAt = new Date("2026-03-01T00:00:00Z");

  it("GIVEN customers/create THEN a member since sign-up", async () => {
    expect(await recordCustomer(database, shop, customer("gid://shopify/Customer/1", "2026-02-01T00:00:00Z", "a@example.com"), { topic: "customers/create", receivedAt })).toEqual({ status: "recorded", enrolled: true });
    expect(await findCustomer(database.db, shopId, "gid://shopify/Customer/1")).toMatchObject({ enrolledAt: new Date("2026-02-01T00:00:00Z"), enrollmentSource: "customers/create" });
  });

  it("GIVEN customers/update for someone unknown THEN a customer who is not a member", async () => {
    await recordCustomer(database, shop, customer("gid://shopify/Customer/2", "2026-02-01T00:00:00Z", "b@example.com"), { topic: "customers/update", receivedAt });
    expect(await findCustomer(database.db, shopId, "gid://shopify/Customer/2")).toMatchObject({ enrolledAt: null, email: "b@example.com" });
  });

  it("GIVEN an older update arriving after a newer one THEN the newer personal data stays", async () => {
    await recordCustomer(database, shop, customer("gid://shopify/Customer/3", "2026-02-10T00:00:00Z", "new@example.com"), { topic: "customers/update", receivedAt });
    await recordCustomer(database, shop, customer("gid://shopify/Customer/3", "2026-02-05T00:00:00Z", "old@example.com"), { topic: "customers/update", receivedAt });
    expect((await findCustomer(database.db, shopId, "gid://shopify/Customer/3"))?.email).toBe("new@example.com");
  });

  it("GIVEN a shop that is not installed THEN nothing is written", async () => {
    expect(await recordCustomer(database, "nobody.myshopify.com", customer("gid://shopify/Customer/4", "2026-02-01T00:00:00Z", "c@example.com"), { topic: "customers/create", receivedAt })).toEqual({ status: "shop_not_installed" });
    expect(await findShop(database.db, "nobody.myshopify.com")).toBeNull();
  });

  it("GIVEN a program with a sign-up bonus THEN customers/create grants it once, however often it is delivered", async () => {
    const bonusShop = "welcome.myshopify.com";
    const installed = await installTestShop(database, bonusShop);
    const rules = defaultProgramRules("USD");
    await addProgramVersion(database.db, installed.id, { rules: { ...rules, earning: { ...rules.earning, signup: { enabled: true, points: 250 } } }, effectiveAt: new Date("2026-01-15T00:00:00Z"), createdBy: "test" }, receivedAt);
    const signup = customer("gid://shopify/Customer/5", "2026-02-01T00:00:00Z", "d@example.com");
    await recordCustomer(database, bonusShop, signup, { topic: "customers/create", receivedAt });
    await recordCustomer(database, bonusShop, signup, { topic: "customers/create", receivedAt });
    expect(await findCustomer(database.db, installed.id, "gid://shopify/Customer/5")).toMatchObject({ pointsAvailable: 250, pointsLifetime: 250 });
    await expectProjectionMatchesLedger(database, bonusShop);
  });

  it("GIVEN tiers whose first level starts at 0 THEN a customer who signs up is in it at once", async () => {
    const tierShop = "first-tier.myshopify.com";
    const installed = await installTestShop(database, tierShop);
    const rules = defaultProgramRules("USD");
    const bronze = { id: "bronze", name: "Bronze", threshold: 0, entryBonusPoints: 0, perks: { earnMultiplierPercent: 100, earlyAccess: false } };
    const silver = { id: "silver", name: "Silver", threshold: 20_000, entryBonusPoints: 0, perks: { earnMultiplierPercent: 125, earlyAccess: false } };
    await addProgramVersion(database.db, installed.id, { rules: { ...rules, tiers: { enabled: true, metric: "spend", window: "lifetime", levels: [bronze, silver], downgradeGraceDays: 0 } }, effectiveAt: new Date("2026-01-15T00:00:00Z"), createdBy: "test" }, receivedAt);
    await recordCustomer(database, tierShop, customer("gid://shopify/Customer/6", "2026-02-01T00:00:00Z", "e@example.com"), { topic: "customers/create", receivedAt });
    expect(await findCustomer(database.db, installed.id, "gid://shopify/Customer/6")).toMatchObject({ tierId: "bronze" });
  });
});
