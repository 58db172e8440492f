import { z } from "zod";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PRESETS, presetFor } from "../loyalty/program/presets";
import { defaultProgramRules, type ProgramRules } from "../loyalty/program/program";
import { listProgramVersionRecords } from "../repositories/program-versions.server";
import { findShop } from "../repositories/shops.server";
import { loadRoute, submitRoute } from "../test/admin-requests";
import { startAppServer, type AppServer } from "../test/app-server";
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from "../test/databases";
import { recordPaidOrder } from "../test/member-orders";
import { arrangeInstalledShop } from "../test/requests";

const EARNING = "/app/program?index";
const TIERS = "/app/program/tiers";
const vip = (): ProgramRules => presetFor("tiers")!.rules("USD");
const spendPreset = (): ProgramRules => presetFor("spend")!.rules("USD");

describe.each(DATABASE_KINDS)("the program designer through signed requests on %s", (kind) => {
  let database: TestDatabase;
  let server: AppServer;
  const shop = `designer-${kind}.myshopify.com`;
  const tierShop = `designer-tiers-${kind}.myshopify.com`;

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    await arrangeInstalledShop(database, shop);
    await arrangeInstalledShop(database, tierShop);
    server = await startAppServer({ databaseUrl: database.url });
  });
  afterAll(async () => {
    await server?.stop();
    await database?.drop();
  });

  const versionsOf = async (domain: string) => listProgramVersionRecords(database.db, (await findShop(database.db, domain))!.id);
  const save = (program: unknown, path = EARNING, domain = shop) => submitRoute(server, domain, path, { intent: "save", program: JSON.stringify(program) });

  it("GIVEN a staff member THEN every page of the designer loads the program in force with the shop's currency", async () => {
    for (const [path, routeId] of [
      ["/app/program", "routes/app.program._index"],
      ["/app/program/tiers", "routes/app.program.tiers"],
      ["/app/program/rewards", "routes/app.program.rewards"],
      ["/app/program/expiry", "routes/app.program.expiry"],
    ] as const) {
      const result = await loadRoute(server, shop, path, routeId);
      expect(result.status).toBe(200);
      expect(result.data).toMatchObject({ currencyCode: "USD", version: 1, rules: { schemaVersion: 2, kind: "spend" }, pointsName: { plural: "points" } });
    }
  });

  it.each(PRESETS.map((preset) => [preset.kind, preset] as const))("GIVEN the %s preset WHEN it is saved through the page THEN a new version is in force, made by the staff member", async (_kind, preset) => {
    const before = await versionsOf(shop);
    const result = await save(preset.rules("USD"));
    expect(result).toMatchObject({ status: 200, data: { kind: "saved", version: before.length + 1 } });
    const [latest] = await versionsOf(shop);
    expect(latest).toMatchObject({ version: before.length + 1, createdByName: "Test Staff", rules: { kind: preset.kind } });
    const loaded = await loadRoute(server, shop, "/app/program", "routes/app.program._index");
    expect(loaded.data).toMatchObject({ version: before.length + 1, rules: preset.rules("USD") });
  });

  it("GIVEN the program in force WHEN it is saved again unchanged THEN no version is added", async () => {
    const before = await versionsOf(shop);
    const result = await save(before[0]!.rules, TIERS);
    expect(result).toMatchObject({ status: 200, data: { kind: "unchanged", version: before[0]!.version } });
    expect(await versionsOf(shop)).toHaveLength(before.length);
  });

  const withReward = (change: Record<string, unknown>) => {
    const rules = spendPreset();
    return { ...rules, rewards: rules.rewards.map((reward, index) => (index === 0 ? { ...reward, ...change } : reward)) };
  };
  const withLevels = (change: (levels: ProgramRules["tiers"]["levels"]) => unknown[]) => {
    const rules = vip();
    return { ...rules, tiers: { ...rules.tiers, levels: change(rules.tiers.levels) } };
  };
  const withEarning = (change: (earning: ProgramRules["earning"]) => unknown) => {
    const rules = spendPreset();
    return { ...rules, earning: change(rules.earning) };
  };

  it.each([
    ["a negative reward cost", withReward({ cost: -5 }), ["rewards", 0, "cost"], "The cost in points must be at least 0."],
    ["a reward worth less than nothing", withReward({ amountMinor: -500 }), ["rewards", 0, "amountMinor"], "The amount off must be at least 1."],
    ["a free reward for everyone", withReward({ cost: 0 }), ["rewards", 0, "cost"], "A reward can be free only as a tier perk with a use limit; otherwise it must cost at least 1 point."],
    ["two tiers with the same threshold", withLevels(([member, gold, elite]) => [member, gold, { ...elite!, threshold: gold!.threshold }]), ["tiers", "levels", 2, "threshold"], "Elite must need more than Gold: tier thresholds cannot overlap."],
    ["tiers whose thresholds overlap", withLevels(([member, gold, elite]) => [member, { ...gold!, threshold: 90_000 }, elite]), ["tiers", "levels", 2, "threshold"], "Elite must need more than Gold: tier thresholds cannot overlap."],
    ["two tiers with one id", withLevels(([member, gold, elite]) => [member, gold, { ...elite!, id: "gold" }]), ["tiers", "levels", 2, "id"], 'Another tier already uses the id "gold".'],
    [
      "a 1000× earn multiplier",
      withLevels(([member, gold, elite]) => [member, gold, { ...elite!, perks: { ...elite!.perks, earnMultiplierPercent: 100_000 } }]),
      ["tiers", "levels", 2, "perks", "earnMultiplierPercent"],
      "The earn multiplier (%) can be at most 1,000.",
    ],
    ["points that are not whole", withEarning((earning) => ({ ...earning, spend: { ...earning.spend, points: 1.5 } })), ["earning", "spend", "points"], "Points per amount spent must be a whole number."],
    ["a sign-up bonus as text", withEarning((earning) => ({ ...earning, signup: { enabled: true, points: "100" } })), ["earning", "signup", "points"], "Bonus points must be a number."],
    ["a setting Wafa does not know", { ...spendPreset(), loyaltyHack: true }, [], 'Wafa does not know the setting "loyaltyHack": reload the page and try again.'],
    ["a reward of a kind Wafa does not know", withReward({ kind: "free_money" }), ["rewards", 0, "kind"], "Choose a kind of reward."],
    ["an array instead of a program", [1, 2, 3], [], "This is not a Wafa program: reload the page and try again."],
    ["an empty object", {}, [], "This is not a Wafa program: reload the page and try again."],
    ["a version-1 shaped program", { schemaVersion: 1, earning: {} }, [], "This is not a Wafa program: reload the page and try again."],
  ] as const)("GIVEN %s THEN the save is refused with the merchant's message at the field, and nothing is saved", async (_case, program, path, message) => {
    const before = await versionsOf(shop);
    const result = await save(program);
    expect(result.status).toBe(400);
    expect(result.data).toMatchObject({ kind: "invalid" });
    expect((result.data as { issues: unknown[] }).issues).toContainEqual({ path, message });
    expect(await versionsOf(shop)).toHaveLength(before.length);
  });

  it.each([
    ["a body that is not JSON", { intent: "save", program: "{not json" }, "The program could not be read (it is not valid JSON): reload the page and try again."],
    ["no program at all", { intent: "save" }, "The form was incomplete: reload the page and try again."],
    ["an unknown intent", { intent: "delete_everything", program: "{}" }, "The form was incomplete: reload the page and try again."],
  ])("GIVEN %s THEN the save is refused and nothing is saved", async (_case, fields, message) => {
    const before = await versionsOf(shop);
    const result = await submitRoute(server, shop, EARNING, fields);
    expect(result).toMatchObject({ status: 400, data: { kind: "invalid", issues: [{ path: [], message }] } });
    expect(await versionsOf(shop)).toHaveLength(before.length);
  });

  it("GIVEN members with orders WHEN the VIP tiers are previewed THEN the page says how many would move, and nothing is saved", async () => {
    const recently = new Date(Date.now() - 5 * 86_400_000);
    await recordPaidOrder(database, tierShop, 1, 30_000, recently); // 300.00: Gold
    await recordPaidOrder(database, tierShop, 2, 5_000, recently); // 50.00: Member
    await recordPaidOrder(database, tierShop, 3, 70_000, recently); // 700.00: Elite
    const before = await versionsOf(tierShop);
    const preview = await submitRoute(server, tierShop, TIERS, { intent: "preview_tiers", program: JSON.stringify(vip()) });
    expect(preview).toMatchObject({
      status: 200,
      data: {
        kind: "tier_preview",
        members: 3,
        moves: {
          up: 3,
          down: 0,
          unchanged: 0,
          byTier: [
            { tierId: null, before: 3, after: 0 },
            { tierId: "member", before: 0, after: 1 },
            { tierId: "gold", before: 0, after: 1 },
            { tierId: "elite", before: 0, after: 1 },
          ],
        },
      },
    });
    expect(await versionsOf(tierShop)).toHaveLength(before.length);

    // Saving asks first (three members move up), writes nothing until confirmed, then places them at once.
    const asked = await save(vip(), TIERS, tierShop);
    expect(asked.data).toMatchObject({ kind: "confirm", currencyCode: "USD", placement: { up: 3, down: 0 } });
    expect(await versionsOf(tierShop)).toHaveLength(before.length);
    const fingerprint = z.object({ placement: z.object({ fingerprint: z.string() }) }).parse(asked.data).placement.fingerprint;
    const confirmed = await submitRoute(server, tierShop, TIERS, { intent: "save", program: JSON.stringify(vip()), confirmed: fingerprint });
    expect(confirmed.data).toMatchObject({ kind: "saved", placement: { up: 3, down: 0 } });
    // Raising Gold to 400.00 would move one down.
    await recordPaidOrder(database, tierShop, 1, 100, new Date());
    await recordPaidOrder(database, tierShop, 3, 100, new Date());
    const raised = withLevels(([member, gold, elite]) => [member, { ...gold!, threshold: 40_000 }, elite]);
    const second = await submitRoute(server, tierShop, TIERS, { intent: "preview_tiers", program: JSON.stringify(raised) });
    expect(second.data).toMatchObject({ kind: "tier_preview", moves: { down: 1 } });
  });

  it("GIVEN proposed tiers that overlap THEN the preview answers with the same message a save would", async () => {
    const overlapping = withLevels(([member, gold, elite]) => [member, gold, { ...elite!, threshold: 1 }]);
    const result = await submitRoute(server, tierShop, TIERS, { intent: "preview_tiers", program: JSON.stringify(overlapping) });
    expect(result).toMatchObject({ status: 400, data: { kind: "invalid", issues: [{ path: ["tiers", "levels", 2, "threshold"], message: "Elite must need more than Gold: tier thresholds cannot overlap." }] } });
  });

  it("GIVEN a staff save THEN the history page lists it first, by the staff member, with what changed in merchant words", async () => {
    const historyShop = `designer-history-${kind}.myshopify.com`;
    await arrangeInstalledShop(database, historyShop);
    const base = defaultProgramRules("USD");
    const changed = { ...base, earning: { ...base.earning, spend: { ...base.earning.spend, points: 2, perAmountMinor: 500 } } };
    expect((await save(changed, EARNING, historyShop)).data).toMatchObject({ kind: "saved", version: 2 });
    const history = await loadRoute(server, historyShop, "/app/program/history", "routes/app.program.history");
    expect(history.status).toBe(200);
    expect(history.data).toMatchObject({
      versions: [
        {
          version: 2,
          madeBy: "Test Staff",
          first: false,
          changes: [
            { label: "Points for spending › points", before: "1", after: "2" },
            { label: "Points for spending › per amount spent", before: "$1.00", after: "$5.00" },
          ],
        },
        { version: 1, madeBy: "Wafa", first: true, changes: [] },
      ],
    });
  });
});
