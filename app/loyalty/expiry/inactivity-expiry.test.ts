import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { available, movePoints, programIssued, type Endpoint } from "../ledger/journals";
import { validateJournal, type Journal, type JournalKind } from "../ledger/ledger";
import type { ExpiryRule } from "../program/rules-schema";
import { programExpired } from "./expire-journal";
import {
  dueInactivityExpiration,
  inactivityExpiresAt,
  isActivity,
  lastActivityAt,
  type InactivityExpiryInput,
} from "./inactivity-expiry";

const customer = "gid://shopify/Customer/9";
const rule: ExpiryRule = { policy: "inactivity", months: 6, reminderDaysBefore: [] };
const held: Endpoint = { account: "member.held", customerId: customer };
const pending: Endpoint = { account: "member.pending", customerId: customer };
const adjustments: Endpoint = { account: "program.adjustments", customerId: null };

const journal = (kind: JournalKind, at: string, from: Endpoint, to: Endpoint, points = 10): Journal =>
  movePoints({ key: `${kind}:${at}`, kind, customerId: customer, orderId: null, programVersion: 1, occurredAt: new Date(at), actor: "test" }, from, to, points);
const input = (overrides: Partial<InactivityExpiryInput>): InactivityExpiryInput => ({
  customerKey: customer,
  lastActivityAt: new Date("2025-01-10T15:00:00Z"),
  availableBalance: 250,
  rule,
  now: new Date("2025-07-10T00:00:00Z"),
  timeZone: "UTC",
  programVersion: 2,
  actor: "system:expiry",
  ...overrides,
});

describe("what counts as activity", () => {
  const at = "2025-01-10T12:00:00Z";
  it.each<[string, Journal, boolean]>([
    ["an order earning points", journal("earn", at, programIssued, available(customer)), true],
    ["an order earning pending points", journal("earn", at, programIssued, pending), true],
    ["a bonus", journal("bonus", at, programIssued, available(customer)), true],
    ["a redemption", journal("redeem", at, available(customer), held), true],
    ["a held redemption being used", journal("redeem", at, held, { account: "program.redeemed", customerId: null }), true],
    ["a staff adjustment giving points", journal("adjust", at, adjustments, available(customer)), true],
    ["a staff adjustment taking points", journal("adjust", at, available(customer), adjustments), false],
    ["a refund reversing points", journal("reversal", at, available(customer), programIssued), false],
    ["pending points vesting", journal("release", at, pending, available(customer)), false],
    ["a cancelled redemption returning points", journal("release", at, held, available(customer)), false],
    ["an expiry", journal("expire", at, available(customer), programExpired), false],
    ["another member's earning", journal("earn", at, programIssued, available("gid://shopify/Customer/1")), false],
  ])("GIVEN %s THEN activity is %s", (_name, entry, expected) => {
    expect(isActivity(entry, customer)).toBe(expected);
  });

  it("GIVEN a member's journals THEN the last activity is the latest activity, whatever the ledger order", () => {
    const journals = [
      journal("earn", "2025-03-01T12:00:00Z", programIssued, available(customer)),
      journal("redeem", "2025-05-01T12:00:00Z", available(customer), held),
      journal("earn", "2025-04-01T12:00:00Z", programIssued, available(customer)),
      journal("reversal", "2025-06-01T12:00:00Z", available(customer), programIssued),
      journal("expire", "2025-07-01T12:00:00Z", available(customer), programExpired),
    ];
    expect(lastActivityAt(journals, customer)).toEqual(new Date("2025-05-01T12:00:00Z"));
    expect(lastActivityAt(journals.slice(3), customer)).toBeNull();
    expect(lastActivityAt([], customer)).toBeNull();
  });
});

