import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findShop } from "../repositories/shops.server";
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from "../test/databases";
import { arrangeInstalledShop } from "../test/requests";
import { uninstallShop, updateScopes } from "./uninstall-shop.server";

describe.each(DATABASE_KINDS)("uninstall and scope updates on %s", (kind) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase(kind);
    await arrangeInstalledShop(database, "leaving.myshopify.com");
    await arrangeInstalledShop(database, "scoped.myshopify.com");
  });
  afterAll(() => database.drop());

  it("GIVEN app/uninstalled THEN the sessions are gone and the shop is marked, twice without harm", async () => {
    for (let delivery = 0; delivery < 2; delivery++) await uninstallShop(database, "leaving.myshopify.com", new Date("2026-06-01T00:00:00Z"));
    expect(await database.db.selectFrom("Session").select("id").where("shop", "=", "leaving.myshopify.com").execute()).toEqual([]);
    expect((await findShop(database.db, "leaving.myshopify.com"))?.uninstalledAt).toEqual(new Date("2026-06-01T00:00:00Z"));
  });

  it("GIVEN app/scopes_update THEN the shop and its offline session carry the granted scopes", async () => {
    expect(await updateScopes(database, "scoped.myshopify.com", ["write_customers", "read_orders"], new Date())).toBe(true);
    const session = await database.db.selectFrom("Session").select("scope").where("shop", "=", "scoped.myshopify.com").executeTakeFirst();
    expect(session?.scope).toBe("read_orders,write_customers");
    expect(await updateScopes(database, "unknown.myshopify.com", ["read_orders"], new Date())).toBe(false);
  });
});
