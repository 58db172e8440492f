import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listCustomerDataExports } from "../repositories/data-exports.server";
import { findShop } from "../repositories/shops.server";
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from "../test/databases";
import { installTestShop } from "../test/shops";
import { exportCustomerData, redactCustomerData, redactShopData } from "./compliance.server";

describe.each(DATABASE_KINDS)("compliance services on %s", (kind) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase(kind);
    await installTestShop(database, "gdpr.myshopify.com");
  });
  afterAll(() => database.drop());
  const now = new Date("2026-04-01T00:00:00Z");

  it("GIVEN a data request for a customer Wafa never saw THEN an export saying nothing is held is still recorded", async () => {
    expect(await exportCustomerData(database, "gdpr.myshopify.com", { customerGid: "gid://shopify/Customer/404", dataRequestId: "9", ordersRequested: [] }, now)).toMatchObject({ status: "exported" });
    const shop = await findShop(database.db, "gdpr.myshopify.com");
    const [exported] = await listCustomerDataExports(database.db, shop?.id ?? -1);
    expect(JSON.parse(exported?.export ?? "{}")).toMatchObject({ held: false, profile: null, membership: null, orders: [], ledger: [] });
  });

  it("GIVEN requests for unknown shops or customers THEN they are acknowledged without writing", async () => {
    expect(await redactCustomerData(database, "gdpr.myshopify.com", "gid://shopify/Customer/404", now)).toEqual({ status: "unknown_customer" });
    expect(await redactCustomerData(database, "elsewhere.myshopify.com", "gid://shopify/Customer/1", now)).toEqual({ status: "unknown_shop" });
    expect(await exportCustomerData(database, "elsewhere.myshopify.com", { customerGid: "gid://shopify/Customer/1", dataRequestId: null, ordersRequested: [] }, now)).toEqual({ status: "unknown_shop" });
    expect(await redactShopData(database, "elsewhere.myshopify.com")).toEqual({ status: "unknown_shop" });
  });

  it("GIVEN shop/redact THEN the shop is gone, twice without harm", async () => {
    expect(await redactShopData(database, "gdpr.myshopify.com")).toEqual({ status: "deleted" });
    expect(await redactShopData(database, "gdpr.myshopify.com")).toEqual({ status: "unknown_shop" });
    expect(await findShop(database.db, "gdpr.myshopify.com")).toBeNull();
  });
});
