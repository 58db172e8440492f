import { describe, expect, it } from "vitest";
import { defaultProgramRules, programVersionAt, ProgramRulesSchema, type ProgramRules, type ProgramVersion, type Reward, type TierLevel } from "./program";

const valid = defaultProgramRules("USD");
const messages = (rules: unknown): string[] => {
  const parsed = ProgramRulesSchema.safeParse(rules);
  return parsed.success ? [] : parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`);
};
const tier = (id: string, threshold: number, extra: Partial<TierLevel> = {}): TierLevel => ({
  id, name: id.toUpperCase(), threshold, entryBonusPoints: 0, perks: { earnMultiplierPercent: 100, earlyAccess: false }, ...extra,
});
const withTiers = (levels: TierLevel[], enabled = true): ProgramRules => ({ ...valid, tiers: { ...valid.tiers, enabled, levels } });
const reward = (extra: Partial<Reward> & Pick<Reward, "kind">): Reward =>
  ({ id: "five-off", name: "$5 off", enabled: true, conditions: { minimumOrderMinor: 0, collectionIds: [] }, tierIds: [], limit: null, cost: 500, amountMinor: 500, ...extra }) as Reward;

describe("the default program", () => {
  it.each([
    ["USD", 100],
    ["JPY", 1],
    ["KWD", 1000],
  ])("GIVEN a %s shop THEN it awards 1 point per 1.00 (%i minor units) and nothing else", (currency, perAmountMinor) => {
    const rules = defaultProgramRules(currency);
    expect(rules.earning.spend).toMatchObject({ enabled: true, points: 1, perAmountMinor, maxPointsPerOrder: null, cap: null });
    expect(rules.earning.spend.base).toEqual({ includeShipping: false, includeTaxes: false, beforeDiscounts: false, includeGiftCards: false, excludedProductTags: [] });
    expect([rules.earning.perOrder, rules.earning.nthOrder, rules.earning.signup, rules.earning.birthday, rules.earning.anniversary].some((rule) => rule.enabled)).toBe(false);
    expect(rules.tiers.enabled).toBe(false);
    expect(rules.pending.enabled).toBe(false);
    expect(rules.expiry.policy).toBe("never");
  });

  it("is a valid program", () => {
    expect(messages(defaultProgramRules("EUR"))).toEqual([]);
  });
});

describe("programs stored by earlier versions", () => {
  it("GIVEN issue #2's version-1 rules THEN they read as the same program with every newer rule off", () => {
    const stored = { schemaVersion: 1, earning: { spend: { enabled: true, points: 2, perAmountMinor: 100 } } };
    const parsed = ProgramRulesSchema.parse(stored);
    expect(parsed).toEqual({ ...defaultProgramRules("USD"), earning: { ...defaultProgramRules("USD").earning, spend: { ...defaultProgramRules("USD").earning.spend, points: 2 } } });
  });
});

describe("ProgramRulesSchema rejects shapes the engine cannot run, with a message for the merchant", () => {
  it.each([
    ["negative points", { ...valid, earning: { ...valid.earning, spend: { ...valid.earning.spend, points: -1 } } }, "earning.spend.points: Points per amount spent must be at least 1."],
    ["fractional points", { ...valid, earning: { ...valid.earning, spend: { ...valid.earning.spend, points: 1.5 } } }, "earning.spend.points: Points per amount spent must be a whole number."],
    ["a zero spend unit", { ...valid, earning: { ...valid.earning, spend: { ...valid.earning.spend, perAmountMinor: 0 } } }, "earning.spend.perAmountMinor: The amount that earns points must be at least 1."],
    ["a 1000× tier multiplier", withTiers([tier("gold", 0, { perks: { earnMultiplierPercent: 100_000, earlyAccess: false } })]), "tiers.levels.0.perks.earnMultiplierPercent: The earn multiplier (%) can be at most 1,000."],
    ["a reward cheaper than zero", { ...valid, rewards: [reward({ kind: "fixed_amount", cost: -100 })] }, "rewards.0.cost: The cost in points must be at least 0."],
    ["a percentage over 100", { ...valid, rewards: [reward({ kind: "percentage", percent: 150, cost: 100 } as Partial<Reward> & Pick<Reward, "kind">)] }, "rewards.0.percent: The percentage off can be at most 100."],
    ["an unknown rule", { ...valid, earning: { ...valid.earning, referral: {} } }, 'earning: Unrecognized key: "referral"'],
    ["an unknown schema version", { ...valid, schemaVersion: 3 }, "schemaVersion: Invalid input: expected 2"],
  ])("%s", (_name, rules, message) => {
    expect(messages(rules)).toContain(message);
  });

  it("GIVEN overlapping tier thresholds THEN the higher tier is told to need more", () => {
    expect(messages(withTiers([tier("silver", 50_000), tier("gold", 50_000)]))).toEqual([
      "tiers.levels.1.threshold: GOLD must need more than SILVER: tier thresholds cannot overlap.",
    ]);
  });

  it("GIVEN two tiers with the same id or name THEN both are reported", () => {
    expect(messages(withTiers([tier("gold", 0), { ...tier("gold", 100), name: "gold" }]))).toEqual([
      'tiers.levels.1.id: Another tier already uses the id "gold".',
      'tiers.levels.1.name: Another tier is already called "gold".',
    ]);
  });

  it("GIVEN tiers turned on without any tier THEN it asks for one", () => {
    expect(messages(withTiers([]))).toEqual(["tiers.levels: Add at least one tier, or turn tiers off."]);
  });

  it("GIVEN a reward for a tier that does not exist, or while tiers are off THEN it says nobody could use it", () => {
    expect(messages({ ...withTiers([tier("gold", 0)]), rewards: [reward({ kind: "fixed_amount", tierIds: ["platinum"] })] })).toEqual([
      'rewards.0.tierIds.0: There is no tier "platinum".',
    ]);
    expect(messages({ ...withTiers([tier("gold", 0)], false), rewards: [reward({ kind: "fixed_amount", tierIds: ["gold"] })] })).toEqual([
      "rewards.0.tierIds: $5 off is only for some tiers, but tiers are off: nobody could use it.",
    ]);
  });

  it("GIVEN a free reward THEN it must be a tier perk with a use limit", () => {
    const freeShipping = (extra: object) => ({ id: "ship", name: "Free shipping", enabled: true, conditions: { minimumOrderMinor: 0, collectionIds: [] }, tierIds: [], limit: null, kind: "free_shipping", cost: 0, maxShippingMinor: null, ...extra });
    expect(messages({ ...valid, rewards: [freeShipping({})] })).toEqual([
      "rewards.0.cost: A reward can be free only as a tier perk with a use limit; otherwise it must cost at least 1 point.",
    ]);
    const perk = freeShipping({ tierIds: ["gold"], limit: { maxUses: 1, period: "month" } });
    expect(messages({ ...withTiers([tier("gold", 0)]), rewards: [perk] })).toEqual([]);
  });

  it("GIVEN points-for-money with a maximum under its minimum THEN it is rejected", () => {
    const variable = { id: "cash", name: "Points for cash", enabled: true, conditions: { minimumOrderMinor: 0, collectionIds: [] }, tierIds: [], limit: null, kind: "variable", rate: { points: 100, amountMinor: 100 }, minPoints: 500, maxPoints: 100, payout: "discount" };
    expect(messages({ ...valid, rewards: [variable] })).toEqual(["rewards.0.maxPoints: The maximum points cannot be lower than the minimum."]);
  });

  it("GIVEN two rewards with one id THEN the second is reported", () => {
    expect(messages({ ...valid, rewards: [reward({ kind: "fixed_amount" }), reward({ kind: "fixed_amount" })] })).toEqual([
      'rewards.1.id: Another reward already uses the id "five-off".',
    ]);
  });
});

describe("programVersionAt", () => {
  const versions: ProgramVersion[] = [
    { version: 1, effectiveAt: new Date("2026-01-01T00:00:00Z"), rules: valid },
    { version: 2, effectiveAt: new Date("2026-03-01T00:00:00Z"), rules: valid },
  ];

  it.each([
    ["2025-12-31T23:59:59Z", null],
    ["2026-01-01T00:00:00Z", 1],
    ["2026-02-28T23:59:59Z", 1],
    ["2026-03-01T00:00:00Z", 2],
  ])("GIVEN an order processed at %s THEN version %s governs it", (at, expected) => {
    expect(programVersionAt(versions, new Date(at))?.version ?? null).toBe(expected);
  });
});
