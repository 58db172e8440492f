import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { validateJournal, type Journal, type JournalKind } from "../ledger/ledger";
import type { ExpiryRule } from "../program/rules-schema";
import { dueBatchExpirations, lotExpiresAt, type BatchExpiryInput } from "./batch-expiry";
import { batchExpiryKey } from "./expiry-keys";
import { availableBalanceOf, availableMovementOf, type AvailableMovement } from "./point-batches";

const customer = "gid://shopify/Customer/9";
const rule: ExpiryRule = { policy: "per_batch", months: 12, reminderDaysBefore: [30, 7] };
const move = (journalKey: string, kind: JournalKind, at: string, points: number, extra: Partial<AvailableMovement> = {}): AvailableMovement => ({
  journalKey, kind, occurredAt: new Date(at), points, ...extra,
});
const input = (overrides: Partial<BatchExpiryInput>): BatchExpiryInput => ({
  customerKey: customer, movements: [], rule, now: new Date("2026-06-01T00:00:00Z"), timeZone: "UTC", programVersion: 3, actor: "system:expiry", ...overrides,
});
const summary = (journals: readonly Journal[]) =>
  journals.map((journal) => [journal.key, journal.lines.find((line) => line.account === "program.expired")?.points]);
/** The ledger after the job's journals are appended: what the next run reads. */
const appended = (movements: readonly AvailableMovement[], journals: readonly Journal[]) => [
  ...movements,
  ...journals.map((journal) => availableMovementOf(journal, customer)).filter((movement) => movement !== null),
];

describe("when a lot expires", () => {
  it.each([
    ["a lot earned on 31 January, 1 month", "2025-01-31T12:00:00Z", "UTC", 1, "2025-02-28T00:00:00.000Z"],
    ["a lot earned on 31 January of a leap year, 1 month", "2024-01-31T12:00:00Z", "UTC", 1, "2024-02-29T00:00:00.000Z"],
    ["a lot earned on 29 February, 12 months", "2024-02-29T10:00:00Z", "UTC", 12, "2025-02-28T00:00:00.000Z"],
    ["a lot earned on 31 March, 6 months", "2025-03-31T10:00:00Z", "UTC", 6, "2025-09-30T00:00:00.000Z"],
    ["a lot earned on 31 October, 4 months (to a common February)", "2025-10-31T10:00:00Z", "UTC", 4, "2026-02-28T00:00:00.000Z"],
    ["a lot earned on New Year's Eve UTC, already 1 January in Sydney", "2025-12-31T23:30:00Z", "Australia/Sydney", 12, "2026-12-31T13:00:00.000Z"],
    ["the same instant in Los Angeles, still 31 December", "2025-12-31T23:30:00Z", "America/Los_Angeles", 12, "2026-12-31T08:00:00.000Z"],
    ["a lot in Berlin expiring after the clocks went forward", "2025-03-15T09:00:00Z", "Europe/Berlin", 1, "2025-04-14T22:00:00.000Z"],
    ["a lot in New York earned on the evening of 28 February", "2025-03-01T02:00:00Z", "America/New_York", 1, "2025-03-28T04:00:00.000Z"],
  ])("GIVEN %s THEN it expires at %s", (_name, earnedAt, zone, months, expected) => {
    expect(lotExpiresAt(new Date(earnedAt), months, zone).toISOString()).toBe(expected);
  });
});

