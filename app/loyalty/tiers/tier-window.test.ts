import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { localDateOf } from "../calendar/calendar";
import type { TierWindow } from "../program/rules-schema";
import { tierWindowContains, tierWindowStart } from "./tier-window";

const iso = (window: TierWindow, now: string, zone: string) => tierWindowStart(window, new Date(now), zone)?.toISOString() ?? null;

describe("the lifetime window", () => {
  it("GIVEN a lifetime window WHEN asked for its start THEN there is none: everything up to now counts", () => {
    expect(tierWindowStart("lifetime", new Date("2026-05-05T10:00:00Z"), "Asia/Tokyo")).toBeNull();
  });
});

describe("the calendar-year window, on the shop's calendar", () => {
  it.each([
    ["UTC", "2026-07-15T12:00:00Z", "2026-01-01T00:00:00.000Z"],
    ["UTC", "2026-01-01T00:00:00Z", "2026-01-01T00:00:00.000Z"],
    ["UTC", "2025-12-31T23:59:59.999Z", "2025-01-01T00:00:00.000Z"],
    // New York is UTC−5 in winter: its year turns at 05:00 UTC.
    ["America/New_York", "2026-01-01T04:59:59.999Z", "2025-01-01T05:00:00.000Z"],
    ["America/New_York", "2026-01-01T05:00:00.000Z", "2026-01-01T05:00:00.000Z"],
    // Tokyo is UTC+9: its year turns at 15:00 UTC on 31 December.
    ["Asia/Tokyo", "2025-12-31T14:59:59.999Z", "2024-12-31T15:00:00.000Z"],
    ["Asia/Tokyo", "2025-12-31T15:00:00.000Z", "2025-12-31T15:00:00.000Z"],
    // Kathmandu is UTC+5:45.
    ["Asia/Kathmandu", "2026-06-01T00:00:00Z", "2025-12-31T18:15:00.000Z"],
  ])("GIVEN a shop in %s WHEN it is %s THEN the calendar year started at %s", (zone, now, start) => {
    expect(iso("calendar_year", now, zone)).toBe(start);
  });
});

describe("the rolling 12-month window: the twelve months ending with today, today included", () => {
  it.each([
    ["UTC", "2026-06-15T12:00:00Z", "2025-06-16T00:00:00.000Z"],
    ["UTC", "2026-06-15T00:00:00Z", "2025-06-16T00:00:00.000Z"],
    ["UTC", "2026-06-15T23:59:59.999Z", "2025-06-16T00:00:00.000Z"],
    ["UTC", "2026-01-01T08:00:00Z", "2025-01-02T00:00:00.000Z"],
    ["UTC", "2026-12-31T08:00:00Z", "2026-01-01T00:00:00.000Z"],
    // London is on summer time (UTC+1) on 16 June 2025.
    ["Europe/London", "2026-06-15T12:00:00Z", "2025-06-15T23:00:00.000Z"],
    // 03:00 UTC on 15 June is still 14 June in Los Angeles (UTC−7 in summer).
    ["America/Los_Angeles", "2026-06-15T03:00:00Z", "2025-06-15T07:00:00.000Z"],
    ["Australia/Sydney", "2026-06-15T03:00:00Z", "2025-06-15T14:00:00.000Z"],
  ])("GIVEN a shop in %s WHEN it is %s THEN the window starts at %s", (zone, now, start) => {
    expect(iso("rolling_12_months", now, zone)).toBe(start);
  });

  it.each([
    ["29 Feb 2028 (a leap day)", "2027-03-01T00:00:00.000Z", "2028-02-29T12:00:00Z"],
    ["28 Feb 2028 (the day before)", "2027-03-01T00:00:00.000Z", "2028-02-28T12:00:00Z"],
    ["1 Mar 2028 (the day after)", "2027-03-02T00:00:00.000Z", "2028-03-01T12:00:00Z"],
    ["28 Feb 2029 (a year after a leap day)", "2028-02-29T00:00:00.000Z", "2029-02-28T12:00:00Z"],
    ["1 Mar 2029", "2028-03-02T00:00:00.000Z", "2029-03-01T12:00:00Z"],
  ])("GIVEN a leap year WHEN today is %s THEN the window starts at %s", (_day, start, now) => {
    expect(iso("rolling_12_months", now, "UTC")).toBe(start);
  });

  it.each([
    // New York sprang forward on 9 Mar 2025 but on 8 Mar 2026: on 8 Mar 2026 (summer time)
    // the window starts at midnight of 9 Mar 2025, which was still winter time (UTC−5).
    ["America/New_York", "2026-03-08T16:00:00Z", "2025-03-09T05:00:00.000Z"],
    // It fell back on 2 Nov 2025 but on 1 Nov 2026: that window starts in summer time (UTC−4).
    ["America/New_York", "2026-11-01T16:00:00Z", "2025-11-02T04:00:00.000Z"],
    // Santiago skipped midnight on 6 Sep 2026: the day starts at 01:00 local (UTC−3).
    ["America/Santiago", "2027-09-05T16:00:00Z", "2026-09-06T04:00:00.000Z"],
  ])("GIVEN a shop in %s, whose clocks change, WHEN it is %s THEN the window starts at the first instant of its first local day, %s", (zone, now, start) => {
    expect(iso("rolling_12_months", now, zone)).toBe(start);
  });
});

