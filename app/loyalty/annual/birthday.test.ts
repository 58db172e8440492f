import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { addDays, annualDateIn, startOfLocalDay } from "../calendar/calendar";
import { validateJournal } from "../ledger/ledger";
import { birthdayBonusDue, BIRTHDAY_NOTICE_DAYS, type BirthdayBonusInput } from "./birthday";

const customer = "gid://shopify/Customer/9";
const longAgo = new Date("2020-01-01T00:00:00Z");
const input = (overrides: Partial<BirthdayBonusInput>): BirthdayBonusInput => ({
  customerKey: customer,
  birthday: { month: 3, day: 10 },
  birthdaySetAt: longAgo,
  enrolledAt: longAgo,
  rule: { enabled: true, points: 200 },
  now: new Date("2026-03-10T00:00:00Z"),
  timeZone: "UTC",
  programVersion: 5,
  actor: "system:annual",
  ...overrides,
});
const keyOf = (overrides: Partial<BirthdayBonusInput>) => birthdayBonusDue(input(overrides))?.key ?? null;
const key = (year: number) => `customer:${customer}:birthday:${year}`;

describe("birthdayBonusDue: when the bonus is due", () => {
  it.each<[string, string, string | null]>([
    ["the last instant before the birthday", "2026-03-09T23:59:59Z", null],
    ["the first instant of the birthday", "2026-03-10T00:00:00Z", key(2026)],
    ["late on the birthday", "2026-03-10T23:59:59Z", key(2026)],
    ["30 days late (the job was down)", "2026-04-09T12:00:00Z", key(2026)],
    ["31 days late: that year is skipped", "2026-04-10T00:00:00Z", null],
    ["months later", "2026-09-01T00:00:00Z", null],
  ])("GIVEN a 10 March birthday and now is %s THEN the bonus is %s", (_name, now, expected) => {
    expect(keyOf({ now: new Date(now) })).toBe(expected);
  });

  it.each<[string, { month: number; day: number }, string, string | null]>([
    ["a December birthday caught up in January belongs to last year", { month: 12, day: 28 }, "2027-01-05T00:00:00Z", key(2026)],
    ["a 29 February birthday in a common year falls on 28 February", { month: 2, day: 29 }, "2027-02-28T00:00:00Z", key(2027)],
    ["a 29 February birthday is not due on 27 February", { month: 2, day: 29 }, "2027-02-27T23:59:59Z", null],
    ["a 29 February birthday in a leap year is not due on 28 February", { month: 2, day: 29 }, "2028-02-28T12:00:00Z", null],
    ["a 29 February birthday in a leap year falls on 29 February", { month: 2, day: 29 }, "2028-02-29T00:00:00Z", key(2028)],
    ["a 29 February birthday is caught up in March of a common year", { month: 2, day: 29 }, "2027-03-30T00:00:00Z", key(2027)],
    ["a 29 February birthday is not caught up 31 days after 28 February", { month: 2, day: 29 }, "2027-03-31T00:00:00Z", null],
  ])("GIVEN %s", (_name, birthday, now, expected) => {
    expect(keyOf({ birthday, now: new Date(now) })).toBe(expected);
  });

  it("GIVEN a shop in Sydney THEN the birthday starts at the shop's midnight", () => {
    // 10 March 00:00 in Sydney (AEDT, UTC+11) is 9 March 13:00 UTC.
    expect(keyOf({ timeZone: "Australia/Sydney", now: new Date("2026-03-09T12:59:59Z") })).toBeNull();
    expect(keyOf({ timeZone: "Australia/Sydney", now: new Date("2026-03-09T13:00:00Z") })).toBe(key(2026));
  });

  it("GIVEN the birth year is known THEN it changes nothing", () => {
    expect(keyOf({ birthday: { month: 3, day: 10, year: 1990 } })).toBe(key(2026));
  });

  it("GIVEN the bonus is switched off THEN nothing is due", () => {
    expect(birthdayBonusDue(input({ rule: { enabled: false, points: 200 } }))).toBeNull();
  });
});

