import { describe, expect, it } from "vitest";
import { ratio } from "../../loyalty/metrics";
import { displayFor, metricFigure } from "./figures.server";
import { goalTarget } from "./goals.server";
import { reportPeriod } from "./report-context.server";

const NOW = new Date("2026-03-15T10:00:00Z");

describe("the period a report query asks for", () => {
  it.each([
    ["no dates: the last 30 days, today included", {}, "UTC", { first: "2026-02-14", last: "2026-03-15", previousFirst: "2026-01-15", previousLast: "2026-02-13", days: 30 }],
    ["March: compared with February", { from: "2026-03-01", to: "2026-03-31" }, "UTC", { first: "2026-03-01", last: "2026-03-31", previousFirst: "2026-02-01", previousLast: "2026-02-28", days: 31 }],
    ["only a start: up to today", { from: "2026-03-10" }, "UTC", { first: "2026-03-10", last: "2026-03-15", days: 6 }],
    ["one day in Tehran", { from: "2026-03-15", to: "2026-03-15" }, "Asia/Tehran", { first: "2026-03-15", last: "2026-03-15", previousFirst: "2026-03-14", days: 1 }],
  ])("GIVEN %s", (_case, query, zone, expected) => {
    const result = reportPeriod(query, zone, NOW);
    if (!result.ok) throw new Error(result.message);
    expect(result.value.described).toMatchObject(expected);
  });

  it("GIVEN Tehran's calendar THEN the period starts at the shop's midnight, not UTC's", () => {
    const result = reportPeriod({ from: "2026-03-15", to: "2026-03-15" }, "Asia/Tehran", NOW);
    if (!result.ok) throw new Error(result.message);
    expect(result.value.period.from.toISOString()).toBe("2026-03-14T20:30:00.000Z");
  });

  it.each([
    [{ from: "2026-02-30" }, "invalid_query", /from must be a date/],
    [{ to: "15/03/2026" }, "invalid_query", /to must be a date/],
    [{ from: "2026-03-02", to: "2026-03-01" }, "invalid_period", /end on or after/],
    [{ from: "2010-01-01", to: "2026-03-01" }, "invalid_period", /at most 3660 days/],
  ])("GIVEN %o THEN %s with a message", (query, error, message) => {
    const result = reportPeriod(query, "UTC", NOW);
    expect(result).toMatchObject({ ok: false, error });
    expect(result.ok ? "" : result.message).toMatch(message);
  });
});

describe("a goal's target as the merchant types it", () => {
  it.each([
    ["customer-retention-rate", "50", ratio(1, 2)],
    ["churn-rate", "5.5", ratio(11, 200)],
    ["purchase-frequency", "3.3", ratio(33, 10)],
    ["average-order-value", "75.00", ratio(7_500, 1)],
  ] as const)("GIVEN %s and %s THEN the exact target is %o", (metric, text, expected) => {
    const target = goalTarget(metric, text, "USD");
    if (!target.ok) throw new Error(target.message);
    expect(target.value).toEqual(expected);
  });

  it("GIVEN money in a currency without decimals THEN the target is in its minor units", () => {
    expect(goalTarget("average-order-value", "7500", "JPY")).toEqual({ ok: true, value: ratio(7_500, 1) });
  });

  it.each([
    ["customer-retention-rate", "120", /at most 100 %/],
    ["purchase-frequency", "-3", /^The target must be positive/],
    ["customer-retention-rate", "-20", /^The target must be positive/],
    ["purchase-frequency", "0", /^The target must be positive/],
    ["purchase-frequency", "3.33333", /at most 4 decimals/],
    ["average-order-value", "75 USD", /plain number/],
    ["purchase-frequency", "three", /plain number/],
    ["purchase-frequency", " ", /^Enter a target\.$/],
  ] as const)(
    "GIVEN %s and %s THEN it is refused",
    (metric, text, message) => {
      const target = goalTarget(metric, text, "USD");
      expect(target.ok).toBe(false);
      expect(target.ok ? "" : target.message).toMatch(message);
    },
  );
});

describe("figures as the page and the JSON show them", () => {
  it.each([
    ["customer-retention-rate", ratio(1, 3), "33.3%"],
    ["average-order-value", ratio(17_000, 3), "$56.67"],
    ["purchase-frequency", ratio(33, 10), "3.30"],
    ["points-earned", ratio(1_234_567, 1), "1,234,567"],
    ["net-promoter-score", ratio(-1, 4), "-25"],
    ["customer-loyalty-index", ratio(2, 3), "67"],
    ["churn-rate", ratio(0, 0), null],
  ] as const)("GIVEN %s of %o THEN %s", (metric, value, shown) => {
    expect(displayFor(metric, value, "USD")).toBe(shown);
  });

  it("GIVEN churn from 8 % to 5 % THEN the change is −3.0 pts and it is good news", () => {
    const figure = metricFigure("churn-rate", ratio(5, 100), ratio(8, 100), "USD", "");
    expect(figure).toMatchObject({ change: { display: "-3.0 pts" }, trend: "down", better: true });
  });

  it("GIVEN AOV up from 50.00 to 60.00 THEN the change is +$10.00", () => {
    expect(metricFigure("average-order-value", ratio(6_000, 1), ratio(5_000, 1), "USD", "").change.display).toBe("+$10.00");
  });
});
