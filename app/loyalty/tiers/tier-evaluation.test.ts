import { describe, expect, it } from "vitest";
import fc from "fast-check";
import type { TierRules } from "../program/rules-schema";
import { evaluateTier, NO_TIER, type MemberTierState, type TierEvaluation } from "./tier-evaluation";
import { qualifiedLevel, tierRank, findTierLevel } from "./tier-levels";
import { level, tierRules } from "./tier-fixtures";

const DAY = 86_400_000;
const T0 = new Date("2026-03-01T10:00:00.000Z");
const later = (ms: number) => new Date(T0.getTime() + ms);
const holding = (tierId: string | null, belowSince: Date | null = null): MemberTierState =>
  tierId === null ? { ...NO_TIER, belowSince } : { tierId, since: new Date("2026-01-01T00:00:00Z"), belowSince };
const evaluate = (state: MemberTierState, value: number, now = T0, rules: TierRules = tierRules()) => evaluateTier({ state, value, rules, now });

describe("upgrades happen at once, including jumps over several tiers", () => {
  it.each([
    ["no tier", 30_000, "silver", 30_000, null],
    ["no tier", 100_000, "gold", 100_000, null],
    ["no tier", 500_000, "platinum", 500_000, null],
    ["Silver", 100_000, "gold", 100_000, "silver"],
    ["Silver", 10_000_000, "platinum", 500_000, "silver"],
    ["Gold", 500_000, "platinum", 500_000, "gold"],
  ])("GIVEN a member in %s WHEN their value is %s THEN they move up to %s (threshold %s) at once", (_held, value, to, threshold, from) => {
    const { state, change } = evaluate(holding(from), value);
    expect(state).toEqual({ tierId: to, since: T0, belowSince: null });
    expect(change).toEqual({
      from,
      to,
      direction: "up",
      at: T0,
      reason: { code: "qualified", metric: "spend", window: "rolling_12_months", value, threshold },
    });
  });

  it("GIVEN a member in Gold's grace period WHEN they qualify for Platinum THEN they move up and the grace clock stops", () => {
    expect(evaluate(holding("gold", later(-5 * DAY)), 600_000).state).toEqual({ tierId: "platinum", since: T0, belowSince: null });
  });
});

describe("no change while the value fits the tier held", () => {
  it.each([
    ["no tier", 0, null],
    ["no tier", 29_999, null],
    ["Silver", 30_000, "silver"],
    ["Silver", 99_999, "silver"],
    ["Gold", 100_000, "gold"],
    ["Platinum", 99_000_000, "platinum"],
  ])("GIVEN a member in %s WHEN their value is %s THEN nothing changes and the same state comes back", (_held, value, tierId) => {
    const state = holding(tierId);
    const result = evaluate(state, value);
    expect(result.change).toBeNull();
    expect(result.state).toBe(state);
  });
});

