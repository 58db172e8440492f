import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { findTierLevel } from "./tier-levels";
import { placeMembers } from "./tier-placement";
import { tierProgress, tierStanding } from "./tier-progress";
import { level, tierRules } from "./tier-fixtures";

// Silver 30,000, Gold 100,000, Platinum 500,000 (minor units).
const RULES = tierRules();

describe("progress towards the next tier", () => {
  it.each([
    ["no tier", 0, "silver", 30_000, 0, null, null],
    ["no tier", 15_000, "silver", 15_000, 50, null, null],
    ["no tier", 29_999, "silver", 1, 99, null, null],
    ["Silver", 30_000, "gold", 70_000, 0, "silver", "silver"],
    ["Silver", 65_000, "gold", 35_000, 50, "silver", "silver"],
    ["Silver", 99_999, "gold", 1, 99, "silver", "silver"],
    ["Silver, already qualifying for Gold", 100_000, "gold", 0, 100, "silver", "silver"],
    ["Silver, already qualifying for Platinum", 900_000, "gold", 0, 100, "silver", "silver"],
    ["Gold, in grace below Gold", 40_000, "platinum", 460_000, 0, "gold", "gold"],
    ["Gold", 300_000, "platinum", 200_000, 50, "gold", "gold"],
    ["Platinum, the top tier", 500_000, "none", 0, 100, "platinum", "platinum"],
    ["a removed tier", 15_000, "silver", 15_000, 50, "diamond", null],
  ])("GIVEN a member in %s WHEN their value is %s THEN the next tier is %s, %s to go, %s percent there", (_held, value, next, remaining, percent, tierId, current) => {
    const progress = tierProgress(RULES, tierId, value);
    expect(progress).toMatchObject({ remainingToNext: remaining, percentToNext: percent });
    expect(progress.current?.id ?? null).toBe(current);
    expect(progress.next?.id ?? "none").toBe(next);
  });

  it("GIVEN a value a third of the way THEN the percentage rounds down", () => {
    expect(tierProgress(RULES, null, 10_000).percentToNext).toBe(33);
    expect(tierProgress(RULES, null, 20_000).percentToNext).toBe(66);
  });

  it.each([
    ["tiers are off", tierRules({ enabled: false }), "gold"],
    ["there are no levels", tierRules({ levels: [] }), null],
  ])("GIVEN %s THEN there is nothing to progress towards", (_given, rules, tierId) => {
    expect(tierProgress(rules, tierId, 50_000)).toEqual({ current: null, next: null, remainingToNext: 0, percentToNext: 0 });
  });

  it("GIVEN a first tier at threshold 0 and no tier held THEN it is already reached", () => {
    expect(tierProgress(tierRules({ levels: [level("member", "Member", 0)] }), null, 0)).toMatchObject({ remainingToNext: 0, percentToNext: 100 });
  });

  it("PROPERTY: the percentage is an integer 0–100, nothing remains exactly when the next tier is reached or absent", () => {
    fc.assert(
      fc.property(fc.constantFrom(null, "silver", "gold", "platinum", "diamond"), fc.integer({ min: 0, max: 2_000_000 }), (tierId, value) => {
        const { next, remainingToNext, percentToNext } = tierProgress(RULES, tierId, value);
        expect(Number.isInteger(percentToNext) && percentToNext >= 0 && percentToNext <= 100).toBe(true);
        expect(remainingToNext === 0).toBe(next === null || value >= next.threshold);
        if (next) expect(remainingToNext).toBe(Math.max(0, next.threshold - value));
      }),
    );
  });

  it("PROPERTY: more value never means less progress", () => {
    fc.assert(
      fc.property(fc.constantFrom(null, "silver", "gold"), fc.integer({ min: 0, max: 600_000 }), fc.integer({ min: 0, max: 600_000 }), (tierId, a, b) => {
        const [low, high] = a <= b ? [a, b] : [b, a];
        expect(tierProgress(RULES, tierId, high).percentToNext).toBeGreaterThanOrEqual(tierProgress(RULES, tierId, low).percentToNext);
      }),
    );
  });
});

describe("a member's standing, from the numbers placement uses", () => {
  const NOW = new Date("2026-06-01T00:00:00Z");
  const unplaced = { tierId: null, since: null, belowSince: null };

  it("GIVEN a member with no tier yet whose 1,281.56 qualifies for Silver and Gold THEN they read as due for Gold, with Platinum next and 3,718.44 to go — never 0.00 more", () => {
    const standing = tierStanding(RULES, unplaced, 128_156, NOW);
    expect(standing).toMatchObject({ moveDue: true, remainingToNext: 371_844 });
    expect(standing.placed?.id).toBe("gold");
    expect(standing.next?.id).toBe("platinum");
  });

  it("GIVEN a Gold member in the grace period below Gold THEN they keep Gold, and Platinum is next", () => {
    const standing = tierStanding(RULES, { tierId: "gold", since: NOW, belowSince: NOW }, 40_000, NOW);
    expect(standing).toMatchObject({ moveDue: false, remainingToNext: 460_000 });
    expect(standing.placed?.id).toBe("gold");
  });

  it("PROPERTY: whenever a next tier is named, something remains to reach it, and the tier shown is the one placement writes", () => {
    const stateArb = fc.record({
      tierId: fc.constantFrom(null, "silver", "gold", "platinum", "diamond"),
      since: fc.constant(new Date("2026-01-01T00:00:00Z")),
      belowSince: fc.option(fc.date({ min: new Date("2026-01-01T00:00:00Z"), max: NOW, noInvalidDate: true })),
    });
    fc.assert(
      fc.property(stateArb, fc.integer({ min: 0, max: 2_000_000 }), (state, value) => {
        const standing = tierStanding(RULES, state, value, NOW);
        if (standing.next) expect(standing.remainingToNext).toBeGreaterThan(0);
        const [placed] = placeMembers([{ customerRowId: 1, name: "", state, value, reachedTierIds: new Set() }], RULES, NOW);
        expect(standing.placed?.id ?? null).toBe(placed ? placed.state.tierId : findTierLevel(RULES.levels, state.tierId)?.id ?? null);
      }),
    );
  });
});
