import { describe, expect, it } from "vitest";
import { compareWithPrevious } from "./period-comparison";
import { NOT_DEFINED, ratio } from "./ratio";

describe("compared with the previous period", () => {
  it("GIVEN churn falling from 8 % to 6 % THEN the change is −2 points, −25 %, down, and that is better", () => {
    const change = compareWithPrevious("churn-rate", ratio(6, 100), ratio(8, 100));
    expect(change).toMatchObject({ change: ratio(-1, 50), relativeChange: ratio(-1, 4), trend: "down", better: true });
  });

  it("GIVEN AOV rising from 40.00 to 50.00 THEN +10.00, +25 %, up and better", () => {
    const change = compareWithPrevious("average-order-value", ratio(5_000, 1), ratio(4_000, 1));
    expect(change).toMatchObject({ change: ratio(1_000, 1), relativeChange: ratio(1, 4), trend: "up", better: true });
  });

  it("GIVEN NPS from −20 to −10 THEN the relative change is against the size of the previous value: +50 %", () => {
    expect(compareWithPrevious("net-promoter-score", ratio(-10, 100), ratio(-20, 100)).relativeChange).toEqual(ratio(1, 2));
  });

  it("GIVEN a previous value of 0 THEN the relative change is not defined", () => {
    expect(compareWithPrevious("reward-cost", ratio(500, 1), ratio(0, 1))).toMatchObject({ relativeChange: NOT_DEFINED, trend: "up", better: null });
  });

  it("GIVEN no value in either period THEN the trend is unknown", () => {
    expect(compareWithPrevious("customer-retention-rate", NOT_DEFINED, ratio(1, 2))).toMatchObject({ trend: "unknown", better: null });
  });

  it("GIVEN the same value THEN flat, neither better nor worse", () => {
    expect(compareWithPrevious("customer-retention-rate", ratio(1, 2), ratio(2, 4))).toMatchObject({ trend: "flat", better: null });
  });
});
