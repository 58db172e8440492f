import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PRESETS } from "../loyalty/program/presets";
import { DEFAULT_SETTINGS } from "../loyalty/settings/shop-settings";
import { listProgramVersionRecords } from "../repositories/program-versions.server";
import { findShop } from "../repositories/shops.server";
import { loadRoute, submitRoute } from "../test/admin-requests";
import { startAppServer, type AppServer } from "../test/app-server";
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from "../test/databases";
import { arrangeInstalledShop } from "../test/requests";

type ChecklistData = { checklist: { onboarded: boolean; items: { id: string; done: boolean }[] } | null };
const flags = (data: unknown) => Object.fromEntries(((data as ChecklistData).checklist?.items ?? []).map((item) => [item.id, item.done]));

describe.each(DATABASE_KINDS)("the onboarding wizard through signed requests on %s", (kind) => {
  let database: TestDatabase;
  let server: AppServer;
  const shopFor = (name: string) => `wizard-${name.replaceAll("_", "-")}-${kind}.myshopify.com`;
  const versionsOf = async (shop: string) => listProgramVersionRecords(database.db, (await findShop(database.db, shop))?.id ?? -1);

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    for (const name of [...PRESETS.map((preset) => preset.kind), "invalid", "journey"]) await arrangeInstalledShop(database, shopFor(name));
    server = await startAppServer({ databaseUrl: database.url });
  });
  afterAll(async () => {
    await server?.stop();
    await database?.drop();
  });

  it("GIVEN a shop with no history THEN the wizard loads with the example customer and says so", async () => {
    const result = await loadRoute(server, shopFor("journey"), "/app/onboarding", "routes/app.onboarding");
    expect(result.status).toBe(200);
    expect(result.data).toMatchObject({
      currencyCode: "USD",
      onboarded: false,
      live: false,
      currentKind: "spend",
      typicalCustomer: { customer: { ordersPerYear: 3, averageOrderMinor: 5_000 }, basis: { source: "default" } },
    });
  });

  it.each(PRESETS.map((preset) => [preset.kind]))("WHEN the %s preset is confirmed THEN a program version of that kind is saved, by the staff member, and the shop is onboarded", async (presetKind) => {
    const shop = shopFor(presetKind);
    const result = await submitRoute(server, shop, "/app/onboarding", { kind: presetKind, launch: "later" });
    expect(result).toMatchObject({ status: 200, data: { status: "done", version: 2, programChanged: true, live: false } });
    const [latest] = await versionsOf(shop);
    expect(latest).toMatchObject({ version: 2, rules: { kind: presetKind }, createdByName: "Test Staff" });
    expect(latest?.createdBy).toMatch(/^staff:/);
    expect((await findShop(database.db, shop))?.onboardedAt).toBeInstanceOf(Date);
  });

  it.each([
    ["an unknown kind", { kind: "lottery", launch: "later" }, "Choose one of the eight program types."],
    ["the designer's custom kind", { kind: "custom", launch: "later" }, "Choose one of the eight program types."],
    ["a negative number", { kind: "spend", spendPoints: "-3", launch: "later" }, "Points per amount spent must be at least 1."],
    ["garbage for a number", { kind: "frequency", orderPoints: "a lot", launch: "now" }, "Points per order must be a number."],
    ["a launch that is neither now nor later", { kind: "spend", launch: "tomorrow" }, 'Choose "Launch now" or "Launch later".'],
    ["nothing at all", {}, "Choose one of the eight program types."],
  ])("GIVEN %s THEN 400 with a message, and nothing is saved", async (_case, fields, message) => {
    const shop = shopFor("invalid");
    const result = await submitRoute(server, shop, "/app/onboarding", fields);
    expect(result.status).toBe(400);
    expect(result.data).toMatchObject({ status: "invalid" });
    expect((result.data as { issues: { message: string }[] }).issues.map((issue) => issue.message)).toContain(message);
    expect(await versionsOf(shop)).toHaveLength(1);
    expect(await findShop(database.db, shop)).toMatchObject({ onboardedAt: null, launchedAt: null });
  });

  it("GIVEN a new shop THEN the home shows the checklist; as the merchant goes through setup its items flip, and once live it is gone", async () => {
    const shop = shopFor("journey");
    const home = async () => (await loadRoute(server, shop, "/app", "routes/app._index")).data;
    expect(await home()).toMatchObject({ checklist: { onboarded: false, live: false, doneCount: 0 } });

    await submitRoute(server, shop, "/app/onboarding", { kind: "points_and_tiers", spendPoints: "2", signupPoints: "150", launch: "later" });
    expect((await versionsOf(shop))[0]?.rules.earning).toMatchObject({ spend: { points: 2 }, signup: { enabled: true, points: 150 } });
    expect(await home()).toMatchObject({ checklist: { onboarded: true } });
    // 3 orders of 50.00 at 2 points per 1.00 and 150 to join: 450 points, short of "$5 off" (500).
    expect(flags(await home())).toEqual({ program_chosen: true, earning_rules_reviewed: false, rewards_added: true, settings_reviewed: false, launched: false });

    await submitRoute(server, shop, "/app/onboarding", { kind: "points_and_tiers", spendPoints: "5", signupPoints: "150", launch: "later" });
    expect(flags(await home())).toMatchObject({ earning_rules_reviewed: true, settings_reviewed: false });
    await submitRoute(server, shop, "/app/settings", { settings: JSON.stringify(DEFAULT_SETTINGS), countTestOrders: "false" });
    expect(flags(await home())).toMatchObject({ settings_reviewed: true, launched: false });

    const launched = await submitRoute(server, shop, "/app/launch", { intent: "launch" });
    expect(launched).toMatchObject({ status: 200, data: { status: "live" } });
    expect(await home()).toMatchObject({ checklist: null });

    expect(await submitRoute(server, shop, "/app/launch", { intent: "pause" })).toMatchObject({ status: 200, data: { status: "paused" } });
    expect(flags(await home())).toMatchObject({ launched: false });
    expect(await submitRoute(server, shop, "/app/launch", { intent: "explode" })).toMatchObject({ status: 400, data: { status: "invalid" } });
  });

  it("WHEN the wizard ends with Launch now THEN the program is live at once", async () => {
    const shop = shopFor("invalid");
    expect(await submitRoute(server, shop, "/app/onboarding", { kind: "cashback", launch: "now" })).toMatchObject({ status: 200, data: { status: "done", live: true } });
    expect((await findShop(database.db, shop))?.launchedAt).toBeInstanceOf(Date);
    expect(await loadRoute(server, shop, "/app/onboarding", "routes/app.onboarding")).toMatchObject({ data: { onboarded: true, live: true, currentKind: "cashback" } });
  });
});
