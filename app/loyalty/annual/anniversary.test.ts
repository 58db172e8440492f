import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { addDays, annualDateIn, startOfLocalDay } from "../calendar/calendar";
import { validateJournal } from "../ledger/ledger";
import type { AnniversaryRule } from "../program/rules-schema";
import { anniversaryBonusDue, anniversaryPoints, nextAnniversary, type AnniversaryInput } from "./anniversary";

const customer = "gid://shopify/Customer/9";
const rule: AnniversaryRule = { enabled: true, points: 100, increasePerYear: 50 };
const input = (overrides: Partial<AnniversaryInput>): AnniversaryInput => ({
  customerKey: customer,
  enrolledAt: new Date("2024-05-10T15:00:00Z"),
  rule,
  now: new Date("2025-05-10T00:00:00Z"),
  timeZone: "UTC",
  programVersion: 7,
  actor: "system:annual",
  ...overrides,
});
const due = (overrides: Partial<AnniversaryInput>) => {
  const journal = anniversaryBonusDue(input(overrides));
  return journal ? [journal.key.split(":").at(-1), journal.lines[1]?.points] : null;
};

describe("anniversaryBonusDue", () => {
  it.each<[string, string, (string | number | undefined)[] | null]>([
    ["the day before the first anniversary", "2025-05-09T23:59:59Z", null],
    ["the first anniversary", "2025-05-10T00:00:00Z", ["1", 100]],
    ["30 days after it (the job was down)", "2025-06-09T00:00:00Z", ["1", 100]],
    ["31 days after it", "2025-06-10T00:00:00Z", null],
    ["the second anniversary", "2026-05-10T00:00:00Z", ["2", 150]],
    ["the fifth anniversary", "2029-05-10T08:00:00Z", ["5", 300]],
    ["the enrolment day itself", "2024-05-10T20:00:00Z", null],
    ["before enrolment", "2023-05-10T20:00:00Z", null],
  ])("GIVEN an enrolment on 10 May 2024 and now is %s THEN the bonus is %o", (_name, now, expected) => {
    expect(due({ now: new Date(now) })).toEqual(expected);
  });

  it.each<[string, string, string, (string | number | undefined)[] | null]>([
    ["on 28 February of a common year", "2024-02-29T12:00:00Z", "2025-02-28T00:00:00Z", ["1", 100]],
    ["not on 27 February", "2024-02-29T12:00:00Z", "2025-02-27T23:59:59Z", null],
    ["on 29 February of a leap year", "2024-02-29T12:00:00Z", "2028-02-29T00:00:00Z", ["4", 250]],
    ["not on 28 February of a leap year (the third is 366 days old)", "2024-02-29T12:00:00Z", "2028-02-28T00:00:00Z", null],
  ])("GIVEN an enrolment on 29 February, the anniversary is due %s", (_name, enrolledAt, now, expected) => {
    expect(due({ enrolledAt: new Date(enrolledAt), now: new Date(now) })).toEqual(expected);
  });

  it("GIVEN a shop in Tokyo THEN the enrolment day and the anniversary are the shop's days", () => {
    // 20:00 UTC on 9 May is 05:00 on 10 May in Tokyo; 10 May 00:00 there is 9 May 15:00 UTC.
    const tokyo = { enrolledAt: new Date("2024-05-09T20:00:00Z"), timeZone: "Asia/Tokyo" };
    expect(due({ ...tokyo, now: new Date("2025-05-09T14:59:59Z") })).toBeNull();
    expect(due({ ...tokyo, now: new Date("2025-05-09T15:00:00Z") })).toEqual(["1", 100]);
  });

  it.each<[number, AnniversaryRule, number]>([
    [1, { enabled: true, points: 100, increasePerYear: 50 }, 100],
    [2, { enabled: true, points: 100, increasePerYear: 50 }, 150],
    [10, { enabled: true, points: 100, increasePerYear: 50 }, 550],
    [3, { enabled: true, points: 40, increasePerYear: 0 }, 40],
    [60, { enabled: true, points: 100_000, increasePerYear: 100_000 }, 6_000_000],
  ])("GIVEN anniversary %s and the rule %o THEN it earns %s points", (number, anniversaryRule, points) => {
    expect(anniversaryPoints(anniversaryRule, number)).toBe(points);
  });

  it("GIVEN a due anniversary THEN it is one valid bonus journal, keyed by its number, dated now", () => {
    const now = new Date("2026-05-12T09:00:00Z");
    const journal = anniversaryBonusDue(input({ now }));
    expect(journal && validateJournal(journal).ok).toBe(true);
    expect(journal).toMatchObject({
      key: `customer:${customer}:anniversary:2`, kind: "bonus", customerId: customer, occurredAt: now, programVersion: 7,
      memo: "Membership anniversary bonus: 2 years",
      lines: [{ account: "program.issued", points: -150 }, { account: "member.available", customerId: customer, points: 150 }],
    });
    expect(anniversaryBonusDue(input({}))?.memo).toBe("Membership anniversary bonus: 1 year");
  });

  it("GIVEN the bonus is switched off THEN nothing is due", () => {
    expect(anniversaryBonusDue(input({ rule: { ...rule, enabled: false } }))).toBeNull();
  });
});

