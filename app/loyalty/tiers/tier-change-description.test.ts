import { describe, expect, it } from "vitest";
import fc from "fast-check";
import type { TierMetric, TierWindow } from "../program/rules-schema";
import { describeTierChange, groupThousands } from "./tier-change-description";
import type { TierChange, TierChangeReason } from "./tier-evaluation";
import { GOLD, PLATINUM, SILVER } from "./tier-fixtures";

const AT = new Date("2026-03-31T10:00:00Z");
const LEVELS = [SILVER, GOLD, PLATINUM];
const describeIn = (currency: string, change: Omit<TierChange, "at">) => describeTierChange({ ...change, at: AT }, { levels: LEVELS, currency });
const qualified = (metric: TierMetric, window: TierWindow, value: number, threshold: number): TierChangeReason => ({ code: "qualified", metric, window, value, threshold });
const graceExpired = (value: number, graceDays: number, metric: TierMetric = "spend", threshold = 100_000): TierChangeReason => ({
  code: "grace_expired", metric, window: "rolling_12_months", value, threshold, graceDays, belowSince: new Date("2026-03-01T10:00:00Z"),
});

describe("describing a move up", () => {
  it.each([
    ["spend", "rolling_12_months", 125_000, "USD", "Reached Gold: spend in the last 12 months is 1,250.00 (Gold needs 1,000.00).", 100_000],
    ["spend", "calendar_year", 100_000, "USD", "Reached Gold: spend this calendar year is 1,000.00 (Gold needs 1,000.00).", 100_000],
    ["spend", "lifetime", 123_456_789, "USD", "Reached Gold: spend to date is 1,234,567.89 (Gold needs 1,000.00).", 100_000],
    ["spend", "lifetime", 1_250_000, "JPY", "Reached Gold: spend to date is 1,250,000 (Gold needs 100,000).", 100_000],
    ["spend", "lifetime", 1_250_500, "KWD", "Reached Gold: spend to date is 1,250.500 (Gold needs 100.000).", 100_000],
    ["spend", "lifetime", 100_005, "USD", "Reached Gold: spend to date is 1,000.05 (Gold needs 1,000.00).", 100_000],
    ["points", "rolling_12_months", 1_250, "USD", "Reached Gold: points earned in the last 12 months total 1,250 (Gold needs 1,000).", 1_000],
    ["orders", "calendar_year", 12, "USD", "Reached Gold: orders this calendar year total 12 (Gold needs 10).", 10],
  ] as const)("GIVEN an upgrade on %s over %s, value %s, in %s THEN it reads: %s", (metric, window, value, currency, text, threshold) => {
    expect(describeIn(currency, { from: "silver", to: "gold", direction: "up", reason: qualified(metric, window, value, threshold) })).toBe(text);
  });
});

describe("describing a move down after the grace period", () => {
  it.each([
    ["to Silver after 30 days", "Moved down to Silver after a 30-day grace period: spend in the last 12 months is 400.00, below Gold's 1,000.00.", "silver", 40_000, 30],
    ["to Silver after 1 day", "Moved down to Silver after a 1-day grace period: spend in the last 12 months is 400.00, below Gold's 1,000.00.", "silver", 40_000, 1],
    ["to Silver with no grace period", "Moved down to Silver: spend in the last 12 months is 400.00, below Gold's 1,000.00.", "silver", 40_000, 0],
    ["to no tier", "Left Gold after a 30-day grace period and now has no tier: spend in the last 12 months is 0.00, below Gold's 1,000.00.", null, 0, 30],
  ])("GIVEN a move down from Gold %s THEN it reads: %s", (_move, text, to, value, graceDays) => {
    expect(describeIn("USD", { from: "gold", to, direction: "down", reason: graceExpired(value, graceDays) })).toBe(text);
  });

  it("GIVEN an orders metric THEN the threshold is a count, not money", () => {
    expect(describeIn("USD", { from: "gold", to: "silver", direction: "down", reason: graceExpired(3, 30, "orders", 5) })).toBe(
      "Moved down to Silver after a 30-day grace period: orders in the last 12 months total 3, below Gold's 5.",
    );
  });
});

describe("describing moves caused by the merchant", () => {
  it("GIVEN the held tier was removed WHEN the member lands on Gold THEN the removed tier is named by its id", () => {
    const reason: TierChangeReason = { code: "tier_removed", previousTierId: "diamond", metric: "spend", window: "rolling_12_months", value: 125_000, threshold: 100_000 };
    expect(describeIn("USD", { from: "diamond", to: "gold", direction: "down", reason })).toBe(
      'Moved to Gold because the tier "diamond" was removed from the program: spend in the last 12 months is 1,250.00 (Gold needs 1,000.00).',
    );
  });

  it("GIVEN the held tier was removed WHEN the member reaches no tier THEN it says so", () => {
    const reason: TierChangeReason = { code: "tier_removed", previousTierId: "diamond", metric: "points", window: "lifetime", value: 20, threshold: null };
    expect(describeIn("USD", { from: "diamond", to: null, direction: "down", reason })).toBe(
      'Left the tier "diamond", which was removed from the program; points earned to date total 20, which reaches no tier.',
    );
  });

  it.each([
    ["gold", "Left Gold because tiers were turned off for the program."],
    ["diamond", 'Left "diamond" because tiers were turned off for the program.'],
  ])("GIVEN tiers were turned off for a member in the tier %s THEN it reads: %s", (from, text) => {
    expect(describeIn("USD", { from, to: null, direction: "down", reason: { code: "tiers_disabled" } })).toBe(text);
  });
});

describe("grouping thousands", () => {
  it.each([
    ["0", "0"],
    ["999", "999"],
    ["1000", "1,000"],
    ["123456", "123,456"],
    ["1234567", "1,234,567"],
    ["-1234567", "-1,234,567"],
  ])("GIVEN %s THEN it is written %s", (digits, grouped) => {
    expect(groupThousands(digits)).toBe(grouped);
  });

  it("PROPERTY: grouping only adds commas, every three digits from the right", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }), (n) => {
        const grouped = groupThousands(String(n));
        expect(grouped.replaceAll(",", "")).toBe(String(n));
        expect(grouped).toMatch(/^\d{1,3}(,\d{3})*$/);
      }),
    );
  });
});