describe("dueBatchExpirations", () => {
  const history = [
    move("e1", "earn", "2025-01-10T12:00:00Z", 100),
    move("e2", "earn", "2025-03-20T12:00:00Z", 80),
    move("r1", "redeem", "2025-02-01T12:00:00Z", -30),
  ];

  it.each<[string, string, (string | number | undefined)[][]]>([
    ["the day before the first lot's expiry", "2026-01-09T23:59:59Z", []],
    ["the first instant of its expiry day", "2026-01-10T00:00:00Z", [[batchExpiryKey(customer, "e1"), 70]]],
    ["after both expiry days", "2026-03-20T00:00:00Z", [[batchExpiryKey(customer, "e1"), 70], [batchExpiryKey(customer, "e2"), 80]]],
  ])("GIVEN a partly spent lot, and now is %s THEN what is left of each expired lot expires", (_name, now, expected) => {
    expect(summary(dueBatchExpirations(input({ movements: history, now: new Date(now) })))).toEqual(expected);
  });

  it.each<ExpiryRule["policy"]>(["never", "inactivity"])("GIVEN the policy is %s THEN no batch expires", (policy) => {
    expect(dueBatchExpirations(input({ movements: history, rule: { ...rule, policy }, now: new Date("2030-01-01T00:00:00Z") }))).toEqual([]);
  });

  it("GIVEN an expired lot THEN its journal balances, is an expire of the member's points, dated now, with a memo", () => {
    const now = new Date("2026-02-01T08:00:00Z");
    const [journal] = dueBatchExpirations(input({ movements: history, now }));
    expect(journal && validateJournal(journal).ok).toBe(true);
    expect(journal).toMatchObject({
      kind: "expire", customerId: customer, orderId: null, programVersion: 3, occurredAt: now, actor: "system:expiry",
      memo: "Points expired: earned 2025-01-10, 12 months",
      lines: [
        { account: "member.available", customerId: customer, points: -70 },
        { account: "program.expired", customerId: null, points: 70 },
      ],
    });
    expect(dueBatchExpirations(input({ movements: history, now, rule: { ...rule, months: 1 } }))[0]?.memo).toBe("Points expired: earned 2025-01-10, 1 month");
  });

  it("GIVEN the job ran and its journals are in the ledger THEN running it again expires nothing", () => {
    const now = new Date("2026-04-01T00:00:00Z");
    const first = dueBatchExpirations(input({ movements: history, now }));
    expect(first).toHaveLength(2);
    expect(dueBatchExpirations(input({ movements: appended(history, first), now }))).toEqual([]);
  });

  it("GIVEN the first lot expired, the member earned again, and the job runs a year later THEN only the second lot expires", () => {
    const first = dueBatchExpirations(input({ movements: history, now: new Date("2026-01-10T00:00:00Z") }));
    const later = [...appended(history, first), move("e3", "earn", "2026-02-01T12:00:00Z", 40)];
    expect(summary(dueBatchExpirations(input({ movements: later, now: new Date("2026-06-01T00:00:00Z") })))).toEqual([[batchExpiryKey(customer, "e2"), 80]]);
  });

  it("GIVEN the member spent the points after their expiry date, before the late job ran THEN only what is left expires", () => {
    const spentLate = [...history, move("r2", "redeem", "2026-01-15T12:00:00Z", -50)];
    expect(summary(dueBatchExpirations(input({ movements: spentLate, now: new Date("2026-01-20T00:00:00Z") })))).toEqual([[batchExpiryKey(customer, "e1"), 20]]);
  });

  it("GIVEN the balance is negative (a deficit) THEN nothing expires", () => {
    const owing = [move("e1", "earn", "2025-01-10T12:00:00Z", 100), move("r1", "redeem", "2025-01-11T12:00:00Z", -100), move("x1", "reversal", "2025-01-12T12:00:00Z", -20)];
    expect(dueBatchExpirations(input({ movements: owing, now: new Date("2027-01-01T00:00:00Z") }))).toEqual([]);
  });

  it("GIVEN a shop in New York THEN a lot expires at the start of the shop's day, not UTC's", () => {
    const lot = [move("e1", "earn", "2025-03-01T02:00:00Z", 10)];
    const at = (now: string) => dueBatchExpirations(input({ movements: lot, rule: { ...rule, months: 1 }, timeZone: "America/New_York", now: new Date(now) }));
    expect(at("2025-03-28T03:59:59Z")).toEqual([]);
    expect(summary(at("2025-03-28T04:00:00Z"))).toEqual([[batchExpiryKey(customer, "e1"), 10]]);
  });
});

