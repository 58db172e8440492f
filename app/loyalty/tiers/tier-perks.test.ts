import { describe, expect, it } from "vitest";
import { earnMultiplierPercent } from "./tier-perks";
import { tierRules } from "./tier-fixtures";

describe("the earn multiplier a tier gives", () => {
  it.each([
    ["Silver", 110, true, "silver"],
    ["Gold", 125, true, "gold"],
    ["Platinum", 150, true, "platinum"],
    ["no tier", 100, true, null],
    ["a tier the rules no longer have", 100, true, "diamond"],
    ["Gold while tiers are turned off", 100, false, "gold"],
  ])("GIVEN a member in %s THEN they earn at %s percent", (_held, expected, enabled, tierId) => {
    expect(earnMultiplierPercent(tierRules({ enabled }), tierId)).toBe(expected);
  });
});
