import { describe, expect, it } from "vitest";
import { placementExampleLines, placementHeadline, placementTierLines } from "./placement-description";
import type { PlacementExample, PlacementImpact, PlacementTierRow } from "./tier-placement";

/** An impact as placementImpact reports one; each test states only what it is about. */
const impact = (overrides: Partial<PlacementImpact> = {}): PlacementImpact => ({
  members: 10,
  up: 0,
  down: 0,
  graceStarted: 0,
  byTier: [],
  examples: [],
  bonusMembers: 0,
  bonusPoints: 0,
  bonusCostMinor: 0,
  fingerprint: "0-811c9dc5",
  ...overrides,
});

const NOBODY = impact();
const ONE_UP = impact({ up: 1, bonusMembers: 1, bonusPoints: 100, bonusCostMinor: 100 });
const ONE_UP_NO_BONUS = impact({ up: 1 });
const ONLY_DOWN = impact({ down: 2 });
const SEVERAL = impact({ members: 2_500, up: 1_203, down: 45, bonusMembers: 1_100, bonusPoints: 123_400, bonusCostMinor: 123_400 });
const BONUS_WITHOUT_MOVES = impact({ bonusMembers: 1, bonusPoints: 1, bonusCostMinor: 1 });

describe("the sentence that says what a placement does, before it is confirmed", () => {
  it.each([
    ["nobody moves and nothing is granted", NOBODY, "USD", "Saving moves no members and grants no points."],
    ["a member only starts a grace period", impact({ graceStarted: 3 }), "USD", "Saving moves no members and grants no points."],
    ["one member moves up and earns a bonus", ONE_UP, "USD", "Saving moves 1 member (1 up) and grants 100 points of tier entry bonuses to 1 member, worth $1.00 at the program's point value."],
    ["one member moves up into a tier without a bonus", ONE_UP_NO_BONUS, "USD", "Saving moves 1 member (1 up) and grants no points."],
    ["members only move down", ONLY_DOWN, "USD", "Saving moves 2 members (2 down) and grants no points."],
    [
      "many members move up and down and earn bonuses",
      SEVERAL,
      "USD",
      "Saving moves 1,248 members (1,203 up, 45 down) and grants 123,400 points of tier entry bonuses to 1,100 members, worth $1,234.00 at the program's point value.",
    ],
    ["the bonuses are worth 1,500 yen", impact({ up: 3, bonusMembers: 3, bonusPoints: 1_500, bonusCostMinor: 1_500 }), "JPY", "Saving moves 3 members (3 up) and grants 1,500 points of tier entry bonuses to 3 members, worth ¥1,500 at the program's point value."],
    ["the bonuses are worth 12.34 dollars", impact({ up: 2, down: 1, bonusMembers: 2, bonusPoints: 1_234, bonusCostMinor: 1_234 }), "USD", "Saving moves 3 members (2 up, 1 down) and grants 1,234 points of tier entry bonuses to 2 members, worth $12.34 at the program's point value."],
    ["a single point is granted without a move", BONUS_WITHOUT_MOVES, "USD", "Saving moves no members and grants 1 point of tier entry bonuses to 1 member, worth $0.01 at the program's point value."],
  ])("GIVEN %s WHEN the shop's currency is %s THEN it reads: %s", (_given, placement, currency, sentence) => {
    expect(placementHeadline(placement, currency)).toBe(sentence);
  });

  it("GIVEN the preview card names the act THEN the sentence starts with it", () => {
    expect(placementHeadline(ONE_UP, "USD", "Saving these rules now")).toBe(
      "Saving these rules now moves 1 member (1 up) and grants 100 points of tier entry bonuses to 1 member, worth $1.00 at the program's point value.",
    );
    expect(placementHeadline(NOBODY, "USD", "Launching")).toBe("Launching moves no members and grants no points.");
  });
});