const historyArbitrary = fc
  .array(
    fc.record({
      kind: fc.constantFrom<JournalKind>("earn", "bonus", "release", "adjust", "redeem", "reversal", "adjust"),
      points: fc.integer({ min: 1, max: 400 }),
      day: fc.integer({ min: 0, max: 800 }),
      debit: fc.boolean(),
      orderId: fc.option(fc.constantFrom("A", "B"), { nil: null }),
      restores: fc.option(fc.nat(30), { nil: null }),
    }),
    { maxLength: 30 },
  )
  .map((entries) =>
    entries.map((entry, index) => {
      const isDebit = entry.kind === "redeem" || entry.kind === "reversal" || (entry.kind === "adjust" && entry.debit);
      const restores = !isDebit && entry.restores !== null && entry.restores < index ? `j${entry.restores}` : null;
      const at = new Date(Date.UTC(2025, 0, 1 + entry.day, 15)).toISOString();
      return move(`j${index}`, entry.kind, at, isDebit ? -entry.points : entry.points, { orderId: entry.orderId, restores });
    }),
  );
const nowArbitrary = fc.integer({ min: 0, max: 1500 }).map((day) => new Date(Date.UTC(2025, 0, 1 + day, 6)));
const zoneArbitrary = fc.constantFrom("UTC", "America/New_York", "Australia/Sydney", "Asia/Kolkata");
const monthsArbitrary = fc.integer({ min: 1, max: 24 });

describe("PROPERTIES of batch expiry", () => {
  it("GIVEN any history THEN expirations are valid journals, never more than the balance, one per lot", () => {
    fc.assert(
      fc.property(historyArbitrary, nowArbitrary, zoneArbitrary, monthsArbitrary, (movements, now, timeZone, months) => {
        const journals = dueBatchExpirations(input({ movements, now, timeZone, rule: { ...rule, months } }));
        const expired = journals.reduce((sum, journal) => sum + (journal.lines[1]?.points ?? 0), 0);
        expect(expired).toBeLessThanOrEqual(Math.max(0, availableBalanceOf(movements)));
        expect(journals.every((journal) => validateJournal(journal).ok)).toBe(true);
        expect(new Set(journals.map((journal) => journal.key)).size).toBe(journals.length);
      }),
      { numRuns: 300 },
    );
  });

  it("GIVEN the returned journals are appended THEN re-running expires nothing, and the balance never goes below zero", () => {
    fc.assert(
      fc.property(historyArbitrary, nowArbitrary, zoneArbitrary, monthsArbitrary, (movements, now, timeZone, months) => {
        const first = dueBatchExpirations(input({ movements, now, timeZone, rule: { ...rule, months } }));
        const after = appended(movements, first);
        expect(dueBatchExpirations(input({ movements: after, now, timeZone, rule: { ...rule, months } }))).toEqual([]);
        if (first.length > 0) expect(availableBalanceOf(after)).toBeGreaterThanOrEqual(0);
      }),
      { numRuns: 300 },
    );
  });

  it("GIVEN the job runs every few days over years, with its journals appended each time THEN no lot expires twice", () => {
    fc.assert(
      fc.property(historyArbitrary, zoneArbitrary, monthsArbitrary, fc.integer({ min: 1, max: 60 }), (history, timeZone, months, step) => {
        let movements: AvailableMovement[] = history;
        const keys: string[] = [];
        for (let day = 0; day <= 1500; day += step) {
          const now = new Date(Date.UTC(2025, 0, 1 + day));
          const journals = dueBatchExpirations(input({ movements, now, timeZone, rule: { ...rule, months } }));
          keys.push(...journals.map((journal) => journal.key));
          movements = appended(movements, journals);
        }
        expect(new Set(keys).size).toBe(keys.length);
      }),
      { numRuns: 60 },
    );
  });
});
