import { describe, expect, it } from "vitest";
import { useInstalledShopServer } from "../test/installed-shop-server";
import { DEFAULT_SETTINGS, type ShopSettings } from "../loyalty/settings/shop-settings";
import { findShop, readShopSettingsJson } from "../repositories/shops.server";
import { loadRoute, submitRoute } from "../test/admin-requests";
import { DATABASE_KINDS } from "../test/databases";

const custom: ShopSettings = {
  pointsName: { singular: "نجمة", plural: "نجوم" },
  currencyDisplay: "name",
  branding: { primaryColor: "#5B2A86", textOnPrimaryColor: "#FFFFFF", launcherLabel: "المكافآت", widgetTitle: "برنامج المكافآت", joinCallToAction: "انضم واجمع النجوم" },
  languages: { primary: "ar", enabled: ["ar", "en", "fa"] },
  translations: { en: { pointsSingular: "star", pointsPlural: "stars", launcherLabel: "Rewards" } },
  survey: { enabled: true, rewardPoints: 50, questions: ["recommend", "comment"] },
};
type IssuesData = { status: string; issues: { path: string[]; message: string }[] };

describe.each(DATABASE_KINDS)("the settings page through signed requests on %s", (kind) => {
  const shop = `settings-page-${kind}.myshopify.com`;
  const running = useInstalledShopServer(shop, kind);
  const stored = async () => readShopSettingsJson(running.database.db, (await findShop(running.database.db, shop))?.id ?? -1);
  const save = (settings: unknown, countTestOrders = "false") =>
    submitRoute(running.server, shop, "/app/settings", { settings: typeof settings === "string" ? settings : JSON.stringify(settings), countTestOrders });

  it("GIVEN nothing saved THEN the page loads the defaults", async () => {
    expect(await loadRoute(running.server, shop, "/app/settings", "routes/app.settings")).toMatchObject({
      status: 200,
      data: { settings: DEFAULT_SETTINGS, countTestOrders: false, currencyCode: "USD", launchedAt: null },
    });
  });

  it("WHEN settings are saved THEN they round-trip exactly, with the test-order toggle", async () => {
    expect(await save(custom, "true")).toMatchObject({ status: 200, data: { status: "saved" } });
    expect(await loadRoute(running.server, shop, "/app/settings", "routes/app.settings")).toMatchObject({ data: { settings: custom, countTestOrders: true } });
    expect(await save(custom, "false")).toMatchObject({ status: 200, data: { status: "saved" } });
    expect((await findShop(running.database.db, shop))?.countTestOrders).toBe(false);
  });

  it.each([
    ["low-contrast colours", { ...custom, branding: { ...custom.branding, primaryColor: "#FFFFFF", textOnPrimaryColor: "#DDDDDD" } }, ["settings", "branding", "textOnPrimaryColor"], /hard to read/],
    ["an unknown language", { ...custom, languages: { primary: "ar", enabled: ["ar", "klingon"] } }, ["settings", "languages", "enabled", "1"], /Choose a supported language\./],
    ["a main language not offered", { ...custom, languages: { primary: "de", enabled: ["ar"] } }, ["settings", "languages", "primary"], /must be one of the languages offered/],
    ["a points name that is too long", { ...custom, pointsName: { singular: "x".repeat(31), plural: "xs" } }, ["settings", "pointsName", "singular"], /at most 30 characters/],
    ["garbage", "<<not json>>", ["settings"], /.+/],
  ])("GIVEN %s THEN 400 with the field's message, and nothing changes", async (_case, settings, path, message) => {
    const before = await stored();
    const result = await save(settings);
    expect(result.status).toBe(400);
    const issue = (result.data as IssuesData).issues.find((entry) => entry.path.join(".") === path.join("."));
    expect(issue?.message).toMatch(message);
    expect(await stored()).toEqual(before);
  });

  it("GIVEN a toggle that is neither true nor false THEN 400", async () => {
    const result = await save(custom, "perhaps");
    expect(result).toMatchObject({ status: 400, data: { status: "invalid", issues: [{ path: ["countTestOrders"], message: "Choose whether test orders earn points." }] } });
  });
});