describe("the sentence that says what a placement did, after the save", () => {
  // As the program editor's toast says it: placementHeadline(placement, currency, "It", "after").
  it.each([
    ["nobody moved and nothing was granted", NOBODY, "USD", "No members moved and no points were granted."],
    ["one member moved up and earned a bonus", ONE_UP, "USD", "It moved 1 member (1 up) and granted 100 points of tier entry bonuses to 1 member, worth $1.00 at the program's point value."],
    ["members only moved down", ONLY_DOWN, "USD", "It moved 2 members (2 down) and granted no points."],
    [
      "many members moved up and down and earned bonuses",
      SEVERAL,
      "USD",
      "It moved 1,248 members (1,203 up, 45 down) and granted 123,400 points of tier entry bonuses to 1,100 members, worth $1,234.00 at the program's point value.",
    ],
    ["the bonuses were worth 1,500 yen", impact({ up: 3, bonusMembers: 3, bonusPoints: 1_500, bonusCostMinor: 1_500 }), "JPY", "It moved 3 members (3 up) and granted 1,500 points of tier entry bonuses to 3 members, worth ¥1,500 at the program's point value."],
    ["a point was granted without a move", BONUS_WITHOUT_MOVES, "USD", "It moved no members and granted 1 point of tier entry bonuses to 1 member, worth $0.01 at the program's point value."],
  ])("GIVEN %s WHEN the shop's currency is %s THEN it reads: %s", (_given, placement, currency, sentence) => {
    expect(placementHeadline(placement, currency, "It", "after")).toBe(sentence);
  });
});

describe("the tiers whose membership changes", () => {
  const row = (tierId: string | null, name: string, before: number, after: number): PlacementTierRow => ({ tierId, name, before, after });

  it("GIVEN rows that change and rows that do not THEN only the changed rows are listed, in order, with the count after in words", () => {
    const byTier = [row(null, "No tier", 1_200, 988), row("insider", "Insider", 0, 212), row("vib", "VIB", 5, 5), row("rouge", "Rouge", 2, 1), row("diamond", "(removed tier)", 1, 0)];
    expect(placementTierLines(impact({ byTier }))).toEqual(["No tier: 1,200 → 988 members", "Insider: 0 → 212 members", "Rouge: 2 → 1 member", "(removed tier): 1 → 0 members"]);
  });

  it("GIVEN nobody moves THEN no tier is listed", () => {
    expect(placementTierLines(impact({ byTier: [row(null, "No tier", 3, 3), row("gold", "Gold", 1, 1)] }))).toEqual([]);
  });
});

describe("the members named as examples", () => {
  const example = (name: string, from: string, to: string): PlacementExample => ({ name, from, to });
  const FIVE = [
    example("Ada Lovelace", "No tier", "Insider"),
    example("Grace Hopper", "Insider", "VIB"),
    example("Alan Turing", "VIB", "Insider"),
    example("Edsger Dijkstra", "(removed tier)", "No tier"),
    example("Barbara Liskov", "No tier", "Rouge"),
  ];

  it.each([
    ["one member moves and is named", impact({ up: 1, examples: FIVE.slice(0, 1) }), ["Ada Lovelace: No tier → Insider"]],
    ["five move and all five are named", impact({ up: 3, down: 2, examples: FIVE }), FIVE.map((e) => `${e.name}: ${e.from} → ${e.to}`)],
    ["six move and five are named", impact({ up: 4, down: 2, examples: FIVE }), [...FIVE.map((e) => `${e.name}: ${e.from} → ${e.to}`), "and 1 other member"]],
    ["1,205 move and five are named", impact({ up: 1_200, down: 5, examples: FIVE }), [...FIVE.map((e) => `${e.name}: ${e.from} → ${e.to}`), "and 1,200 other members"]],
    ["nobody moves", impact(), []],
  ])("GIVEN %s THEN the lines are %j", (_given, placement, lines) => {
    expect(placementExampleLines(placement)).toEqual(lines);
  });
});
