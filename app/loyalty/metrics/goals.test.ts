import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { GOAL_METRIC_IDS, GoalSchema, goalProgress, progressPercent } from "./goals";
import { basisPoints, NOT_DEFINED, ONE, ratio, ZERO } from "./ratio";

describe("progress towards a goal", () => {
  it("GIVEN frequency 3 against the guides' target of 3.3 a year THEN 3 / 3.3 = 90.9 %, not met, 0.3 to go", () => {
    const progress = goalProgress({ metric: "purchase-frequency", target: ratio(33, 10), current: ratio(3, 1) });
    expect(progress).toMatchObject({ direction: "higher-is-better", met: false, progress: ratio(10, 11), remaining: ratio(3, 10) });
    expect(basisPoints(progress.progress)).toBe(9_091);
    expect(progressPercent(progress)).toBe(90);
  });

  it("GIVEN retention of 55 % against a 50 % target THEN it is met, at 110 %, nothing remaining", () => {
    const progress = goalProgress({ metric: "customer-retention-rate", target: ratio(1, 2), current: ratio(11, 20) });
    expect(progress).toMatchObject({ met: true, progress: ratio(11, 10), remaining: ZERO });
    expect(progressPercent(progress)).toBe(100);
  });

  it("GIVEN churn of 8 % against a 5 % target (lower is better) THEN 5 / 8 = 62.5 %, 3 points to go", () => {
    const progress = goalProgress({ metric: "churn-rate", target: ratio(5, 100), current: ratio(8, 100) });
    expect(progress).toMatchObject({ direction: "lower-is-better", met: false, progress: ratio(5, 8), remaining: ratio(3, 100) });
  });

  it("GIVEN churn set from a baseline of 8 % to 5 %, now 6.5 % THEN halfway: (6.5 − 8) / (5 − 8) = 50 %", () => {
    const progress = goalProgress({ metric: "churn-rate", target: ratio(5, 100), current: ratio(65, 1_000), baseline: ratio(8, 100) });
    expect(progress.progress).toEqual(ratio(1, 2));
  });

  it("GIVEN churn at 0 % THEN a churn goal is met in full", () => {
    expect(goalProgress({ metric: "churn-rate", target: ratio(5, 100), current: ZERO })).toMatchObject({ met: true, progress: ONE });
  });

  it("GIVEN a metric that moved away from the target since the baseline THEN progress is negative and the bar shows 0", () => {
    const progress = goalProgress({ metric: "average-order-value", target: ratio(6_000, 1), current: ratio(4_500, 1), baseline: ratio(5_000, 1) });
    expect(progress.progress).toEqual(ratio(-1, 2));
    expect(progressPercent(progress)).toBe(0);
  });

  it("GIVEN a baseline equal to the target THEN progress is 0 % until met and 100 % after", () => {
    expect(goalProgress({ metric: "customer-satisfaction", target: ratio(4, 5), current: ratio(3, 5), baseline: ratio(4, 5) }).progress).toEqual(ZERO);
    expect(goalProgress({ metric: "customer-satisfaction", target: ratio(4, 5), current: ratio(4, 5), baseline: ratio(4, 5) }).progress).toEqual(ONE);
  });

  it("GIVEN a 99.996 % progress THEN the bar shows 99, never a rounded-up 100 before the goal is met", () => {
    const progress = goalProgress({ metric: "average-order-value", target: ratio(100_000, 1), current: ratio(99_996, 1) });
    expect(progressPercent(progress)).toBe(99);
  });

  it("GIVEN a metric with no value yet THEN neither met nor progress is known", () => {
    const progress = goalProgress({ metric: "net-promoter-score", target: ratio(3, 10), current: NOT_DEFINED });
    expect(progress.met).toBeNull();
    expect(progressPercent(progress)).toBeNull();
  });

  it("GIVEN a metric without a direction (points liability) THEN a goal on it is refused", () => {
    expect(() => goalProgress({ metric: "points-liability", target: ONE, current: ONE })).toThrow();
    expect(GOAL_METRIC_IDS).not.toContain("points-liability");
    expect(GoalSchema.safeParse({ metric: "points-liability", target: { numerator: 1, denominator: 1 } }).success).toBe(false);
  });

  it("GIVEN a goal from the merchant THEN it parses with a default of no baseline", () => {
    const parsed = GoalSchema.safeParse({ metric: "purchase-frequency", target: { numerator: 33, denominator: 10 } });
    expect(parsed.success && parsed.data.baseline).toBeNull();
  });

  it("PROPERTY: without a baseline, a positive higher-is-better goal is met exactly when progress reaches 100 %", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1_000_000 }), fc.nat({ max: 2_000_000 }), (target, current) => {
        const progress = goalProgress({ metric: "average-order-value", target: ratio(target, 1), current: ratio(current, 1) });
        expect(progress.met).toBe((basisPoints(progress.progress) ?? 0) >= 10_000 && current >= target);
        expect(progress.met).toBe(current >= target);
      }),
    );
  });
});