describe("downgrades wait for the grace period", () => {
  it("GIVEN a Gold member WHEN first seen below Gold THEN they keep Gold and the grace clock starts", () => {
    const state = holding("gold");
    expect(evaluate(state, 40_000)).toEqual({ state: { ...state, belowSince: T0 }, change: null });
  });

  it.each([
    ["one millisecond before 30 days", "gold", 30 * DAY - 1, null],
    ["exactly 30 days", "silver", 30 * DAY, "down"],
    ["60 days", "silver", 60 * DAY, "down"],
  ])("GIVEN a Gold member below Gold since T0 and 30 grace days WHEN evaluated %s later THEN they hold %s", (_when, tierId, elapsed, direction) => {
    const { state, change } = evaluate(holding("gold", T0), 40_000, later(elapsed));
    expect(state.tierId).toBe(tierId);
    expect(change?.direction ?? null).toBe(direction);
  });

  it("GIVEN the grace period ends WHEN the member moves down THEN the change records the numbers behind it", () => {
    const now = later(30 * DAY);
    expect(evaluate(holding("gold", T0), 40_000, now)).toEqual({
      state: { tierId: "silver", since: now, belowSince: null },
      change: {
        from: "gold",
        to: "silver",
        direction: "down",
        at: now,
        reason: { code: "grace_expired", metric: "spend", window: "rolling_12_months", value: 40_000, threshold: 100_000, graceDays: 30, belowSince: T0 },
      },
    });
  });

  it.each([
    ["Gold (one level down)", 100_000, "gold"],
    ["Silver (two levels down)", 40_000, "silver"],
    ["no tier", 10_000, null],
  ])("GIVEN a Platinum member whose grace ended WHEN their value supports %s THEN they land there", (_supports, value, to) => {
    expect(evaluate(holding("platinum", T0), value, later(30 * DAY)).state.tierId).toBe(to);
  });

  it("GIVEN a member who drops to no tier THEN their state is no tier at all", () => {
    expect(evaluate(holding("silver", T0), 0, later(30 * DAY)).state).toEqual(NO_TIER);
  });

  it.each([
    [0, 0, "silver"],
    [1, DAY - 1, "gold"],
    [1, DAY, "silver"],
    [730, 730 * DAY - 1, "gold"],
    [730, 730 * DAY, "silver"],
  ])("GIVEN %s grace days WHEN a Gold member has been below Gold for %s ms THEN they hold %s", (downgradeGraceDays, elapsed, tierId) => {
    const rules = tierRules({ downgradeGraceDays });
    const first = evaluate(holding("gold"), 40_000, T0, rules);
    const { state } = first.change ? first : evaluate(first.state, 40_000, later(elapsed), rules);
    expect(state.tierId).toBe(tierId);
  });

  it("GIVEN no grace period WHEN a member falls below their tier THEN they move down at once", () => {
    const { state, change } = evaluate(holding("gold"), 40_000, T0, tierRules({ downgradeGraceDays: 0 }));
    expect(state).toEqual({ tierId: "silver", since: T0, belowSince: null });
    expect(change?.reason).toMatchObject({ code: "grace_expired", graceDays: 0, belowSince: T0 });
  });

  it("GIVEN a member below their tier WHEN the value is lower still THEN the grace clock keeps its start", () => {
    const state = holding("gold", T0);
    const result = evaluate(state, 1, later(10 * DAY));
    expect(result).toEqual({ state, change: null });
    expect(result.state).toBe(state);
  });

  it("GIVEN a recorded grace start after now (an evaluation replayed out of order) THEN the clock moves back to now", () => {
    expect(evaluate(holding("gold", later(DAY)), 40_000, T0).state.belowSince).toEqual(T0);
  });
});

describe("recovering stops the grace clock", () => {
  it("GIVEN a Gold member below Gold WHEN the value reaches Gold again THEN the clock is cleared and they keep Gold", () => {
    expect(evaluate(holding("gold", T0), 100_000, later(10 * DAY))).toEqual({ state: holding("gold"), change: null });
  });

  it("GIVEN a member who recovered WHEN they fall below again THEN a fresh grace period starts", () => {
    const below = evaluate(holding("gold"), 40_000, T0).state;
    const recovered = evaluate(below, 100_000, later(10 * DAY)).state;
    const belowAgain = evaluate(recovered, 40_000, later(35 * DAY)).state;
    expect(belowAgain).toEqual({ ...holding("gold"), belowSince: later(35 * DAY) });
    expect(evaluate(belowAgain, 40_000, later(64 * DAY)).state.tierId).toBe("gold");
    expect(evaluate(belowAgain, 40_000, later(65 * DAY)).state.tierId).toBe("silver");
  });

  it("GIVEN a member with no tier and a stray grace clock THEN the clock is cleared", () => {
    expect(evaluate(holding(null, T0), 0)).toEqual({ state: NO_TIER, change: null });
  });
});

describe("tiers turned off", () => {
  const off = tierRules({ enabled: false });

  it.each([["silver"], ["gold"], ["platinum"]])("GIVEN a member in %s WHEN tiers are off THEN they leave it at once, whatever their value", (from) => {
    expect(evaluate(holding(from, T0), 10_000_000, T0, off)).toEqual({
      state: NO_TIER,
      change: { from, to: null, direction: "down", at: T0, reason: { code: "tiers_disabled" } },
    });
  });

  it("GIVEN a member with no tier WHEN tiers are off THEN nothing changes, however high the value", () => {
    expect(evaluate(NO_TIER, 10_000_000, T0, off)).toEqual({ state: NO_TIER, change: null });
  });
});

describe("the held tier was removed from the rules", () => {
  it.each([
    [10_000_000, "Platinum", "platinum", 500_000],
    [100_000, "Gold", "gold", 100_000],
    [0, "no tier", null, null],
  ])("GIVEN a member in a removed tier WHEN their value is %s THEN they move at once, without grace, to %s", (value, _landing, to, threshold) => {
    const { state, change } = evaluate(holding("diamond", T0), value);
    expect(state).toEqual(to === null ? NO_TIER : { tierId: to, since: T0, belowSince: null });
    expect(change).toEqual({
      from: "diamond",
      to,
      direction: "down",
      at: T0,
      reason: { code: "tier_removed", previousTierId: "diamond", metric: "spend", window: "rolling_12_months", value, threshold },
    });
  });
});

