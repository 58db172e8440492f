import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PRESETS } from "../loyalty/program/presets";
import { listProgramVersionRecords } from "../repositories/program-versions.server";
import { findShop } from "../repositories/shops.server";
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from "../test/databases";
import { recordPaidOrder } from "../test/paid-orders";
import { installTestShop } from "../test/shops";
import { completeOnboarding, getOnboardingWizard } from "./onboarding.server";

const staff = { actor: "staff:42", name: "Amina Salem" };
const NOW = new Date("2026-06-01T12:00:00Z");
const daysAgo = (days: number) => new Date(NOW.getTime() - days * 86_400_000);

describe.each(DATABASE_KINDS)("onboarding on %s", (kind) => {
  let database: TestDatabase;
  const shop = (name: string) => `onboarding-${name}-${kind}.myshopify.com`;

  beforeAll(async () => {
    database = await createTestDatabase(kind);
  });
  afterAll(() => database.drop());

  it("GIVEN a shop with no orders THEN the wizard previews the guides' default customer and says so", async () => {
    await installTestShop(database, shop("empty"));
    expect(await getOnboardingWizard(database, shop("empty"), NOW)).toMatchObject({
      shop: { domain: shop("empty"), currencyCode: "USD", onboardedAt: null, launchedAt: null },
      currentKind: "spend",
      typicalCustomer: { customer: { ordersPerYear: 3, averageOrderMinor: 5_000 }, basis: { source: "default", customers: 0, orders: 0 } },
    });
    expect(await getOnboardingWizard(database, "unknown.myshopify.com", NOW)).toBeNull();
  });

  it("GIVEN a year of paid orders THEN the typical customer is the median buyer at the average order value, ignoring old, cancelled, test and guest orders", async () => {
    const domain = shop("history");
    await installTestShop(database, domain);
    // Buyers a–e placed 1, 2, 2, 3 and 4 orders of 60.00 within the year: median 2, AOV 60.00.
    const counts = { a: 1, b: 2, c: 2, d: 3, e: 4 };
    for (const [customer, count] of Object.entries(counts)) {
      for (let index = 0; index < count; index++) await recordPaidOrder(database, domain, { customer, subtotalMinor: 6_000, at: daysAgo(10 + index * 30) });
    }
    await recordPaidOrder(database, domain, { customer: "a", subtotalMinor: 900_000, at: daysAgo(400) });
    await recordPaidOrder(database, domain, { customer: "a", subtotalMinor: 900_000, at: daysAgo(5), cancelled: true });
    await recordPaidOrder(database, domain, { customer: "a", subtotalMinor: 900_000, at: daysAgo(5), test: true });
    await recordPaidOrder(database, domain, { customer: null, subtotalMinor: 900_000, at: daysAgo(5) });
    expect((await getOnboardingWizard(database, domain, NOW))?.typicalCustomer).toEqual({
      customer: { ordersPerYear: 2, averageOrderMinor: 6_000 },
      basis: { source: "history", customers: 5, orders: 12 },
    });
  });

  it.each(PRESETS.map((preset) => [preset.kind]))("GIVEN the %s preset WHEN the wizard completes THEN a new program version of that kind is saved by the staff member and the shop is onboarded", async (presetKind) => {
    const domain = shop(`preset-${presetKind.replace("_", "-")}`);
    await installTestShop(database, domain);
    const result = await completeOnboarding(database, domain, { kind: presetKind, launch: "later" }, staff, NOW);
    expect(result).toEqual({ status: "done", version: 2, programChanged: true, live: false });
    const [latest] = await listProgramVersionRecords(database.db, (await findShop(database.db, domain))?.id ?? -1);
    expect(latest).toMatchObject({ version: 2, createdBy: "staff:42", createdByName: "Amina Salem", effectiveAt: NOW, rules: { kind: presetKind } });
    expect(await findShop(database.db, domain)).toMatchObject({ onboardedAt: NOW, launchedAt: null });
  });

  it("GIVEN tuned numbers and Launch now THEN the program carries them and goes live; running the wizard again keeps the first dates", async () => {
    const domain = shop("tuned");
    await installTestShop(database, domain);
    const input = { kind: "spend", numbers: { spendPoints: "3", signupPoints: "0" }, launch: "now" };
    expect(await completeOnboarding(database, domain, input, staff, NOW)).toEqual({ status: "done", version: 2, programChanged: true, live: true });
    const shopId = (await findShop(database.db, domain))?.id ?? -1;
    const [latest] = await listProgramVersionRecords(database.db, shopId);
    expect(latest?.rules.earning.spend).toMatchObject({ enabled: true, points: 3, perAmountMinor: 100 });
    expect(latest?.rules.earning.signup.enabled).toBe(false);
    const later = new Date(NOW.getTime() + 60_000);
    expect(await completeOnboarding(database, domain, input, staff, later)).toEqual({ status: "done", version: 2, programChanged: false, live: true });
    expect(await findShop(database.db, domain)).toMatchObject({ onboardedAt: NOW, launchedAt: NOW });
  });

  it.each([
    ["an unknown kind", { kind: "lottery", launch: "later" }, "Choose one of the eight program types."],
    ["a negative number", { kind: "spend", numbers: { spendPoints: "-2" }, launch: "later" }, "Points per amount spent must be at least 1."],
    ["garbage for a number", { kind: "frequency", numbers: { orderPoints: "ten" }, launch: "later" }, "Points per order must be a number."],
    ["no launch choice", { kind: "spend" }, 'Choose "Launch now" or "Launch later".'],
    ["not an object at all", "kind=spend", "The wizard's answers could not be read: choose a program type and try again."],
  ])("GIVEN %s THEN it is refused with a message and nothing is written", async (_case, input, message) => {
    const domain = shop("invalid");
    if (!(await findShop(database.db, domain))) await installTestShop(database, domain);
    const result = await completeOnboarding(database, domain, input, staff, NOW);
    expect(result.status).toBe("invalid");
    expect(result.status === "invalid" ? result.issues.map((issue) => issue.message) : []).toContain(message);
    const shopRecord = await findShop(database.db, domain);
    expect(shopRecord).toMatchObject({ onboardedAt: null, launchedAt: null });
    expect(await listProgramVersionRecords(database.db, shopRecord?.id ?? -1)).toHaveLength(1);
  });

  it("GIVEN a shop that is not installed THEN nothing is saved", async () => {
    expect(await completeOnboarding(database, "nowhere.myshopify.com", { kind: "spend", launch: "now" }, staff, NOW)).toEqual({ status: "shop_not_installed" });
  });
});
