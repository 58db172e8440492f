import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { addDays, localDateOf, startOfLocalDay } from "../calendar/calendar";
import type { JournalKind } from "../ledger/ledger";
import type { ExpiryRule } from "../program/rules-schema";
import {
  dueExpiryReminders,
  upcomingExpirations,
  type ExpiryForecastInput,
  type ExpiryReminderInput,
  type UpcomingExpiration,
} from "./expiry-forecast";
import { availableBalanceOf, type AvailableMovement } from "./point-batches";

const customer = "gid://shopify/Customer/9";
const perBatch: ExpiryRule = { policy: "per_batch", months: 12, reminderDaysBefore: [30, 7, 1] };
const move = (journalKey: string, kind: JournalKind, at: string, points: number): AvailableMovement => ({
  journalKey, kind, occurredAt: new Date(at), points,
});
const forecast = (overrides: Partial<ExpiryForecastInput>): ExpiryForecastInput => ({
  customerKey: customer, rule: perBatch, timeZone: "UTC", movements: [], lastActivityAt: null, availableBalance: 0, ...overrides,
});
const readable = (upcoming: readonly UpcomingExpiration[]) => upcoming.map(({ expiresAt, points }) => [expiresAt.toISOString(), points]);

describe("upcomingExpirations", () => {
  const movements = [
    move("e1", "earn", "2025-03-05T09:00:00Z", 100),
    move("e2", "earn", "2025-03-05T18:00:00Z", 40),
    move("e3", "earn", "2025-01-20T10:00:00Z", 60),
    move("r1", "redeem", "2025-04-01T10:00:00Z", -70),
  ];

  it("GIVEN per-batch expiry THEN each day's lots add up, earliest first, net of what was spent oldest first", () => {
    expect(readable(upcomingExpirations(forecast({ movements })))).toEqual([
      ["2026-03-05T00:00:00.000Z", 130],
    ]);
    expect(readable(upcomingExpirations(forecast({ movements: movements.slice(0, 3) })))).toEqual([
      ["2026-01-20T00:00:00.000Z", 60],
      ["2026-03-05T00:00:00.000Z", 140],
    ]);
  });

  it("GIVEN a shop in Sydney THEN lots of the same UTC day can expire on different shop days", () => {
    // 18:00 UTC on 5 March is already 6 March in Sydney.
    expect(readable(upcomingExpirations(forecast({ movements: movements.slice(0, 2), timeZone: "Australia/Sydney" })))).toEqual([
      ["2026-03-04T13:00:00.000Z", 100],
      ["2026-03-05T13:00:00.000Z", 40],
    ]);
  });

  it.each<[string, Partial<ExpiryForecastInput>, (string | number)[][]]>([
    ["inactivity with a balance", { lastActivityAt: new Date("2025-05-31T12:00:00Z"), availableBalance: 90 }, [["2025-11-30T00:00:00.000Z", 90]]],
    ["inactivity with nothing available", { lastActivityAt: new Date("2025-05-31T12:00:00Z"), availableBalance: 0 }, []],
    ["inactivity with no activity yet", { lastActivityAt: null, availableBalance: 90 }, []],
  ])("GIVEN %s THEN the forecast is as expected", (_name, overrides, expected) => {
    expect(readable(upcomingExpirations(forecast({ rule: { ...perBatch, policy: "inactivity", months: 6 }, ...overrides })))).toEqual(expected);
  });

  it("GIVEN points never expire THEN nothing is forecast", () => {
    expect(upcomingExpirations(forecast({ movements, rule: { ...perBatch, policy: "never" }, lastActivityAt: new Date("2020-01-01T00:00:00Z"), availableBalance: 100 }))).toEqual([]);
  });

  it("PROPERTY: per-batch forecasts add up to the positive balance, on distinct instants in order", () => {
    const movementsArbitrary = fc.array(
      fc.record({ points: fc.integer({ min: -300, max: 500 }).filter((points) => points !== 0), day: fc.integer({ min: 0, max: 700 }) }),
      { maxLength: 30 },
    ).map((entries) => entries.map((entry, index) => move(`j${index}`, entry.points > 0 ? "earn" : "redeem", new Date(Date.UTC(2025, 0, 1 + entry.day, 20)).toISOString(), entry.points)));
    fc.assert(
      fc.property(movementsArbitrary, fc.constantFrom("UTC", "Pacific/Auckland", "America/Denver"), (entries, timeZone) => {
        const upcoming = upcomingExpirations(forecast({ movements: entries, timeZone }));
        expect(upcoming.reduce((sum, entry) => sum + entry.points, 0)).toBe(Math.max(0, availableBalanceOf(entries)));
        upcoming.forEach((entry, index) => {
          expect(entry.points).toBeGreaterThan(0);
          const previous = upcoming[index - 1];
          if (previous) expect(previous.expiresAt.getTime()).toBeLessThan(entry.expiresAt.getTime());
        });
      }),
      { numRuns: 200 },
    );
  });
});

