import { describe, expect, it } from "vitest";
import { defaultProgramRules, type ProgramRules } from "./program";
import { describeLocation, diffPrograms } from "./program-diff";
import { presetFor } from "./presets";

const dollars = (minor: number) => `$${(minor / 100).toFixed(2)}`;

describe("what changed between two program versions", () => {
  it("GIVEN nothing changed THEN there is nothing to show", () => {
    expect(diffPrograms(defaultProgramRules("USD"), defaultProgramRules("USD"), dollars)).toEqual([]);
  });

  it("GIVEN the spend rate and the base changed THEN each is one line in the merchant's words", () => {
    const before = defaultProgramRules("USD");
    const after: ProgramRules = {
      ...before,
      earning: { ...before.earning, spend: { ...before.earning.spend, points: 3, base: { ...before.earning.spend.base, includeShipping: true, excludedProductTags: ["sale"] } } },
    };
    expect(diffPrograms(before, after, dollars)).toEqual([
      { label: "Points for spending › points", before: "1", after: "3" },
      { label: "Points for spending › counts › shipping", before: "no", after: "yes" },
      { label: "Points for spending › counts › excluded product tags", before: "none", after: "sale" },
    ]);
  });

  it("GIVEN a tier's threshold moved and a reward was renamed THEN they are matched by id, and spend thresholds read as money", () => {
    const before = presetFor("tiers")?.rules("USD", dollars);
    if (!before) throw new Error("the tiers preset exists");
    const after: ProgramRules = {
      ...before,
      tiers: { ...before.tiers, levels: before.tiers.levels.map((level) => (level.id === "gold" ? { ...level, threshold: 30_000 } : level)) },
      rewards: before.rewards.map((reward) => (reward.id === "ten-off" ? { ...reward, name: "Ten dollars off" } : reward)),
    };
    expect(diffPrograms(before, after, dollars)).toEqual([
      { label: "Tier “Gold” (gold) › threshold", before: "$250.00", after: "$300.00" },
      { label: "Reward “Ten dollars off” (ten-off) › name", before: "$10.00 off", after: "Ten dollars off" },
    ]);
  });

  it("GIVEN a reward added and a tier removed THEN they show as appearing and disappearing", () => {
    const before = presetFor("tiers")?.rules("USD", dollars);
    if (!before) throw new Error("the tiers preset exists");
    const after: ProgramRules = {
      ...before,
      tiers: { ...before.tiers, levels: before.tiers.levels.filter((level) => level.id !== "elite") },
      rewards: before.rewards.filter((reward) => reward.id !== "free-shipping"),
    };
    const changes = diffPrograms(before, after, dollars);
    expect(changes).toContainEqual({ label: "Tier “Elite” (elite) › threshold", before: "$500.00", after: null });
    expect(changes).toContainEqual({ label: "Reward “Free shipping” (free-shipping) › cost (points)", before: "0", after: null });
  });
});

describe("diffPrograms' wording for tiers", () => {
  it("GIVEN tiers that qualify by points WHEN they qualify by spend THEN the history says \"amount spent\", not the stored key", () => {
    const before = defaultProgramRules("USD");
    const after: ProgramRules = { ...before, tiers: { ...before.tiers, metric: before.tiers.metric === "spend" ? "orders" : "spend" } };
    const change = diffPrograms(before, after, dollars).find((entry) => entry.label.endsWith("qualify by"));
    expect(change).toBeDefined();
    expect([change?.before, change?.after]).not.toContain("spend");
    expect([change?.before, change?.after].some((text) => text === "amount spent")).toBe(true);
  });
});

describe("diffPrograms' wording for rewards", () => {
  it("GIVEN a reward whose type changes THEN it reads as the reward's type, in words", () => {
    const base = defaultProgramRules("USD");
    const reward = { id: "r1", name: "Treat", enabled: true, kind: "fixed_amount" as const, cost: 100, amountMinor: 500, conditions: { minimumOrderMinor: 0, collectionIds: [] }, tierIds: [], limit: null };
    const before = { ...base, rewards: [reward] };
    const after = { ...base, rewards: [{ id: "r1", name: "Treat", enabled: true, kind: "free_shipping" as const, cost: 100, maxShippingMinor: null, conditions: { minimumOrderMinor: 0, collectionIds: [] }, tierIds: [], limit: null }] };
    const changes = diffPrograms(before, after, (minor) => `$${(minor / 100).toFixed(2)}`);
    expect(changes).toContainEqual({ label: "Reward “Treat” (r1) › type", before: "fixed amount", after: "free shipping" });
  });
});

describe("describeLocation", () => {
  const draft = {
    earning: { signup: { points: -5 } },
    tiers: { levels: [{ id: "t1", name: "Gold", threshold: 0 }] },
    rewards: [{ id: "r1", name: "Treat", cost: -1 }, { id: "r2", cost: 3 }],
  };
  it.each([
    [["earning", "signup", "points"], "Sign-up bonus › points"],
    [["tiers", "levels", 0, "threshold"], "Tier “Gold” › threshold"],
    [["rewards", 0, "cost"], "Reward “Treat” › cost (points)"],
    [["rewards", 1, "cost"], "Reward 2 › cost (points)"],
    [[], ""],
  ] as const)("GIVEN the path %j THEN %s", (path, words) => {
    expect(describeLocation(path, draft)).toBe(words);
  });
});