describe("dueInactivityExpiration", () => {
  it.each<[string, Partial<InactivityExpiryInput>, number | null]>([
    ["the day before the dormant period ends", { now: new Date("2025-07-09T23:59:59Z") }, null],
    ["the first instant of the day it ends", { now: new Date("2025-07-10T00:00:00Z") }, 250],
    ["months after it ended (the job was down)", { now: new Date("2026-03-01T00:00:00Z") }, 250],
    ["no balance", { availableBalance: 0 }, null],
    ["a negative balance", { availableBalance: -20 }, null],
    ["no activity ever", { lastActivityAt: null }, null],
    ["the policy is never", { rule: { ...rule, policy: "never" } }, null],
    ["the policy is per batch", { rule: { ...rule, policy: "per_batch" } }, null],
    ["last activity on 31 August, 6 months (to 28 February)", { lastActivityAt: new Date("2025-08-31T10:00:00Z"), now: new Date("2026-02-28T00:00:00Z") }, 250],
    ["last activity on 31 August, the day before 28 February", { lastActivityAt: new Date("2025-08-31T10:00:00Z"), now: new Date("2026-02-27T23:59:59Z") }, null],
  ])("GIVEN %s THEN %s points expire", (_name, overrides, expected) => {
    const result = dueInactivityExpiration(input(overrides));
    expect(result?.lines.find((line) => line.account === "program.expired")?.points ?? null).toBe(expected);
  });

  it("GIVEN the period ended THEN the whole balance expires in one valid journal keyed by the last activity's day", () => {
    const now = new Date("2025-07-10T03:00:00Z");
    const result = dueInactivityExpiration(input({ now }));
    expect(result && validateJournal(result).ok).toBe(true);
    expect(result).toMatchObject({
      key: `customer:${customer}:expire:inactive:2025-01-10`,
      kind: "expire",
      customerId: customer,
      occurredAt: now,
      programVersion: 2,
      memo: "Points expired: no activity since 2025-01-10, 6 months",
      lines: [
        { account: "member.available", customerId: customer, points: -250 },
        { account: "program.expired", customerId: null, points: 250 },
      ],
    });
  });

  it("GIVEN new activity before the period ended THEN nothing expires, and the next expiry has a new key", () => {
    const renewed = input({ lastActivityAt: new Date("2025-07-01T12:00:00Z") });
    expect(dueInactivityExpiration(renewed)).toBeNull();
    const later = dueInactivityExpiration({ ...renewed, now: new Date("2026-01-01T00:00:00Z") });
    expect(later?.key).toBe(`customer:${customer}:expire:inactive:2025-07-01`);
  });

  it("GIVEN a shop in Tokyo THEN the period is counted from the shop's day of the last activity", () => {
    // 20:00 UTC on 31 January is 05:00 on 1 February in Tokyo.
    const tokyo = input({ lastActivityAt: new Date("2025-01-31T20:00:00Z"), timeZone: "Asia/Tokyo" });
    expect(inactivityExpiresAt(new Date("2025-01-31T20:00:00Z"), 6, "Asia/Tokyo").toISOString()).toBe("2025-07-31T15:00:00.000Z");
    expect(dueInactivityExpiration({ ...tokyo, now: new Date("2025-07-31T14:59:59Z") })).toBeNull();
    expect(dueInactivityExpiration({ ...tokyo, now: new Date("2025-07-31T15:00:00Z") })?.key).toBe(`customer:${customer}:expire:inactive:2025-02-01`);
  });

  it("PROPERTY: an expiry takes exactly the positive balance, and after it is applied nothing more is due", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 800 }),
        fc.integer({ min: 0, max: 1200 }),
        fc.integer({ min: -500, max: 100_000 }),
        fc.integer({ min: 1, max: 60 }),
        fc.constantFrom("UTC", "America/Santiago", "Asia/Kolkata"),
        (activityDay, nowDay, balance, months, timeZone) => {
          const base = input({
            lastActivityAt: new Date(Date.UTC(2025, 0, 1 + activityDay, 9)),
            now: new Date(Date.UTC(2025, 0, 1 + nowDay, 9)),
            availableBalance: balance,
            rule: { ...rule, months },
            timeZone,
          });
          const result = dueInactivityExpiration(base);
          if (!result) return;
          expect(validateJournal(result).ok).toBe(true);
          expect(result.lines[1]?.points).toBe(balance);
          expect(dueInactivityExpiration({ ...base, availableBalance: balance + (result.lines[0]?.points ?? 0) })).toBeNull();
        },
      ),
      { numRuns: 300 },
    );
  });
});
