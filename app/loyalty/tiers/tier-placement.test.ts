import { describe, expect, it } from "vitest";
import fc from "fast-check";
import type { Rate, TierRules } from "../program/rules-schema";
import { NO_TIER, type MemberTierState, type TierChangeReason } from "./tier-evaluation";
import { GOLD, level, PLATINUM, SILVER, tierRules } from "./tier-fixtures";
import { PLACEMENT_EXAMPLES, placeMembers, placementImpact, placementNeedsConfirmation, type PlacementMember, type PlacementOutcome } from "./tier-placement";

// Silver from 30,000 (100 points on entry), Gold from 100,000 (500 points), Platinum from
// 500,000 (no bonus), spend over 12 months, 30 days of grace below a tier.
const RULES = tierRules();
const NOW = new Date("2026-06-01T00:00:00Z");
const JOINED = new Date("2026-01-01T00:00:00Z");
const DAY_MS = 86_400_000;
const daysBefore = (days: number) => new Date(NOW.getTime() - days * DAY_MS);
/** One cent a point, the program's default for a two-decimal currency. */
const CENT_A_POINT: Rate = { points: 100, amountMinor: 100 };

const inTier = (tierId: string, belowSince: Date | null = null): MemberTierState => ({ tierId, since: JOINED, belowSince });

/** A member as planShopPlacement builds one: row id, display name, tier state, value, tiers reached before. */
const member = (customerRowId: number, name: string, state: MemberTierState, value: number, reached: readonly string[] = []): PlacementMember => ({
  customerRowId,
  name,
  state,
  value,
  reachedTierIds: new Set(reached),
});

/** What happened to one member, in the terms a test can state: nothing, or where they stand now and why. */
const whatHappened = (outcome: PlacementOutcome | undefined) =>
  outcome
    ? {
        tierId: outcome.state.tierId,
        move: outcome.change?.direction ?? "none",
        reason: outcome.change?.reason.code ?? null,
        bonus: outcome.bonus?.points ?? null,
        graceFrom: outcome.state.belowSince,
      }
    : "nothing";

type Happened = ReturnType<typeof whatHappened>;
const placed = (tierId: string | null, move: "up" | "down", reason: TierChangeReason["code"], bonus: number | null = null): Happened => ({ tierId, move, reason, bonus, graceFrom: null });

const sentence = (expected: Happened) => {
  if (expected === "nothing") return "nothing changes";
  if (expected.move === "none") return expected.graceFrom ? `they keep ${expected.tierId} and their grace period starts now` : `they keep ${expected.tierId} and their grace clock stops`;
  return `they move ${expected.move} to ${expected.tierId ?? "no tier"} (${expected.reason}) ${expected.bonus ? `earning ${expected.bonus} points` : "with no bonus"}`;
};
const row = (given: string, who: string, state: MemberTierState, value: number, reached: readonly string[], rules: TierRules, expected: Happened) => ({
  given,
  who,
  state,
  value,
  reached,
  rules,
  expected,
  then: sentence(expected),
});