describe("birthdayBonusDue: who is eligible", () => {
  const birthday = new Date("2026-03-10T00:00:00Z");
  const daysBefore = (days: number) => new Date(birthday.getTime() - days * 86_400_000 + 3_600_000);

  it.each<[string, Partial<BirthdayBonusInput>, string | null]>([
    [`set ${BIRTHDAY_NOTICE_DAYS} days before the birthday`, { birthdaySetAt: daysBefore(BIRTHDAY_NOTICE_DAYS) }, key(2026)],
    [`set ${BIRTHDAY_NOTICE_DAYS - 1} days before: too recent, no bonus this year`, { birthdaySetAt: daysBefore(BIRTHDAY_NOTICE_DAYS - 1) }, null],
    ["set on the birthday itself", { birthdaySetAt: new Date("2026-03-10T08:00:00Z"), now: new Date("2026-03-11T00:00:00Z") }, null],
    ["set after the birthday, within the catch-up", { birthdaySetAt: new Date("2026-03-15T08:00:00Z"), now: new Date("2026-03-20T00:00:00Z") }, null],
    ["set too recently last year, so this year is fine", { birthdaySetAt: new Date("2025-03-01T00:00:00Z") }, key(2026)],
    ["enrolled after the birthday, within the catch-up", { enrolledAt: new Date("2026-03-11T09:00:00Z"), now: new Date("2026-03-12T00:00:00Z") }, null],
    ["enrolled later on the birthday itself", { enrolledAt: new Date("2026-03-10T18:00:00Z"), now: new Date("2026-03-10T20:00:00Z") }, key(2026)],
  ])("GIVEN a birthday %s THEN the bonus is %s", (_name, overrides, expected) => {
    expect(keyOf(overrides)).toBe(expected);
  });

  it("GIVEN the birthday was set too recently THEN the next year's birthday still earns the bonus", () => {
    const setAt = new Date("2026-03-01T00:00:00Z");
    expect(keyOf({ birthdaySetAt: setAt, now: new Date("2026-03-10T00:00:00Z") })).toBeNull();
    expect(keyOf({ birthdaySetAt: setAt, now: new Date("2027-03-10T00:00:00Z") })).toBe(key(2027));
  });

  it("GIVEN a due bonus THEN it is one valid bonus journal of the rule's points, dated now", () => {
    const now = new Date("2026-03-12T07:00:00Z");
    const journal = birthdayBonusDue(input({ now }));
    expect(journal && validateJournal(journal).ok).toBe(true);
    expect(journal).toMatchObject({
      key: key(2026), kind: "bonus", customerId: customer, occurredAt: now, programVersion: 5, actor: "system:annual", memo: "Birthday bonus 2026",
      lines: [{ account: "program.issued", points: -200 }, { account: "member.available", customerId: customer, points: 200 }],
    });
  });
});

describe("PROPERTIES of birthday bonuses", () => {
  it("GIVEN a job that runs every day for years THEN each birthday year is paid once, from its day, on exactly 31 days", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 31 }),
        fc.constantFrom("UTC", "America/Los_Angeles", "Asia/Kathmandu", "America/Santiago"),
        (month, rawDay, timeZone) => {
          const day = Math.min(rawDay, new Date(Date.UTC(2000, month, 0)).getUTCDate());
          const dueDays = new Map<string, number>();
          for (let offset = 0; offset < 3 * 366; offset++) {
            const today = addDays({ year: 2026, month: 1, day: 1 }, offset);
            const now = new Date(startOfLocalDay(today, timeZone).getTime() + 12 * 3_600_000);
            const journal = birthdayBonusDue(input({ birthday: { month, day }, now, timeZone }));
            if (!journal) continue;
            expect(journal.lines[1]?.points).toBe(200);
            const year = Number(journal.key.split(":").at(-1));
            // The first day a year is due is that year's birthday (29 February → 28 February).
            if (!dueDays.has(journal.key) && offset > 0) expect(today).toEqual(annualDateIn(year, month, day));
            dueDays.set(journal.key, (dueDays.get(journal.key) ?? 0) + 1);
          }
          // Years 2026, 2027, 2028 are due 31 days each; 2025's tail is due in January 2026 for late-December birthdays.
          for (const year of [2026, 2027, 2028]) {
            const count = dueDays.get(key(year)) ?? 0;
            if (year === 2028 && month === 12) expect(count).toBeLessThanOrEqual(31);
            else expect(count).toBe(31);
          }
        },
      ),
      { numRuns: 40 },
    );
  });
});
