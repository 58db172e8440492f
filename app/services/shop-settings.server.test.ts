import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_SETTINGS, type ShopSettings } from "../loyalty/settings/shop-settings";
import { findShop, readShopSettingsJson } from "../repositories/shops.server";
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from "../test/databases";
import { installTestShop } from "../test/shops";
import { getShopSettings, saveShopSettingsFor } from "./shop-settings.server";

const NOW = new Date("2026-06-01T12:00:00Z");
const custom: ShopSettings = {
  pointsName: { singular: "star", plural: "stars" },
  currencyDisplay: "code",
  branding: { primaryColor: "#0B6E4F", textOnPrimaryColor: "#FFFFFF", launcherLabel: "Stars", widgetTitle: "Our stars", joinCallToAction: "Join and collect stars" },
  languages: { primary: "ar", enabled: ["ar", "en"] },
  translations: { en: { pointsSingular: "star", pointsPlural: "stars" } },
  survey: { enabled: true, rewardPoints: 50, questions: ["recommend", "comment"] },
};

describe.each(DATABASE_KINDS)("shop settings on %s", (kind) => {
  let database: TestDatabase;
  const shop = `settings-${kind}.myshopify.com`;
  beforeAll(async () => {
    database = await createTestDatabase(kind);
    await installTestShop(database, shop);
  });
  afterAll(() => database.drop());

  it("GIVEN nothing saved THEN the defaults", async () => {
    expect(await getShopSettings(database, shop)).toEqual({ settings: DEFAULT_SETTINGS, countTestOrders: false, currencyCode: "USD", launchedAt: null });
    expect(await getShopSettings(database, "unknown.myshopify.com")).toBeNull();
  });

  it("WHEN saved as a form sends them (JSON and 'true') THEN they read back exactly, colours upper-cased", async () => {
    const sent = { ...custom, branding: { ...custom.branding, primaryColor: "#0b6e4f" } };
    expect(await saveShopSettingsFor(database, shop, { settings: JSON.stringify(sent), countTestOrders: "true" }, NOW)).toEqual({ status: "saved", settings: custom, countTestOrders: true });
    expect(await getShopSettings(database, shop)).toMatchObject({ settings: custom, countTestOrders: true });
    expect((await findShop(database.db, shop))?.countTestOrders).toBe(true);
  });

  it.each([
    ["low-contrast colours", { ...custom, branding: { ...custom.branding, primaryColor: "#FFFF00", textOnPrimaryColor: "#FFFFFF" } }, "branding.textOnPrimaryColor", /hard to read \(contrast 1\.1:1/],
    ["an unknown language", { ...custom, languages: { primary: "en", enabled: ["en", "xx"] } }, "languages.enabled.1", /Choose a supported language\./],
    ["an empty points name", { ...custom, pointsName: { singular: " ", plural: "stars" } }, "pointsName.singular", /The singular name is required\./],
    ["a colour that is not one", { ...custom, branding: { ...custom.branding, primaryColor: "green" } }, "branding.primaryColor", /Use a colour like #1F5199\./],
    ["JSON that is not JSON", "{not json", "settings", /object/],
  ])("GIVEN %s THEN it is refused with a message and nothing changes", async (_case, settings, path, message) => {
    const before = await readShopSettingsJson(database.db, (await findShop(database.db, shop))?.id ?? -1);
    const result = await saveShopSettingsFor(database, shop, { settings, countTestOrders: false }, NOW);
    expect(result.status).toBe("invalid");
    const issue = result.status === "invalid" ? result.issues.find((entry) => entry.path.join(".") === `settings.${path}`.replace(/^settings\.settings$/, "settings")) : undefined;
    expect(issue?.message).toMatch(message);
    expect(await readShopSettingsJson(database.db, (await findShop(database.db, shop))?.id ?? -1)).toEqual(before);
    expect((await findShop(database.db, shop))?.countTestOrders).toBe(true);
  });

  it("GIVEN a toggle that is not a yes or no THEN it is refused", async () => {
    const result = await saveShopSettingsFor(database, shop, { settings: custom, countTestOrders: "maybe" }, NOW);
    expect(result).toMatchObject({ status: "invalid", issues: [{ path: ["countTestOrders"], message: "Choose whether test orders earn points." }] });
  });

  it("GIVEN a shop that is not installed THEN nothing is saved", async () => {
    expect(await saveShopSettingsFor(database, "nowhere.myshopify.com", { settings: custom, countTestOrders: false }, NOW)).toEqual({ status: "shop_not_installed" });
  });
});
