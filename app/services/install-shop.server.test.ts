import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { defaultProgramRules } from "../loyalty/program/program";
import { listProgramVersions } from "../repositories/program-versions.server";
import { findShop, markShopUninstalled, setCountTestOrders } from "../repositories/shops.server";
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from "../test/databases";
import { installShop } from "./install-shop.server";

const facts = (domain: string) => ({ domain, name: "Shop", currencyCode: "JPY", ianaTimezone: "Asia/Tokyo", scopes: "read_orders", countTestOrders: false });

describe.each(DATABASE_KINDS)("installShop on %s", (kind) => {
  let database: TestDatabase;
  beforeAll(async () => (database = await createTestDatabase(kind)));
  afterAll(() => database.drop());

  it("GIVEN a new shop THEN it is installed with the default program in its currency, from the program start", async () => {
    const shop = await installShop(database, facts("new.myshopify.com"), { now: new Date("2026-05-01T00:00:00Z"), programStart: new Date("2026-04-01T00:00:00Z") });
    expect(shop).toMatchObject({ domain: "new.myshopify.com", currencyCode: "JPY", uninstalledAt: null });
    const versions = await listProgramVersions(database.db, shop.id);
    expect(versions).toEqual([{ version: 1, effectiveAt: new Date("2026-04-01T00:00:00Z"), rules: defaultProgramRules("JPY") }]);
  });

  it("GIVEN a reinstall THEN the shop is installed again, keeping its program and the merchant's settings", async () => {
    const first = await installShop(database, facts("again.myshopify.com"), { now: new Date("2026-05-01T00:00:00Z") });
    await setCountTestOrders(database.db, first.id, true, new Date());
    await markShopUninstalled(database.db, "again.myshopify.com", new Date("2026-05-02T00:00:00Z"));
    const second = await installShop(database, facts("again.myshopify.com"), { now: new Date("2026-05-03T00:00:00Z") });
    expect(second).toMatchObject({ id: first.id, uninstalledAt: null, countTestOrders: true, installedAt: new Date("2026-05-03T00:00:00Z") });
    expect(await listProgramVersions(database.db, first.id)).toHaveLength(1);
    expect((await findShop(database.db, "again.myshopify.com"))?.installedAt).toEqual(new Date("2026-05-03T00:00:00Z"));
  });
});
