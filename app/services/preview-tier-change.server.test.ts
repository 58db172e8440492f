import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { presetFor } from "../loyalty/program/presets";
import type { ProgramRules, TierMetric, TierWindow } from "../loyalty/program/program";
import { tierWindowStart } from "../loyalty/tiers/tier-window";
import { findShop } from "../repositories/shops.server";
import { memberTierValues } from "../repositories/tier-preview.server";
import { tierMetricFromRows } from "../repositories/tiers.server";
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from "../test/databases";
import { recordPaidOrder } from "../test/member-orders";
import { installTestShop } from "../test/shops";
import { previewTierChange } from "./preview-tier-change.server";
import { saveProgram } from "./save-program.server";

const staff = { actor: "staff:1", name: "Test Staff" };
const NOW = new Date("2027-02-20T12:00:00Z");
/** The VIP preset: Member from 0, Gold from 250.00, Elite from 500.00 of spend over 12 months. */
const vip = (): ProgramRules => presetFor("tiers")!.rules("USD");
const withThresholds = (rules: ProgramRules, thresholds: readonly number[]): ProgramRules => ({
  ...rules,
  tiers: { ...rules.tiers, levels: rules.tiers.levels.map((level, index) => ({ ...level, threshold: thresholds[index] ?? level.threshold })) },
});

describe.each(DATABASE_KINDS)("previewTierChange on %s", (kind) => {
  let database: TestDatabase;
  const shop = "tier-preview.myshopify.com";
  beforeAll(async () => {
    database = await createTestDatabase(kind);
    await installTestShop(database, shop);
    // The VIP program is in force before the orders, so members hold the tiers it gives.
    expect((await saveProgram(database, shop, vip(), staff, new Date("2026-02-01T00:00:00Z"))).status).toBe("saved");
    await recordPaidOrder(database, shop, 1, 30_000, new Date("2026-03-01T10:00:00Z")); // 300.00: Gold
    await recordPaidOrder(database, shop, 2, 5_000, new Date("2026-03-02T10:00:00Z")); // 50.00: Member
    await recordPaidOrder(database, shop, 3, 40_000, new Date("2026-03-03T10:00:00Z"));
    await recordPaidOrder(database, shop, 3, 30_000, new Date("2026-08-03T10:00:00Z")); // 700.00 in two orders: Elite
    // 600.00 made member 4 Elite, but by NOW it is older than the last 12 months (the nightly
    // re-evaluation has not run yet).
    await recordPaidOrder(database, shop, 4, 60_000, new Date("2026-02-15T10:00:00Z"));
  });
  afterAll(() => database.drop());

  const tiersNow = async () => {
    const rows = await database.db.selectFrom("Customer").select(["customerGid", "tierId"]).orderBy("customerGid").execute();
    return Object.fromEntries(rows.map((row) => [row.customerGid.split("/").pop(), row.tierId]));
  };

  it("GIVEN the rules in force THEN only the member whose spend left the window would move down", async () => {
    expect(await tiersNow()).toEqual({ 1: "gold", 2: "member", 3: "elite", 4: "elite" });
    const result = await previewTierChange(database, shop, vip(), NOW);
    expect(result).toMatchObject({ status: "preview", members: 4, moves: { up: 0, down: 1, unchanged: 3 } });
  });

  it("GIVEN Gold lowered to 40.00 and Elite raised to 800.00 THEN one member would move up, two down, and the counts per tier say where", async () => {
    const result = await previewTierChange(database, shop, withThresholds(vip(), [0, 4_000, 80_000]), NOW);
    // Saving would move only the upgrade at once: the two Elite members keep their tier for the grace period.
    expect(result).toMatchObject({ placement: { up: 1, down: 0, graceStarted: 2, examples: [{ name: "Member 2", from: "Member", to: "Gold" }] } });
    expect({ ...result, placement: undefined, currencyCode: undefined }).toEqual({
      placement: undefined,
      currencyCode: undefined,
      status: "preview",
      members: 4,
      moves: {
        up: 1,
        down: 2,
        unchanged: 1,
        byTier: [
          { tierId: null, name: "No tier", before: 0, after: 0 },
          { tierId: "member", name: "Member", before: 1, after: 1 },
          { tierId: "gold", name: "Gold", before: 1, after: 3 },
          { tierId: "elite", name: "Elite", before: 2, after: 0 },
        ],
      },
    });
  });

  it("GIVEN a lifetime window instead THEN the member whose spend left the last 12 months keeps Elite: nobody moves", async () => {
    const rules = vip();
    const result = await previewTierChange(database, shop, { ...rules, tiers: { ...rules.tiers, window: "lifetime" } }, NOW);
    expect(result).toMatchObject({ status: "preview", moves: { up: 0, down: 0, unchanged: 4 } });
  });

  it("GIVEN tiers by order count, Elite removed and Gold from 2 orders THEN everyone but the Member moves down", async () => {
    const rules = vip();
    const byOrders = { ...rules, tiers: { ...rules.tiers, metric: "orders" as const, levels: [rules.tiers.levels[0]!, { ...rules.tiers.levels[1]!, threshold: 2 }] } };
    byOrders.rewards = rules.rewards.filter((reward) => reward.tierIds.length === 0);
    const result = await previewTierChange(database, shop, byOrders, NOW);
    // 1: Gold → Member (one order); 3: Elite (removed) → Gold (two orders); 4: Elite → Member (none in the window).
    expect(result).toMatchObject({
      status: "preview",
      moves: { up: 0, down: 3, unchanged: 1, byTier: [{ tierId: null, before: 0, after: 0 }, { tierId: "member", before: 1, after: 3 }, { tierId: "gold", before: 1, after: 1 }, { tierId: "elite", name: "(removed tier)", before: 2, after: 0 }] },
    });
  });

  it("GIVEN proposed rules that could not be saved THEN the preview answers with the same issues as a save", async () => {
    const result = await previewTierChange(database, shop, withThresholds(vip(), [0, 50_000, 50_000]), NOW);
    expect(result).toEqual({
      status: "invalid",
      issues: [{ path: ["tiers", "levels", 2, "threshold"], message: "Elite must need more than Gold: tier thresholds cannot overlap." }],
    });
    expect(await previewTierChange(database, "unknown.myshopify.com", vip(), NOW)).toEqual({ status: "shop_not_installed" });
  });

  it.each([
    ["spend", "rolling_12_months"],
    ["orders", "lifetime"],
    ["points", "lifetime"],
    ["points", "rolling_12_months"],
  ] as const satisfies ReadonlyArray<readonly [TierMetric, TierWindow]>)("GIVEN %s over %s THEN the shop-wide query gives every member the value the per-member query gives", async (metric, window) => {
    const record = (await findShop(database.db, shop))!;
    const from = tierWindowStart(window, NOW, "UTC");
    const values = await memberTierValues(database.db, record.id, metric, from, NOW);
    expect(values).toHaveLength(4);
    for (const member of values) {
      expect(member.value).toBe(await tierMetricFromRows(database.db, record.id, member.customerRowId, metric, from, NOW));
    }
    expect(values.some((member) => member.value > 0)).toBe(true);
  });
});
