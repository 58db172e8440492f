import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { daysBetween, localDateOf } from "../calendar/calendar";
import { TIME_ZONES, period } from "./metric-fixtures";
import { assertPeriod, isInPeriod, localPeriod, previousPeriod, trailingYear } from "./period";

describe("a report period is whole shop-local days, half-open", () => {
  it("GIVEN 1–31 January in UTC THEN it runs from 1 January 00:00 up to, not including, 1 February 00:00", () => {
    const january = period("2026-01-01", "2026-01-31");
    expect(january.from.toISOString()).toBe("2026-01-01T00:00:00.000Z");
    expect(january.to.toISOString()).toBe("2026-02-01T00:00:00.000Z");
    expect(isInPeriod(new Date("2026-01-31T23:59:59.999Z"), january)).toBe(true);
    expect(isInPeriod(new Date("2026-02-01T00:00:00.000Z"), january)).toBe(false);
    expect(isInPeriod(new Date("2026-01-01T00:00:00.000Z"), january)).toBe(true);
  });

  it("GIVEN a shop in Tehran (UTC+03:30) THEN its January starts at 31 December 20:30 UTC", () => {
    expect(period("2026-01-01", "2026-01-31", "Asia/Tehran").from.toISOString()).toBe("2025-12-31T20:30:00.000Z");
  });

  it("GIVEN a last day before the first THEN the period is refused with a merchant-readable message", () => {
    const result = localPeriod({ year: 2026, month: 2, day: 1 }, { year: 2026, month: 1, day: 1 }, "UTC");
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toBe("invalid_period");
  });

  it("GIVEN an inverted period passed to a metric THEN it is a bug and throws", () => {
    expect(() => assertPeriod({ from: new Date("2026-02-01"), to: new Date("2026-01-01") })).toThrow();
    expect(() => assertPeriod({ from: new Date("2026-01-01"), to: new Date("2026-01-01") })).not.toThrow();
  });
});

describe("the previous period of equal length", () => {
  it("GIVEN March THEN the previous period is February (whole months)", () => {
    const previous = previousPeriod(period("2026-03-01", "2026-03-31"), "UTC");
    expect(previous).toEqual(period("2026-02-01", "2026-02-28"));
  });

  it("GIVEN the first quarter THEN the previous period is the last quarter of the year before", () => {
    expect(previousPeriod(period("2026-01-01", "2026-03-31"), "UTC")).toEqual(period("2025-10-01", "2025-12-31"));
  });

  it("GIVEN 30 days from 2 March to 31 March THEN the previous 30 days are 31 January to 1 March", () => {
    // 2 March − 30 days = 31 January (28 days in February 2026).
    expect(previousPeriod(period("2026-03-02", "2026-03-31"), "UTC")).toEqual(period("2026-01-31", "2026-03-01"));
  });

  it("GIVEN March in New York, where clocks move forward THEN the previous period is February on the shop's calendar", () => {
    const zone = "America/New_York";
    expect(previousPeriod(period("2026-03-01", "2026-03-31", zone), zone)).toEqual(period("2026-02-01", "2026-02-28", zone));
  });

  it("GIVEN a period that is not whole days THEN the previous period is the same elapsed time before", () => {
    const odd = { from: new Date("2026-01-01T06:00:00Z"), to: new Date("2026-01-01T18:00:00Z") };
    expect(previousPeriod(odd, "UTC")).toEqual({ from: new Date("2025-12-31T18:00:00Z"), to: odd.from });
  });

  it("PROPERTY: the previous period ends where the period starts and has as many shop-local days", () => {
    fc.assert(
      fc.property(fc.constantFrom(...TIME_ZONES), fc.integer({ min: 0, max: 700 }), fc.integer({ min: 1, max: 120 }), (zone, offset, length) => {
        const first = new Date(Date.UTC(2025, 0, 1 + offset));
        const last = new Date(first.getTime() + (length - 1) * 86_400_000);
        const current = period(first.toISOString().slice(0, 10), last.toISOString().slice(0, 10), zone);
        const previous = previousPeriod(current, zone);
        expect(previous.to).toEqual(current.from);
        expect(previous.from.getTime()).toBeLessThan(previous.to.getTime());
        const days = (p: { from: Date; to: Date }) => daysBetween(localDateOf(p.from, zone), localDateOf(p.to, zone));
        const wholeMonths = localDateOf(current.from, zone).day === 1 && localDateOf(current.to, zone).day === 1;
        if (wholeMonths) expect(localDateOf(previous.from, zone).day).toBe(1);
        else expect(days(previous)).toBe(days(current));
      }),
      { numRuns: 150 },
    );
  });
});

describe("the trailing year", () => {
  it("GIVEN a period ending 1 April 2026 THEN the year runs from 1 April 2025", () => {
    const year = trailingYear(new Date("2026-04-01T00:00:00Z"), "UTC");
    expect(year.from.toISOString()).toBe("2025-04-01T00:00:00.000Z");
  });

  it("GIVEN a period ending 1 March 2028 after a leap day THEN the year still starts on 1 March 2027", () => {
    expect(trailingYear(new Date("2028-03-01T00:00:00Z"), "UTC").from.toISOString()).toBe("2027-03-01T00:00:00.000Z");
  });
});
