import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PRESETS } from "../loyalty/program/presets";
import { findShop, saveShopSettings } from "../repositories/shops.server";
import { DEFAULT_SETTINGS } from "../loyalty/settings/shop-settings";
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from "../test/databases";
import { installTestShop, PROGRAM_START } from "../test/shops";
import { getProgram } from "./get-program.server";
import { saveProgram } from "./save-program.server";

const staff = { actor: "staff:1", name: "Test Staff" };

describe.each(DATABASE_KINDS)("getProgram on %s", (kind) => {
  let database: TestDatabase;
  const shop = "get-program.myshopify.com";
  beforeAll(async () => {
    database = await createTestDatabase(kind);
    await installTestShop(database, shop, { currencyCode: "JPY" });
  });
  afterAll(() => database.drop());

  it("GIVEN a fresh install THEN the editor gets the default program, version 1, the shop's currency and the default points name", async () => {
    const program = await getProgram(database, shop, new Date("2026-06-01T00:00:00Z"));
    expect(program).toMatchObject({
      shop: { domain: shop, currencyCode: "JPY" },
      version: 1,
      effectiveAt: PROGRAM_START,
      rules: { kind: "spend", earning: { spend: { points: 1, perAmountMinor: 1 } } },
      pointsName: { singular: "point", plural: "points" },
      currencyDisplay: "symbol",
    });
  });

  it("GIVEN a saved preset and a renamed currency of points THEN the editor gets the version in force and the new name", async () => {
    const saved = await saveProgram(database, shop, PRESETS[4]!.rules("JPY"), staff, new Date("2026-06-02T00:00:00Z"));
    expect(saved.status).toBe("saved");
    const record = (await findShop(database.db, shop))!;
    await saveShopSettings(database.db, record.id, { ...DEFAULT_SETTINGS, pointsName: { singular: "star", plural: "stars" } }, false, new Date("2026-06-02T00:00:00Z"));
    const program = await getProgram(database, shop, new Date("2026-06-03T00:00:00Z"));
    expect(program).toMatchObject({ version: 2, effectiveAt: new Date("2026-06-02T00:00:00Z"), rules: { kind: "tiers" }, pointsName: { singular: "star", plural: "stars" } });
    // Before version 2 took effect, version 1 was the one in force.
    expect(await getProgram(database, shop, new Date("2026-06-01T00:00:00Z"))).toMatchObject({ version: 1, rules: { kind: "spend" } });
  });

  it("GIVEN a shop that is not installed THEN there is nothing to edit", async () => {
    expect(await getProgram(database, "unknown.myshopify.com", new Date())).toBeNull();
  });
});