describe("placing members in tiers", () => {
  it.each([
    // No tiers at all.
    row("a program without tiers", "a member with no tier and a large value", NO_TIER, 900_000, [], tierRules({ levels: [] }), "nothing"),
    row("a program without tiers", "a member still in Gold", inTier("gold"), 900_000, [], tierRules({ levels: [] }), placed(null, "down", "tier_removed")),
    row("tiers turned off", "a member with no tier and a large value", NO_TIER, 900_000, [], tierRules({ enabled: false }), "nothing"),
    row("tiers turned off", "a Gold member who still qualifies", inTier("gold"), 900_000, ["silver", "gold"], tierRules({ enabled: false }), placed(null, "down", "tiers_disabled")),
    // Thresholds.
    row("the usual rules", "a member with no tier one below Silver", NO_TIER, 29_999, [], RULES, "nothing"),
    row("the usual rules", "a member with no tier exactly at Silver", NO_TIER, 30_000, [], RULES, placed("silver", "up", "qualified", 100)),
    row("the usual rules", "a member with no tier above Silver, below Gold", NO_TIER, 99_999, [], RULES, placed("silver", "up", "qualified", 100)),
    row("the usual rules", "a member with no tier exactly at Gold (skipping Silver)", NO_TIER, 100_000, [], RULES, placed("gold", "up", "qualified", 500)),
    row("the usual rules", "a member with no tier at Platinum, which pays no bonus", NO_TIER, 500_000, [], RULES, placed("platinum", "up", "qualified")),
    row("the usual rules", "a Silver member who still qualifies for Silver only", inTier("silver"), 99_999, ["silver"], RULES, "nothing"),
    row("the usual rules", "a Silver member who now reaches Gold", inTier("silver"), 100_000, ["silver"], RULES, placed("gold", "up", "qualified", 500)),
    // Entry bonuses are once per tier.
    row("the usual rules", "a Silver member back at Gold, reached before", inTier("silver"), 100_000, ["silver", "gold"], RULES, placed("gold", "up", "qualified")),
    row("the usual rules", "a member with no tier back at Silver, reached before", NO_TIER, 30_000, ["silver"], RULES, placed("silver", "up", "qualified")),
    row("the usual rules", "a member with no tier reaching Silver, having reached only Gold before", NO_TIER, 30_000, ["gold"], RULES, placed("silver", "up", "qualified", 100)),
    // Moves down, with the grace period.
    row("30 days of grace", "a Gold member newly below Gold", inTier("gold"), 40_000, ["silver", "gold"], RULES, { tierId: "gold", move: "none", reason: null, bonus: null, graceFrom: NOW }),
    row("30 days of grace", "a Gold member below Gold for 29 days", inTier("gold", daysBefore(29)), 40_000, ["silver", "gold"], RULES, "nothing"),
    row("30 days of grace", "a Gold member below Gold for exactly 30 days", inTier("gold", daysBefore(30)), 40_000, ["silver", "gold"], RULES, placed("silver", "down", "grace_expired")),
    row("30 days of grace", "a Gold member, never in Silver, whose grace ran out into Silver", inTier("gold", daysBefore(31)), 40_000, ["gold"], RULES, placed("silver", "down", "grace_expired")),
    row("30 days of grace", "a Gold member whose grace ran out below every tier", inTier("gold", daysBefore(31)), 0, ["silver", "gold"], RULES, placed(null, "down", "grace_expired")),
    row("30 days of grace", "a Gold member in grace who meets Gold again", inTier("gold", daysBefore(10)), 100_000, ["silver", "gold"], RULES, { tierId: "gold", move: "none", reason: null, bonus: null, graceFrom: null }),
    row("30 days of grace", "a Gold member in grace who jumps to Platinum", inTier("gold", daysBefore(10)), 500_000, ["silver", "gold"], RULES, placed("platinum", "up", "qualified")),
    row("no grace", "a Gold member one below Gold", inTier("gold"), 99_999, ["silver", "gold"], tierRules({ downgradeGraceDays: 0 }), placed("silver", "down", "grace_expired")),
    // A tier the merchant removed.
    row("the usual rules", "a member in a removed tier who qualifies for Silver, never reached", inTier("diamond"), 40_000, [], RULES, placed("silver", "down", "tier_removed")),
  ])("GIVEN $given AND $who WHEN members are placed THEN $then", ({ state, value, reached, rules, expected }) => {
    const outcomes = placeMembers([member(1, "Ada Lovelace", state, value, reached)], rules, NOW);
    expect(outcomes.length).toBeLessThanOrEqual(1);
    expect(whatHappened(outcomes[0])).toEqual(expected);
  });

  it("GIVEN members of whom only some change WHEN they are placed THEN only those are returned, in order, with their id, name and the moment of the move", () => {
    const outcomes = placeMembers(
      [member(7, "Stays", NO_TIER, 100), member(3, "Grace Hopper", NO_TIER, 30_000), member(9, "Also stays", inTier("silver"), 40_000, ["silver"]), member(5, "Alan Turing", inTier("silver"), 200_000, ["silver"])],
      RULES,
      NOW,
    );
    expect(outcomes.map((outcome) => [outcome.customerRowId, outcome.name, outcome.state, outcome.change?.at])).toEqual([
      [3, "Grace Hopper", { tierId: "silver", since: NOW, belowSince: null }, NOW],
      [5, "Alan Turing", { tierId: "gold", since: NOW, belowSince: null }, NOW],
    ]);
  });

  it("GIVEN no members THEN nobody is placed", () => {
    expect(placeMembers([], RULES, NOW)).toEqual([]);
  });
});

