import { describe, expect, it } from "vitest";
import { PRESETS, presetFor } from "./presets";
import { previewTypicalCustomer } from "./preview";
import { ProgramRulesSchema, type ProgramRules } from "./program";

const dollars = (minor: number) => `$${minor / 100}`;
const typical = { ordersPerYear: 6, averageOrderMinor: 8_000 };
const rulesOf = (kind: Parameters<typeof presetFor>[0], currency = "USD"): ProgramRules => {
  const preset = presetFor(kind);
  if (!preset) throw new Error(`no preset ${kind}`);
  return preset.rules(currency, dollars);
};

describe("the eight presets of the guides", () => {
  it("offers exactly the eight kinds, each explained with the guides' example", () => {
    expect(PRESETS.map((preset) => preset.kind)).toEqual(["spend", "frequency", "time", "cashback", "tiers", "points_and_tiers", "perks", "mission"]);
    for (const preset of PRESETS) {
      expect(preset.summary.length).toBeGreaterThan(20);
      expect(preset.example).toMatch(/^Like /);
    }
  });

  it.each(PRESETS.map((preset) => [preset.kind]))("%s is a program the engine can run, in USD, JPY and KWD", (kind) => {
    for (const currency of ["USD", "JPY", "KWD"]) {
      const parsed = ProgramRulesSchema.safeParse(rulesOf(kind as Parameters<typeof presetFor>[0], currency));
      expect(parsed.success ? [] : parsed.error.issues).toEqual([]);
    }
  });

  it("names rewards with the shop's money format", () => {
    expect(rulesOf("spend").rewards.map((reward) => reward.name)).toEqual(["$5 off", "$10 off", "$25 off"]);
  });
});

describe("what a typical customer would earn (6 orders of $80.00 a year)", () => {
  it("GIVEN points for spending (5 per $1, 100 points = $1, 200 to join) THEN 400 a order, 2,600 a year, a 5.4 % return", () => {
    // 6 × ⌊80 × 5⌋ = 2,400 purchase points + 200 sign-up = 2,600 points = $26.00 on $480.00 spent.
    expect(previewTypicalCustomer(rulesOf("spend"), typical, "USD")).toEqual({
      firstOrderPoints: 400,
      yearPoints: 2_600,
      purchasePoints: 2_400,
      bonusPoints: 200,
      yearValueMinor: 2_600,
      returnBasisPoints: 541,
      tierAtYearEnd: null,
      firstReward: { id: "five-off", name: "$5 off", cost: 500, ordersNeeded: 1 },
    });
  });

  it("GIVEN rewards for coming back (10 per order, +50 every 5th) THEN 110 points a year", () => {
    // 6 orders × 10 + one fifth-order bonus of 50 = 110; 20 points = $1 → $5.50.
    expect(previewTypicalCustomer(rulesOf("frequency"), typical, "USD")).toMatchObject({ purchasePoints: 110, yearValueMinor: 550, firstReward: { id: "free-shipping", cost: 60, ordersNeeded: 5 } });
  });

  it("GIVEN VIP tiers by spend THEN the customer reaches Gold at $250 and earns 1.25× afterwards, with Gold's entry bonus", () => {
    // Orders 1-4 at 1× (80 each, spend reaches $320 after the 4th), orders 5-6 at 1.25× (100 each).
    const preview = previewTypicalCustomer(rulesOf("tiers"), typical, "USD");
    expect(preview).toMatchObject({ purchasePoints: 4 * 80 + 2 * 100, bonusPoints: 100, tierAtYearEnd: { id: "gold", name: "Gold" } });
  });

  it("GIVEN cashback THEN the return is 5 %", () => {
    expect(previewTypicalCustomer(rulesOf("cashback"), typical, "USD").returnBasisPoints).toBe(500);
  });

  it("GIVEN no orders THEN only the welcome bonus shows", () => {
    expect(previewTypicalCustomer(rulesOf("spend"), { ordersPerYear: 0, averageOrderMinor: 8_000 }, "USD")).toMatchObject({ yearPoints: 200, returnBasisPoints: 0 });
  });
});