describe("nextAnniversary", () => {
  const next = (now: string, enrolledAt = "2024-05-10T15:00:00Z") => {
    const anniversary = nextAnniversary({ enrolledAt: new Date(enrolledAt), rule, now: new Date(now), timeZone: "UTC" });
    return anniversary ? [anniversary.number, anniversary.date, anniversary.startsAt.toISOString(), anniversary.points] : null;
  };

  it.each<[string, string, string | undefined, unknown]>([
    ["just after enrolment", "2024-05-11T00:00:00Z", undefined, [1, { year: 2025, month: 5, day: 10 }, "2025-05-10T00:00:00.000Z", 100]],
    ["on the enrolment day", "2024-05-10T20:00:00Z", undefined, [1, { year: 2025, month: 5, day: 10 }, "2025-05-10T00:00:00.000Z", 100]],
    ["on an anniversary (it is today's)", "2025-05-10T12:00:00Z", undefined, [1, { year: 2025, month: 5, day: 10 }, "2025-05-10T00:00:00.000Z", 100]],
    ["the day after an anniversary", "2025-05-11T00:00:00Z", undefined, [2, { year: 2026, month: 5, day: 10 }, "2026-05-10T00:00:00.000Z", 150]],
    ["a 29 February enrolment, next in a common year", "2026-01-01T00:00:00Z", "2024-02-29T12:00:00Z", [2, { year: 2026, month: 2, day: 28 }, "2026-02-28T00:00:00.000Z", 150]],
    ["a 29 February enrolment, next in a leap year", "2027-03-01T00:00:00Z", "2024-02-29T12:00:00Z", [4, { year: 2028, month: 2, day: 29 }, "2028-02-29T00:00:00.000Z", 250]],
  ])("GIVEN %s THEN the next anniversary is as expected", (_name, now, enrolledAt, expected) => {
    expect(next(now, enrolledAt)).toEqual(expected);
  });

  it("GIVEN the bonus is switched off THEN there is no anniversary to show", () => {
    expect(nextAnniversary({ enrolledAt: new Date("2024-05-10T15:00:00Z"), rule: { ...rule, enabled: false }, now: new Date("2025-01-01T00:00:00Z"), timeZone: "UTC" })).toBeNull();
  });
});

describe("PROPERTIES of anniversaries", () => {
  it("GIVEN a job that runs every day THEN anniversaries 1, 2, 3… are each paid on 31 days from their day, with the tenure increase", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1460 }),
        fc.constantFrom("UTC", "America/New_York", "Pacific/Chatham", "America/Santiago"),
        (enrolDay, timeZone) => {
          const enrolled = addDays({ year: 2020, month: 1, day: 1 }, enrolDay);
          const enrolledAt = new Date(startOfLocalDay(enrolled, timeZone).getTime() + 10 * 3_600_000);
          const seen = new Map<number, number>();
          for (let offset = 0; offset < 4 * 366; offset++) {
            const today = addDays(enrolled, offset);
            const journal = anniversaryBonusDue(input({ enrolledAt, timeZone, now: new Date(startOfLocalDay(today, timeZone).getTime() + 3_600_000) }));
            if (!journal) continue;
            const number = Number(journal.key.split(":").at(-1));
            if (!seen.has(number)) expect(today).toEqual(annualDateIn(enrolled.year + number, enrolled.month, enrolled.day));
            expect(journal.lines[1]?.points).toBe(100 + (number - 1) * 50);
            seen.set(number, (seen.get(number) ?? 0) + 1);
          }
          expect([...seen.keys()].slice(0, 3)).toEqual([1, 2, 3]);
          for (const number of [1, 2, 3]) expect(seen.get(number)).toBe(31);
        },
      ),
      { numRuns: 40 },
    );
  });
});