describe("the impact of a placement, before it is confirmed", () => {
  const impactOf = (members: readonly PlacementMember[], rules: TierRules = RULES, pointValue: Rate = CENT_A_POINT) =>
    placementImpact(members, placeMembers(members, rules, NOW), rules, pointValue);

  it("GIVEN a program without tiers and members without one THEN there is one row, No tier, and nothing to confirm", () => {
    const impact = impactOf([member(1, "A", NO_TIER, 0), member(2, "B", NO_TIER, 900_000)], tierRules({ levels: [] }));
    expect(impact).toEqual({
      members: 2,
      up: 0,
      down: 0,
      graceStarted: 0,
      byTier: [{ tierId: null, name: "No tier", before: 2, after: 2 }],
      examples: [],
      bonusMembers: 0,
      bonusPoints: 0,
      bonusCostMinor: 0,
      fingerprint: "0-811c9dc5",
    });
    expect(placementNeedsConfirmation(impact)).toBe(false);
  });

  it("GIVEN members who move up, down, start a grace period, leave a removed tier or stay THEN every count, row, example and bonus says so", () => {
    const impact = impactOf([
      member(1, "Stays out", NO_TIER, 10_000),
      member(2, "Up to Silver", NO_TIER, 40_000),
      member(3, "Up to Gold", NO_TIER, 150_000),
      member(4, "Grace ran out", inTier("gold", daysBefore(31)), 10_000, ["silver", "gold"]),
      member(5, "In grace", inTier("gold"), 40_000, ["silver", "gold"]),
      member(6, "Left Diamond", inTier("diamond"), 40_000),
    ]);
    expect(impact).toMatchObject({ members: 6, up: 2, down: 2, graceStarted: 1, bonusMembers: 2, bonusPoints: 600, bonusCostMinor: 600 });
    expect(impact.byTier).toEqual([
      { tierId: null, name: "No tier", before: 3, after: 2 },
      { tierId: "silver", name: "Silver", before: 0, after: 2 },
      { tierId: "gold", name: "Gold", before: 2, after: 2 },
      { tierId: "platinum", name: "Platinum", before: 0, after: 0 },
      { tierId: "diamond", name: "(removed tier)", before: 1, after: 0 },
    ]);
    expect(impact.examples).toEqual([
      { name: "Up to Silver", from: "No tier", to: "Silver" },
      { name: "Up to Gold", from: "No tier", to: "Gold" },
      { name: "Grace ran out", from: "Gold", to: "No tier" },
      { name: "Left Diamond", from: "(removed tier)", to: "Silver" },
    ]);
    expect(placementNeedsConfirmation(impact)).toBe(true);
  });

  it("GIVEN members in two removed tiers THEN each has its own row after the levels, by id", () => {
    const impact = impactOf([member(1, "Z", inTier("zinc"), 0), member(2, "B", inTier("bronze"), 0), member(3, "Z2", inTier("zinc"), 0)]);
    expect(impact.byTier.map((row) => [row.tierId, row.name, row.before, row.after])).toEqual([
      [null, "No tier", 0, 3],
      ["silver", "Silver", 0, 0],
      ["gold", "Gold", 0, 0],
      ["platinum", "Platinum", 0, 0],
      ["bronze", "(removed tier)", 1, 0],
      ["zinc", "(removed tier)", 2, 0],
    ]);
  });

  it.each([
    [PLACEMENT_EXAMPLES - 1, PLACEMENT_EXAMPLES - 1],
    [PLACEMENT_EXAMPLES, PLACEMENT_EXAMPLES],
    [PLACEMENT_EXAMPLES + 1, PLACEMENT_EXAMPLES],
    [40, PLACEMENT_EXAMPLES],
  ])("GIVEN %i members who move THEN the impact names the first %i of them", (moving, shown) => {
    const members = Array.from({ length: moving }, (_, index) => member(index + 1, `Member ${index + 1}`, NO_TIER, 30_000));
    const impact = impactOf(members);
    expect(impact.up).toBe(moving);
    expect(impact.examples.map((example) => example.name)).toEqual(members.slice(0, shown).map((m) => m.name));
  });

  it.each([
    ["one cent a point", 600, 600, CENT_A_POINT],
    ["five cents a point", 600, 3_000, { points: 1, amountMinor: 5 }],
    ["one yen for ten points", 600, 60, { points: 10, amountMinor: 1 }],
    ["a third of a minor unit a point, rounding down", 100, 33, { points: 3, amountMinor: 1 }],
    ["half a minor unit in all, rounding up", 100, 1, { points: 200, amountMinor: 1 }],
    ["five minor units per seven points", 600, 429, { points: 7, amountMinor: 5 }],
  ])("GIVEN a point value of %s WHEN the bonuses come to %i points THEN they cost %i minor units, an exact integer", (_value, points, costMinor, pointValue) => {
    // Silver's 100 points, and Gold's 500 when the bonuses come to 600.
    const members = points === 600 ? [member(1, "A", NO_TIER, 30_000), member(2, "B", NO_TIER, 100_000)] : [member(1, "A", NO_TIER, 30_000)];
    const impact = impactOf(members, RULES, pointValue);
    expect(impact.bonusPoints).toBe(points);
    expect(impact.bonusCostMinor).toBe(costMinor);
    expect(Number.isInteger(impact.bonusCostMinor)).toBe(true);
  });

  it("GIVEN tiers whose bonuses are large THEN the cost is still exact in minor units", () => {
    const rules = tierRules({ levels: [level("vip", "VIP", 0, 1_000_000)] });
    const members = Array.from({ length: 3 }, (_, index) => member(index + 1, `M${index}`, NO_TIER, 0));
    expect(impactOf(members, rules, { points: 3, amountMinor: 7 })).toMatchObject({ bonusPoints: 3_000_000, bonusCostMinor: 7_000_000 });
  });

  it.each([
    ["nobody moves", "needs no confirming", [member(1, "A", NO_TIER, 100)], false],
    ["a member only starts a grace period", "needs no confirming", [member(1, "A", inTier("gold"), 40_000, ["gold"])], false],
    ["a member moves up without a bonus (Platinum pays none)", "needs confirming", [member(1, "A", inTier("gold"), 500_000, ["gold"])], true],
    ["a member moves down", "needs confirming", [member(1, "A", inTier("diamond"), 0)], true],
    ["a member moves up and earns a bonus", "needs confirming", [member(1, "A", NO_TIER, 30_000)], true],
  ])("GIVEN %s THEN the placement %s", (_given, _then, members, needed) => {
    expect(placementNeedsConfirmation(impactOf(members))).toBe(needed);
  });

  it("GIVEN an impact that grants points without moving anyone THEN it still needs confirming", () => {
    expect(placementNeedsConfirmation({ ...impactOf([]), bonusMembers: 1, bonusPoints: 100, bonusCostMinor: 100 })).toBe(true);
  });

  it("GIVEN the same moves THEN the fingerprint is the same, whatever the members' order; another bonus or destination changes it", () => {
    const members = [member(1, "A", NO_TIER, 30_000), member(2, "B", NO_TIER, 100_000), member(3, "C", inTier("gold"), 40_000)];
    const fingerprint = impactOf(members).fingerprint;
    expect(fingerprint).toMatch(/^2-[0-9a-f]{8}$/);
    expect(impactOf([...members].reverse()).fingerprint).toBe(fingerprint);
    // Member 3 only starts a grace period: no move, so it does not count.
    expect(impactOf(members.slice(0, 2)).fingerprint).toBe(fingerprint);
    expect(impactOf([member(1, "A", NO_TIER, 30_000, ["silver"]), ...members.slice(1)]).fingerprint).not.toBe(fingerprint);
    expect(impactOf([member(1, "A", NO_TIER, 100_000), ...members.slice(1)]).fingerprint).not.toBe(fingerprint);
  });
});