describe("dueExpiryReminders", () => {
  const expiresAt = new Date("2026-06-15T00:00:00Z");
  const reminders = (overrides: Partial<ExpiryReminderInput>) =>
    dueExpiryReminders({ customerKey: customer, upcoming: [{ expiresAt, points: 120 }], rule: perBatch, now: expiresAt, timeZone: "UTC", ...overrides })
      .map((reminder) => [reminder.key, reminder.daysBefore, reminder.points]);
  const key = (daysBefore: number) => `customer:${customer}:expiry-reminder:2026-06-15:${daysBefore}`;

  it.each<[string, string, (string | number)[][]]>([
    ["just before the 30-day window opens", "2026-05-15T23:59:59Z", []],
    ["the first instant of the day 30 days before", "2026-05-16T00:00:00Z", [[key(30), 30, 120]]],
    ["8 days before (still the 30-day reminder)", "2026-06-07T12:00:00Z", [[key(30), 30, 120]]],
    ["7 days before", "2026-06-08T00:00:00Z", [[key(7), 7, 120]]],
    ["the day before", "2026-06-14T23:59:59Z", [[key(1), 1, 120]]],
    ["the instant the points expire", "2026-06-15T00:00:00Z", []],
    ["after they expired", "2026-06-20T00:00:00Z", []],
  ])("GIVEN reminders 30, 7 and 1 days before, and now is %s THEN the due reminder is as expected", (_name, now, expected) => {
    expect(reminders({ now: new Date(now) })).toEqual(expected);
  });

  it("GIVEN a shop in Sydney THEN the reminder day starts at the shop's midnight", () => {
    const sydneyExpiry = startOfLocalDay({ year: 2026, month: 6, day: 15 }, "Australia/Sydney");
    const at = (now: string) =>
      dueExpiryReminders({ customerKey: customer, upcoming: [{ expiresAt: sydneyExpiry, points: 5 }], rule: perBatch, now: new Date(now), timeZone: "Australia/Sydney" });
    // 8 June 00:00 in Sydney (AEST, UTC+10) is 7 June 14:00 UTC.
    expect(at("2026-06-07T13:59:59Z").map((reminder) => reminder.daysBefore)).toEqual([30]);
    expect(at("2026-06-07T14:00:00Z").map((reminder) => reminder.key)).toEqual([`customer:${customer}:expiry-reminder:2026-06-15:7`]);
  });

  it.each<[string, Partial<ExpiryReminderInput>]>([
    ["points never expire", { rule: { ...perBatch, policy: "never" } }],
    ["no reminders are configured", { rule: { ...perBatch, reminderDaysBefore: [] } }],
    ["the expiring amount is zero", { upcoming: [{ expiresAt, points: 0 }] }],
    ["nothing is expiring", { upcoming: [] }],
  ])("GIVEN %s THEN no reminder is due", (_name, overrides) => {
    expect(reminders({ now: new Date("2026-06-10T00:00:00Z"), ...overrides })).toEqual([]);
  });

  it("GIVEN two expiry days THEN each has its own reminder and key", () => {
    const upcoming = [{ expiresAt, points: 120 }, { expiresAt: new Date("2026-06-20T00:00:00Z"), points: 30 }];
    expect(reminders({ upcoming, now: new Date("2026-06-13T00:00:00Z") })).toEqual([
      [key(7), 7, 120],
      [`customer:${customer}:expiry-reminder:2026-06-20:7`, 7, 30],
    ]);
  });

  it("PROPERTY: run daily, a job sends each threshold at most once, nearest last, only within its window", () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.integer({ min: 1, max: 90 }), { maxLength: 3 }),
        fc.integer({ min: 0, max: 400 }),
        fc.constantFrom("UTC", "Europe/London", "America/Santiago"),
        fc.integer({ min: 0, max: 23 }),
        (reminderDaysBefore, expiryDay, timeZone, hour) => {
          const expiryDate = addDays({ year: 2026, month: 1, day: 1 }, expiryDay);
          const expiry = startOfLocalDay(expiryDate, timeZone);
          const sent: { key: string; daysBefore: number }[] = [];
          for (let day = -100; day <= 2; day++) {
            const now = new Date(startOfLocalDay(addDays(expiryDate, day), timeZone).getTime() + hour * 3_600_000);
            for (const reminder of dueExpiryReminders({ customerKey: customer, upcoming: [{ expiresAt: expiry, points: 10 }], rule: { ...perBatch, reminderDaysBefore }, now, timeZone })) {
              expect(now.getTime()).toBeLessThan(expiry.getTime());
              expect(-day).toBeLessThanOrEqual(reminder.daysBefore);
              if (!sent.some((earlier) => earlier.key === reminder.key)) sent.push(reminder);
            }
          }
          expect(sent.map((reminder) => reminder.daysBefore)).toEqual([...reminderDaysBefore].sort((a, b) => b - a));
          expect(sent.every((reminder) => reminder.key.includes(`:expiry-reminder:${localDateOf(expiry, timeZone).year}`))).toBe(true);
        },
      ),
      { numRuns: 200 },
    );
  });
});
