import { describe, expect, it } from "vitest";
import fc from "fast-check";
import {
  addDays,
  addMonths,
  annualDateIn,
  daysBetween,
  formatLocalDate,
  isoWeek,
  localDateOf,
  parseLocalDate,
  periodKey,
  shopTimeZone,
  startOfLocalDay,
} from "./calendar";

describe("shop-local calendar days", () => {
  it("GIVEN an instant just after UTC midnight THEN a shop in Los Angeles is still on the previous day", () => {
    const instant = new Date("2026-11-24T03:00:00Z");
    expect(localDateOf(instant, "America/Los_Angeles")).toEqual({ year: 2026, month: 11, day: 23 });
    expect(localDateOf(instant, "Asia/Riyadh")).toEqual({ year: 2026, month: 11, day: 24 });
  });

  it.each([
    ["UTC", "2026-03-29", "2026-03-29T00:00:00.000Z"],
    ["Europe/London", "2026-07-01", "2026-06-30T23:00:00.000Z"],
    ["Asia/Tehran", "2026-01-10", "2026-01-09T20:30:00.000Z"],
    ["Australia/Sydney", "2026-10-04", "2026-10-03T14:00:00.000Z"],
  ])("GIVEN %s THEN %s starts at %s", (zone, day, expected) => {
    const date = parseLocalDate(day);
    expect(date).not.toBeNull();
    if (date) expect(startOfLocalDay(date, zone).toISOString()).toBe(expected);
  });

  it("GIVEN a zone whose clocks skip midnight THEN the day starts at the first instant that exists", () => {
    // America/Santiago moved from 00:00 to 01:00 on 2026-09-06.
    const start = startOfLocalDay({ year: 2026, month: 9, day: 6 }, "America/Santiago");
    expect(localDateOf(start, "America/Santiago")).toEqual({ year: 2026, month: 9, day: 6 });
    expect(localDateOf(new Date(start.getTime() - 1), "America/Santiago")).toEqual({ year: 2026, month: 9, day: 5 });
  });

  it("PROPERTY: the start of an instant's local day is at or before it and on the same day", () => {
    const zones = ["UTC", "America/New_York", "Europe/Berlin", "Asia/Kolkata", "Pacific/Chatham", "America/Santiago"];
    fc.assert(
      fc.property(fc.date({ min: new Date("2020-01-01"), max: new Date("2035-01-01"), noInvalidDate: true }), fc.constantFrom(...zones), (instant, zone) => {
        const day = localDateOf(instant, zone);
        const start = startOfLocalDay(day, zone);
        expect(start.getTime()).toBeLessThanOrEqual(instant.getTime());
        expect(localDateOf(start, zone)).toEqual(day);
        expect(localDateOf(new Date(start.getTime() - 1), zone)).not.toEqual(day);
      }),
      { numRuns: 300 },
    );
  });

  it("GIVEN an unknown or missing zone THEN shops are treated as UTC", () => {
    expect(shopTimeZone("Mars/Olympus_Mons")).toBe("UTC");
    expect(shopTimeZone(null)).toBe("UTC");
    expect(shopTimeZone("Asia/Tehran")).toBe("Asia/Tehran");
  });
});

describe("date arithmetic", () => {
  it("adds months clamping to shorter months", () => {
    expect(addMonths({ year: 2026, month: 1, day: 31 }, 1)).toEqual({ year: 2026, month: 2, day: 28 });
    expect(addMonths({ year: 2028, month: 1, day: 31 }, 1)).toEqual({ year: 2028, month: 2, day: 29 });
    expect(addMonths({ year: 2026, month: 11, day: 15 }, 14)).toEqual({ year: 2028, month: 1, day: 15 });
    expect(addMonths({ year: 2026, month: 3, day: 15 }, -3)).toEqual({ year: 2025, month: 12, day: 15 });
  });

  it("adds days across years and counts days between", () => {
    expect(addDays({ year: 2026, month: 12, day: 30 }, 3)).toEqual({ year: 2027, month: 1, day: 2 });
    expect(daysBetween({ year: 2028, month: 2, day: 1 }, { year: 2028, month: 3, day: 1 })).toBe(29);
    expect(daysBetween({ year: 2026, month: 3, day: 1 }, { year: 2026, month: 2, day: 1 })).toBe(-28);
  });

  it("keeps 29 February events on 28 February in common years", () => {
    expect(annualDateIn(2027, 2, 29)).toEqual({ year: 2027, month: 2, day: 28 });
    expect(annualDateIn(2028, 2, 29)).toEqual({ year: 2028, month: 2, day: 29 });
  });

  it("parses only real dates", () => {
    expect(parseLocalDate("2026-02-29")).toBeNull();
    expect(parseLocalDate("2028-02-29")).toEqual({ year: 2028, month: 2, day: 29 });
    expect(parseLocalDate("2026-13-01")).toBeNull();
    expect(parseLocalDate("26-1-1")).toBeNull();
    expect(formatLocalDate({ year: 2026, month: 1, day: 5 })).toBe("2026-01-05");
  });
});

describe("period keys", () => {
  it.each([
    ["day", "2026-11-24"],
    ["week", "2026-W48"],
    ["month", "2026-11"],
    ["year", "2026"],
  ] as const)("GIVEN 24 November 2026 THEN its %s is %s", (period, key) => {
    expect(periodKey(new Date("2026-11-24T12:00:00Z"), period, "UTC")).toBe(key);
  });

  it("uses ISO weeks: 1 January 2027 (a Friday) belongs to week 53 of 2026", () => {
    expect(isoWeek({ year: 2027, month: 1, day: 1 })).toEqual({ year: 2026, week: 53 });
    expect(isoWeek({ year: 2026, month: 1, day: 1 })).toEqual({ year: 2026, week: 1 });
  });

  it("uses the shop's calendar: New Year's Eve evening in New York is still last year", () => {
    expect(periodKey(new Date("2027-01-01T03:00:00Z"), "year", "America/New_York")).toBe("2026");
  });
});
