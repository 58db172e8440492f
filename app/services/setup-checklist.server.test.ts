import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { presetFor } from "../loyalty/program/presets";
import { shopAmountFormatter } from "../loyalty/program/wizard";
import { DEFAULT_SETTINGS } from "../loyalty/settings/shop-settings";
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from "../test/databases";
import { installTestShop } from "../test/shops";
import { launchProgram, pauseProgram } from "./launch-program.server";
import { completeOnboarding } from "./onboarding.server";
import { saveProgram } from "./save-program.server";
import { getSetupChecklist, type SetupChecklist } from "./setup-checklist.server";
import { saveShopSettingsFor } from "./shop-settings.server";

const staff = { actor: "staff:42", name: null };
const NOW = new Date("2026-06-01T12:00:00Z");
const at = (minutes: number) => new Date(NOW.getTime() + minutes * 60_000);
const flags = (checklist: SetupChecklist | null) => Object.fromEntries((checklist?.items ?? []).map((item) => [item.id, item.done]));

describe.each(DATABASE_KINDS)("the setup checklist on %s", (kind) => {
  let database: TestDatabase;
  const shop = `checklist-${kind}.myshopify.com`;
  beforeAll(async () => {
    database = await createTestDatabase(kind);
    await installTestShop(database, shop);
  });
  afterAll(() => database.drop());

  it("GIVEN a fresh install THEN nothing is done and every item says where to go", async () => {
    const checklist = await getSetupChecklist(database, shop, NOW);
    expect(checklist).toMatchObject({ onboarded: false, live: false, doneCount: 0 });
    expect(flags(checklist)).toEqual({ program_chosen: false, earning_rules_reviewed: false, rewards_added: false, settings_reviewed: false, launched: false });
    expect(checklist?.items.map((item) => item.url)).toEqual(["/app/onboarding", "/app/program", "/app/program", "/app/settings", null]);
    expect(await getSetupChecklist(database, "unknown.myshopify.com", NOW)).toBeNull();
  });

  it("WHEN the wizard saves a preset THEN the program, its earning and its rewards are done", async () => {
    await completeOnboarding(database, shop, { kind: "spend", launch: "later" }, staff, at(1));
    const checklist = await getSetupChecklist(database, shop, at(2));
    expect(flags(checklist)).toEqual({ program_chosen: true, earning_rules_reviewed: true, rewards_added: true, settings_reviewed: false, launched: false });
    // 3 orders of 50.00 at 5 points per 1.00, 200 to join: 250 a first order, $5 off (500) after 2.
    expect(checklist?.items.find((item) => item.id === "earning_rules_reviewed")?.detail).toBe(
      'A typical customer earns 250 points on a first order and reaches "$5 off" after 2 orders.',
    );
    expect(checklist?.items.find((item) => item.id === "rewards_added")?.detail).toBe("3 rewards customers can redeem.");
  });

  it("WHEN every reward is switched off THEN rewards and earning come undone", async () => {
    const rules = presetFor("spend")?.rules("USD", shopAmountFormatter("USD"));
    if (!rules) throw new Error("no spend preset");
    await saveProgram(database, shop, { ...rules, rewards: rules.rewards.map((reward) => ({ ...reward, enabled: false })) }, staff, at(3));
    const checklist = await getSetupChecklist(database, shop, at(4));
    expect(flags(checklist)).toMatchObject({ program_chosen: true, earning_rules_reviewed: false, rewards_added: false });
    expect(checklist?.items.find((item) => item.id === "earning_rules_reviewed")?.detail).toBe("No reward every member can use yet, so earning leads nowhere.");
  });

  it("WHEN the only reward is out of a typical customer's reach THEN earning is flagged", async () => {
    const rules = presetFor("spend")?.rules("USD", shopAmountFormatter("USD"));
    if (!rules) throw new Error("no spend preset");
    const [first] = rules.rewards;
    if (!first || !("cost" in first)) throw new Error("no fixed reward");
    await saveProgram(database, shop, { ...rules, rewards: [{ ...first, cost: 9_000_000 }] }, staff, at(5));
    const item = (await getSetupChecklist(database, shop, at(6)))?.items.find((entry) => entry.id === "earning_rules_reviewed");
    expect(item).toMatchObject({ done: false, detail: 'A typical customer would not reach "$5 off" within a year: lower its cost or raise earning.' });
  });

  it("WHEN settings are saved and the program launched THEN those flip, and a pause flips launch back", async () => {
    await saveShopSettingsFor(database, shop, { settings: DEFAULT_SETTINGS, countTestOrders: false }, at(7));
    await launchProgram(database, shop, at(8));
    expect(await getSetupChecklist(database, shop, at(9))).toMatchObject({ live: true, onboarded: true });
    expect(flags(await getSetupChecklist(database, shop, at(9)))).toMatchObject({ settings_reviewed: true, launched: true });
    await pauseProgram(database, shop, at(10));
    expect(flags(await getSetupChecklist(database, shop, at(11)))).toMatchObject({ launched: false });
  });
});