describe("placement invariants", () => {
  const stateArb: fc.Arbitrary<MemberTierState> = fc.oneof(
    fc.constant(NO_TIER),
    fc.record({
      tierId: fc.constantFrom("silver", "gold", "platinum", "diamond"),
      since: fc.constant(JOINED),
      belowSince: fc.option(fc.date({ min: daysBefore(60), max: new Date(NOW.getTime() + DAY_MS), noInvalidDate: true }), { nil: null }),
    }),
  );
  const memberArb = fc.record({
    name: fc.string({ maxLength: 8 }),
    state: stateArb,
    value: fc.integer({ min: 0, max: 2_000_000 }),
    reached: fc.subarray(["silver", "gold", "platinum", "diamond"]),
  });
  const rulesArb = fc.constantFrom(
    RULES,
    tierRules({ downgradeGraceDays: 0 }),
    tierRules({ enabled: false }),
    tierRules({ levels: [] }),
    tierRules({ levels: [GOLD], downgradeGraceDays: 7 }),
    tierRules({ levels: [level("member", "Member", 0, 50), SILVER, PLATINUM] }),
  );
  const rateArb = fc.record({ points: fc.integer({ min: 1, max: 1_000_000 }), amountMinor: fc.integer({ min: 1, max: 100_000 }) });

  it("PROPERTY: the impact's rows, moves and bonuses add up to the outcomes, and placing the outcome again moves nobody", () => {
    fc.assert(
      fc.property(fc.array(memberArb, { maxLength: 30 }), rulesArb, rateArb, (drawn, rules, pointValue) => {
        const members = drawn.map((m, index) => member(index + 1, m.name, m.state, m.value, m.reached));
        const outcomes = placeMembers(members, rules, NOW);
        const impact = placementImpact(members, outcomes, rules, pointValue);

        const byId = new Map(outcomes.map((outcome) => [outcome.customerRowId, outcome]));
        const finalTier = (m: PlacementMember) => {
          const outcome = byId.get(m.customerRowId);
          return outcome ? outcome.state.tierId : m.state.tierId;
        };
        const sum = (numbers: readonly number[]) => numbers.reduce((total, n) => total + n, 0);
        expect(sum(impact.byTier.map((row) => row.before))).toBe(members.length);
        expect(sum(impact.byTier.map((row) => row.after))).toBe(members.length);
        for (const row of impact.byTier) {
          expect(row.before).toBe(members.filter((m) => m.state.tierId === row.tierId).length);
          expect(row.after).toBe(members.filter((m) => finalTier(m) === row.tierId).length);
        }
        const moves = outcomes.filter((outcome) => outcome.state.tierId !== members.find((m) => m.customerRowId === outcome.customerRowId)?.state.tierId);
        expect(impact.members).toBe(members.length);
        expect(impact.up + impact.down).toBe(moves.length);
        expect(impact.examples).toHaveLength(Math.min(moves.length, PLACEMENT_EXAMPLES));
        expect(impact.bonusPoints).toBe(sum(outcomes.map((outcome) => outcome.bonus?.points ?? 0)));
        expect(impact.bonusMembers).toBe(outcomes.filter((outcome) => outcome.bonus !== null).length);
        expect(Number.isSafeInteger(impact.bonusCostMinor) && impact.bonusCostMinor >= 0).toBe(true);
        expect(placementNeedsConfirmation(impact)).toBe(moves.length > 0 || impact.bonusPoints > 0);

        const placedOnce = members.map((m) => {
          const outcome = byId.get(m.customerRowId);
          if (!outcome) return m;
          const reached = new Set([...m.reachedTierIds, ...(outcome.state.tierId ? [outcome.state.tierId] : [])]);
          return { ...m, state: outcome.state, reachedTierIds: reached };
        });
        const again = placeMembers(placedOnce, rules, NOW);
        expect(again).toEqual([]);
        expect(placementNeedsConfirmation(placementImpact(placedOnce, again, rules, pointValue))).toBe(false);
      }),
    );
  });
});