describe("which instants are inside a window", () => {
  const start = new Date("2025-06-16T00:00:00.000Z");
  const now = new Date("2026-06-15T12:00:00.000Z");

  it.each([
    ["exactly at the window start", "2025-06-16T00:00:00.000Z", true],
    ["one millisecond before the window start", "2025-06-15T23:59:59.999Z", false],
    ["exactly now", "2026-06-15T12:00:00.000Z", true],
    ["one millisecond after now", "2026-06-15T12:00:00.001Z", false],
    ["in the middle", "2026-01-01T00:00:00.000Z", true],
  ])("GIVEN something %s (%s) THEN it is inside the window: %s", (_when, instant, inside) => {
    expect(tierWindowContains(start, now, new Date(instant))).toBe(inside);
  });

  it("GIVEN a lifetime window THEN anything up to now is inside, and nothing after", () => {
    expect(tierWindowContains(null, now, new Date("1999-01-01T00:00:00Z"))).toBe(true);
    expect(tierWindowContains(null, now, new Date(now.getTime() + 1))).toBe(false);
  });
});

describe("window invariants", () => {
  const zones = ["UTC", "America/New_York", "Europe/Berlin", "Asia/Kolkata", "Pacific/Chatham", "America/Santiago", "Australia/Lord_Howe"];
  const instant = fc.date({ min: new Date("2020-01-01T00:00:00Z"), max: new Date("2035-01-01T00:00:00Z"), noInvalidDate: true });

  it("PROPERTY: a window starts at a local midnight at or before now, and today is wholly inside it", () => {
    fc.assert(
      fc.property(instant, fc.constantFrom(...zones), fc.constantFrom<TierWindow>("calendar_year", "rolling_12_months"), (now, zone, window) => {
        const start = tierWindowStart(window, now, zone);
        expect(start).not.toBeNull();
        if (!start) return;
        expect(start.getTime()).toBeLessThanOrEqual(now.getTime());
        expect(localDateOf(new Date(start.getTime() - 1), zone)).not.toEqual(localDateOf(start, zone));
        expect(start.getTime()).toBeGreaterThan(now.getTime() - 367 * 86_400_000);
      }),
      { numRuns: 300 },
    );
  });

  it("PROPERTY: as time passes a window's start never moves back", () => {
    fc.assert(
      fc.property(instant, fc.integer({ min: 0, max: 400 * 86_400_000 }), fc.constantFrom(...zones), fc.constantFrom<TierWindow>("calendar_year", "rolling_12_months"), (now, later, zone, window) => {
        const before = tierWindowStart(window, now, zone);
        const after = tierWindowStart(window, new Date(now.getTime() + later), zone);
        expect(after!.getTime()).toBeGreaterThanOrEqual(before!.getTime());
      }),
      { numRuns: 300 },
    );
  });

  it("PROPERTY: a rolling window always holds 365 or 366 local days", () => {
    fc.assert(
      fc.property(instant, fc.constantFrom(...zones), (now, zone) => {
        const start = localDateOf(tierWindowStart("rolling_12_months", now, zone)!, zone);
        const today = localDateOf(now, zone);
        const days = (Date.UTC(today.year, today.month - 1, today.day) - Date.UTC(start.year, start.month - 1, start.day)) / 86_400_000 + 1;
        expect([365, 366]).toContain(days);
      }),
      { numRuns: 300 },
    );
  });
});
