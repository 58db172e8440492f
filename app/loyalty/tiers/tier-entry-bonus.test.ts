import { describe, expect, it } from "vitest";
import type { TierChange, TierChangeReason } from "./tier-evaluation";
import { tierEntryBonus, tierEntryBonusKey } from "./tier-entry-bonus";
import { GOLD, PLATINUM, SILVER } from "./tier-fixtures";

// Silver pays 100 points on entry, Gold 500, Platinum nothing.
const LEVELS = [SILVER, GOLD, PLATINUM];
const AT = new Date("2026-03-01T10:00:00Z");
const QUALIFIED: TierChangeReason = { code: "qualified", metric: "spend", window: "rolling_12_months", value: 100_000, threshold: 100_000 };
const up = (from: string | null, to: string, reason: TierChangeReason = QUALIFIED): TierChange => ({ from, to, direction: "up", at: AT, reason });

describe("the entry bonus for reaching a tier", () => {
  it.each([
    ["from no tier to Silver, never reached", "Silver's 100 points", up(null, "silver"), [], { tierId: "silver", points: 100 }],
    ["from Silver to Gold, never reached", "Gold's 500 points", up("silver", "gold"), ["silver"], { tierId: "gold", points: 500 }],
    ["from no tier to Gold, skipping Silver", "only Gold's 500 points", up(null, "gold"), [], { tierId: "gold", points: 500 }],
    ["from Silver to Gold, reached before (back after a downgrade)", "nothing", up("silver", "gold"), ["silver", "gold"], null],
    ["from Gold to Platinum, which has no entry bonus", "nothing", up("gold", "platinum"), ["silver", "gold"], null],
    ["into a tier the rules no longer have", "nothing", up(null, "diamond"), [], null],
  ])("GIVEN a move up %s THEN it pays %s", (_move, _pays, change, reached, expected) => {
    expect(tierEntryBonus(change, LEVELS, new Set(reached))).toEqual(expected);
  });

  it("GIVEN a member who skipped Silver WHEN they later move up into Silver THEN Silver's bonus is paid then", () => {
    expect(tierEntryBonus(up(null, "silver"), LEVELS, new Set(["gold"]))).toEqual({ tierId: "silver", points: 100 });
  });

  const down = (from: string, to: string | null, reason: TierChangeReason): TierChange => ({ from, to, direction: "down", at: AT, reason });
  const REMOVED: TierChangeReason = { code: "tier_removed", previousTierId: "diamond", metric: "spend", window: "lifetime", value: 100_000, threshold: 100_000 };

  it.each([
    ["a move down into Silver, never reached", down("gold", "silver", QUALIFIED)],
    ["a move out of a removed tier into Gold, never reached", down("diamond", "gold", REMOVED)],
    ["tiers turned off", down("gold", null, { code: "tiers_disabled" })],
  ])("GIVEN %s THEN no bonus is paid", (_name, change) => {
    expect(tierEntryBonus(change, LEVELS, new Set())).toBeNull();
  });

  it("GIVEN an upgrade that was not earned by the metric THEN no bonus is paid", () => {
    expect(tierEntryBonus(up(null, "gold", REMOVED), LEVELS, new Set())).toBeNull();
  });

  it("GIVEN a customer and a tier THEN the ledger key names both, so the bonus is paid at most once", () => {
    expect(tierEntryBonusKey("gid://shopify/Customer/9", "gold")).toBe("customer:gid://shopify/Customer/9:tier-entry:gold");
    expect(tierEntryBonusKey("9", "gold")).not.toBe(tierEntryBonusKey("9", "silver"));
  });
});