describe("tier invariants", () => {
  const thresholds = fc.uniqueArray(fc.integer({ min: 0, max: 1_000 }), { minLength: 1, maxLength: 5 }).map((values) => [...values].sort((a, b) => a - b));
  const rulesArb = fc.record({ thresholds, grace: fc.integer({ min: 0, max: 5 }) }).map(({ thresholds: ts, grace }) =>
    tierRules({ levels: ts.map((threshold, index) => level(`t${index}`, `Tier ${index}`, threshold)), downgradeGraceDays: grace }),
  );
  const steps = fc.array(fc.record({ advance: fc.integer({ min: 0, max: 3 * DAY }), value: fc.integer({ min: 0, max: 1_100 }) }), { minLength: 1, maxLength: 25 });
  const rank = (rules: TierRules, tierId: string | null) => tierRank(rules.levels, findTierLevel(rules.levels, tierId));

  /** Runs evaluations in time order, calling `check` after each with what happened. */
  function run(rules: TierRules, sequence: { advance: number; value: number }[], check: (step: { before: MemberTierState; after: TierEvaluation; value: number; now: Date }) => void) {
    let state = NO_TIER;
    let now = T0;
    for (const { advance, value } of sequence) {
      now = new Date(now.getTime() + advance);
      const after = evaluateTier({ state, value, rules, now });
      check({ before: state, after, value, now });
      state = after.state;
    }
  }

  it("PROPERTY: evaluating again at the same instant changes nothing (idempotent)", () => {
    fc.assert(
      fc.property(rulesArb, steps, (rules, sequence) => {
        run(rules, sequence, ({ after, value, now }) => {
          const again = evaluateTier({ state: after.state, value, rules, now });
          expect(again.change).toBeNull();
          expect(again.state).toBe(after.state);
        });
      }),
    );
  });

  it("PROPERTY: upgrades never wait: after an evaluation the member holds at least the tier their value qualifies for", () => {
    fc.assert(
      fc.property(rulesArb, steps, (rules, sequence) => {
        run(rules, sequence, ({ after, value }) => {
          expect(rank(rules, after.state.tierId)).toBeGreaterThanOrEqual(tierRank(rules.levels, qualifiedLevel(rules.levels, value)));
        });
      }),
    );
  });

  it("PROPERTY: with no grace period the tier held is always the tier qualified for", () => {
    fc.assert(
      fc.property(rulesArb, steps, (rules, sequence) => {
        const noGrace = { ...rules, downgradeGraceDays: 0 };
        run(noGrace, sequence, ({ after, value }) => {
          expect(after.state.tierId).toBe(qualifiedLevel(noGrace.levels, value)?.id ?? null);
          expect(after.state.belowSince).toBeNull();
        });
      }),
    );
  });

  it("PROPERTY: a member moves down exactly when they have been below their tier, without recovering, for the whole grace period", () => {
    fc.assert(
      fc.property(rulesArb, steps, (rules, sequence) => {
        let firstSeenBelow: Date | null = null; // the model's grace clock
        run(rules, sequence, ({ before, after, value, now }) => {
          const held = findTierLevel(rules.levels, before.tierId);
          const below = held !== null && value < held.threshold;
          firstSeenBelow = below ? (firstSeenBelow ?? now) : null;
          const graceOver = firstSeenBelow !== null && now.getTime() - firstSeenBelow.getTime() >= rules.downgradeGraceDays * DAY;
          expect(after.change?.direction === "down").toBe(graceOver);
          if (after.change) firstSeenBelow = null;
          expect(after.state.belowSince).toEqual(firstSeenBelow);
        });
      }),
    );
  });

  it("PROPERTY: every change really changes the tier, and a state holds a tier exactly when it has a since", () => {
    fc.assert(
      fc.property(rulesArb, steps, (rules, sequence) => {
        run(rules, sequence, ({ before, after }) => {
          if (after.change) {
            expect(after.change.from).toBe(before.tierId);
            expect(after.change.to).toBe(after.state.tierId);
            expect(after.change.from).not.toBe(after.change.to);
          }
          expect(after.state.since === null).toBe(after.state.tierId === null);
        });
      }),
    );
  });
});
