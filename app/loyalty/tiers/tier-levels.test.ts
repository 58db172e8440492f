import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { findTierLevel, qualifiedLevel, tierRank } from "./tier-levels";
import { GOLD, level, PLATINUM, SILVER } from "./tier-fixtures";

const LEVELS = [SILVER, GOLD, PLATINUM];

describe("the level a value qualifies for", () => {
  it.each([
    [0, "no tier", null],
    [29_999, "no tier (one below Silver)", null],
    [30_000, "Silver (exactly its threshold)", "silver"],
    [99_999, "Silver (one below Gold)", "silver"],
    [100_000, "Gold (exactly its threshold)", "gold"],
    [499_999, "Gold (one below Platinum)", "gold"],
    [500_000, "Platinum (exactly its threshold)", "platinum"],
    [Number.MAX_SAFE_INTEGER, "Platinum", "platinum"],
  ])("GIVEN a value of %s THEN the member qualifies for %s", (value, _tier, expected) => {
    expect(qualifiedLevel(LEVELS, value)?.id ?? null).toBe(expected);
  });

  it("GIVEN a first tier with a threshold of 0 THEN every member qualifies for it", () => {
    expect(qualifiedLevel([level("member", "Member", 0), GOLD], 0)?.id).toBe("member");
  });

  it("GIVEN no levels THEN nobody qualifies", () => {
    expect(qualifiedLevel([], 1_000_000)).toBeNull();
  });

  it("PROPERTY: the qualified level is reached and the next one is not", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1_000_000 }), (value) => {
        const found = qualifiedLevel(LEVELS, value);
        const rank = tierRank(LEVELS, found);
        if (found) expect(found.threshold).toBeLessThanOrEqual(value);
        const next = LEVELS[rank + 1];
        if (next) expect(next.threshold).toBeGreaterThan(value);
      }),
    );
  });
});

describe("finding and ranking levels", () => {
  it.each([
    ["Silver's id", "silver", 0, "silver"],
    ["Platinum's id", "platinum", 2, "platinum"],
    ["a removed tier's id", null, -1, "diamond"],
    ["no tier", null, -1, null],
  ])("GIVEN %s THEN the level found is %s, ranked %s", (_given, expected, rank, tierId) => {
    const found = findTierLevel(LEVELS, tierId);
    expect(found?.id ?? null).toBe(expected);
    expect(tierRank(LEVELS, found)).toBe(rank);
  });
});
