import { describe, expect, it } from "vitest";
import fc from "fast-check";
import type { SurveyResponse } from "./metric-facts";
import { at, period } from "./metric-fixtures";
import { compareRatios, formatFixed, isDefined, ONE, ratio, roundRatio, ZERO } from "./ratio";
import { customerEffortScore, customerSatisfaction, netPromoterScore } from "./survey-scores";

const january = period("2026-01-01", "2026-01-31");
const answer = (day: string, recommend: number | null, satisfaction: number | null, effort: number | null): SurveyResponse => ({
  customerId: "c",
  respondedAt: at(day),
  recommend,
  satisfaction,
  effort,
});

/**
 * Ten January answers (one skipped every question but effort), one December answer outside the period.
 * recommend: 10, 9, 9, 8, 7, 6, 3, 0, 10, — → 9 answers: 4 promoters, 2 passives, 3 detractors.
 *   NPS = (4 − 3) / 9 = 11.1 → 11.
 * satisfaction: 5, 4, 3, 5, 2, 1, 4, —, —, — → 7 answers, 4 satisfied → CSAT = 57.1 %.
 * effort: 1, 2, 2, 3, 7, —, —, —, —, 1 → 6 answers, total 16 → CES = 2.67.
 */
const answers = [
  answer("2026-01-02", 10, 5, 1),
  answer("2026-01-03", 9, 4, 2),
  answer("2026-01-04", 9, 3, 2),
  answer("2026-01-05", 8, 5, 3),
  answer("2026-01-06", 7, 2, 7),
  answer("2026-01-07", 6, 1, null),
  answer("2026-01-08", 3, 4, null),
  answer("2026-01-09", 0, null, null),
  answer("2026-01-10", 10, null, null),
  answer("2026-01-11", null, null, 1),
  answer("2025-12-31", 0, 1, 7),
];

describe("survey scores with their response counts", () => {
  it("GIVEN 4 promoters, 2 passives and 3 detractors of 9 THEN NPS = (4 − 3) / 9 = +11", () => {
    const nps = netPromoterScore(answers, january);
    expect(nps).toEqual({ responses: 9, promoters: 4, passives: 2, detractors: 3, score: ratio(1, 9) });
    expect(roundRatio(nps.score, 100)).toBe(11);
  });

  it("GIVEN 4 of 7 satisfaction answers at 4–5 THEN CSAT = 57.1 %", () => {
    const csat = customerSatisfaction(answers, january);
    expect(csat).toEqual({ responses: 7, satisfied: 4, rate: ratio(4, 7) });
    expect(formatFixed(csat.rate, 3)).toBe("0.571");
  });

  it("GIVEN effort answers 1, 2, 2, 3, 7, 1 THEN CES = 16 / 6 = 2.67 on the 1–7 scale (lower is easier)", () => {
    const ces = customerEffortScore(answers, january);
    expect(ces).toEqual({ responses: 6, total: 16, average: ratio(16, 6) });
    expect(formatFixed(ces.average)).toBe("2.67");
  });

  it("GIVEN only detractors THEN NPS is −100; only promoters, +100", () => {
    expect(roundRatio(netPromoterScore([answer("2026-01-02", 0, null, null)], january).score, 100)).toBe(-100);
    expect(roundRatio(netPromoterScore([answer("2026-01-02", 9, null, null)], january).score, 100)).toBe(100);
  });

  it("GIVEN no answers in the period THEN every score is not defined, with 0 responses", () => {
    const none = period("2024-01-01", "2024-01-31");
    expect(netPromoterScore(answers, none).responses).toBe(0);
    expect(isDefined(netPromoterScore(answers, none).score)).toBe(false);
    expect(isDefined(customerSatisfaction(answers, none).rate)).toBe(false);
    expect(isDefined(customerEffortScore(answers, none).average)).toBe(false);
  });

  it("PROPERTY: NPS is within −100..100, CSAT within 0..100 %, CES within 1..7", () => {
    const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: null });
    fc.assert(
      fc.property(
        fc.array(fc.tuple(maybe(fc.integer({ min: 0, max: 10 })), maybe(fc.integer({ min: 1, max: 5 })), maybe(fc.integer({ min: 1, max: 7 }))), { maxLength: 40 }),
        (list) => {
          const responses = list.map(([r, s, e]) => answer("2026-01-15", r, s, e));
          const nps = netPromoterScore(responses, january).score;
          const csat = customerSatisfaction(responses, january).rate;
          const ces = customerEffortScore(responses, january).average;
          if (isDefined(nps)) {
            expect(compareRatios(nps, ratio(-1, 1))).toBeGreaterThanOrEqual(0);
            expect(compareRatios(nps, ONE)).toBeLessThanOrEqual(0);
          }
          if (isDefined(csat)) {
            expect(compareRatios(csat, ZERO)).toBeGreaterThanOrEqual(0);
            expect(compareRatios(csat, ONE)).toBeLessThanOrEqual(0);
          }
          if (isDefined(ces)) {
            expect(compareRatios(ces, ONE)).toBeGreaterThanOrEqual(0);
            expect(compareRatios(ces, ratio(7, 1))).toBeLessThanOrEqual(0);
          }
        },
      ),
    );
  });
});
