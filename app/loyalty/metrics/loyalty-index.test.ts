import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { DEFAULT_FREQUENCY_TARGET, DEFAULT_LOYALTY_INDEX_WEIGHTS, loyaltyIndex, parseLoyaltyIndexWeights } from "./loyalty-index";
import { basisPoints, compareRatios, formatFixed, isDefined, NOT_DEFINED, ONE, ratio, ZERO } from "./ratio";

/**
 * Retention 75 %, repeat rate 25 %, frequency 1.5 against a target of 2 → 75 %, NPS +20 → (20 + 100) / 200 = 60 %.
 * Default weights 30 / 25 / 20 / 25:
 * 0.30 × 75 + 0.25 × 25 + 0.20 × 75 + 0.25 × 60 = 22.5 + 6.25 + 15 + 15 = 58.75.
 */
const inputs = { retention: ratio(3, 4), repeat: ratio(1, 4), frequency: ratio(3, 2), nps: ratio(20, 100) };

describe("Customer Loyalty Index", () => {
  it("GIVEN the example and default weights THEN CLI = 22.5 + 6.25 + 15 + 15 = 58.75", () => {
    const result = loyaltyIndex(inputs, DEFAULT_LOYALTY_INDEX_WEIGHTS, DEFAULT_FREQUENCY_TARGET);
    expect(formatFixed(result.index, 4)).toBe("0.5875");
    expect(result.missing).toEqual([]);
    expect(result.components.map((c) => [c.component, basisPoints(c.score), c.weight])).toEqual([
      ["retention", 7_500, 30],
      ["repeat", 2_500, 25],
      ["frequency", 7_500, 20],
      ["nps", 6_000, 25],
    ]);
  });

  it("GIVEN no survey answers yet THEN NPS is left out and the other weights scaled to 75: (22.5 + 6.25 + 15) / 75 = 58.33", () => {
    const result = loyaltyIndex({ ...inputs, nps: NOT_DEFINED }, DEFAULT_LOYALTY_INDEX_WEIGHTS, DEFAULT_FREQUENCY_TARGET);
    expect(result.missing).toEqual(["nps"]);
    expect(formatFixed(result.index, 4)).toBe("0.5833");
    expect(result.components.find((c) => c.component === "retention")?.appliedWeight).toEqual(ratio(30, 75));
    expect(result.components.find((c) => c.component === "nps")?.appliedWeight).toEqual(ZERO);
  });

  it("GIVEN a frequency above the target THEN its score is capped at 100", () => {
    const result = loyaltyIndex({ ...inputs, frequency: ratio(5, 1) }, DEFAULT_LOYALTY_INDEX_WEIGHTS, DEFAULT_FREQUENCY_TARGET);
    expect(result.components.find((c) => c.component === "frequency")?.score).toEqual(ONE);
  });

  it("GIVEN NPS of −100 and +100 THEN the NPS score maps to 0 and 100", () => {
    const weights = { retention: 0, repeat: 0, frequency: 0, nps: 100 };
    expect(loyaltyIndex({ ...inputs, nps: ratio(-1, 1) }, weights, DEFAULT_FREQUENCY_TARGET).index).toEqual(ZERO);
    expect(loyaltyIndex({ ...inputs, nps: ONE }, weights, DEFAULT_FREQUENCY_TARGET).index).toEqual(ONE);
  });

  it("GIVEN nothing defined THEN the index is not defined", () => {
    const result = loyaltyIndex({ retention: NOT_DEFINED, repeat: NOT_DEFINED, frequency: NOT_DEFINED, nps: NOT_DEFINED }, DEFAULT_LOYALTY_INDEX_WEIGHTS, DEFAULT_FREQUENCY_TARGET);
    expect(isDefined(result.index)).toBe(false);
    expect(result.missing).toHaveLength(4);
  });

  it("GIVEN all weight on a component that is missing THEN the index is not defined", () => {
    const result = loyaltyIndex({ ...inputs, nps: NOT_DEFINED }, { retention: 0, repeat: 0, frequency: 0, nps: 100 }, DEFAULT_FREQUENCY_TARGET);
    expect(isDefined(result.index)).toBe(false);
  });

  it("GIVEN weights from the merchant THEN they must be whole numbers 0–100 adding up to 100", () => {
    expect(parseLoyaltyIndexWeights({ retention: 40, repeat: 20, frequency: 20, nps: 20 }).ok).toBe(true);
    const short = parseLoyaltyIndexWeights({ retention: 40, repeat: 20, frequency: 20, nps: 10 });
    expect(short.ok).toBe(false);
    if (!short.ok) expect(short.message).toMatch(/add up to 100/);
    expect(parseLoyaltyIndexWeights({ retention: 110, repeat: -10, frequency: 0, nps: 0 }).ok).toBe(false);
    expect(parseLoyaltyIndexWeights({ retention: 25.5, repeat: 24.5, frequency: 25, nps: 25 }).ok).toBe(false);
    expect(parseLoyaltyIndexWeights({ retention: 100 }).ok).toBe(false);
  });

  it("PROPERTY: the index is within 0..100 and rises when any component rises", () => {
    const share = fc.tuple(fc.nat({ max: 100 }), fc.integer({ min: 1, max: 100 })).map(([n, d]) => ratio(Math.min(n, d), d));
    const weights = fc
      .tuple(fc.nat({ max: 100 }), fc.nat({ max: 100 }), fc.nat({ max: 100 }))
      .filter(([a, b, c]) => a + b + c <= 100)
      .map(([a, b, c]) => ({ retention: a, repeat: b, frequency: c, nps: 100 - a - b - c }));
    fc.assert(
      fc.property(share, share, share, share, weights, (retention, repeat, frequency, npsShare, w) => {
        const nps = ratio(2 * npsShare.numerator - npsShare.denominator, npsShare.denominator);
        const base = loyaltyIndex({ retention, repeat, frequency, nps }, w, ONE).index;
        expect(compareRatios(base, ZERO)).toBeGreaterThanOrEqual(0);
        expect(compareRatios(base, ONE)).toBeLessThanOrEqual(0);
        const better = loyaltyIndex({ retention: ONE, repeat, frequency, nps }, w, ONE).index;
        expect(compareRatios(better, base)).toBeGreaterThanOrEqual(0);
      }),
    );
  });
});
