import { describe, expect, it } from "vitest";
import { validateJournal } from "../ledger/ledger";
import { accrualKey, orderMaturity, reconcileOrderAccrual, type AccrualHolding, type ReconcileInput } from "./accrual";

const NOW = new Date("2026-03-10T00:00:00Z");
const holding = (available: number, pendingPoints = 0): AccrualHolding => ({ pending: pendingPoints, available });
const input = (overrides: Partial<ReconcileInput>): ReconcileInput => ({
  orderId: "gid://shopify/Order/1",
  current: new Map(),
  journalCount: 0,
  target: { customerId: "a", points: 0, maturesAt: null, programVersion: 1 },
  now: NOW,
  occurredAt: NOW,
  actor: "webhook:orders/paid",
  ...overrides,
});
const target = (customerId: string | null, points: number, maturesAt: Date | null = null) => ({ customerId, points, maturesAt, programVersion: 1 });
const summary = (journals: ReturnType<typeof reconcileOrderAccrual>) =>
  journals.map((journal) => ({
    key: journal.key,
    kind: journal.kind,
    customer: journal.customerId,
    moves: journal.lines.filter((line) => line.customerId).map((line) => `${line.account} ${line.points}`).join(", "),
  }));

describe("reconcileOrderAccrual writes only the difference", () => {
  it("GIVEN nothing accrued and 120 deserved THEN one earn of 120", () => {
    expect(summary(reconcileOrderAccrual(input({ target: target("a", 120) })))).toEqual([
      { key: accrualKey("gid://shopify/Order/1", 0), kind: "earn", customer: "a", moves: "member.available 120" },
    ]);
  });

  it("GIVEN 120 accrued and 70 deserved THEN one reversal of 50, keyed after the existing journal", () => {
    expect(summary(reconcileOrderAccrual(input({ current: new Map([["a", holding(120)]]), journalCount: 1, target: target("a", 70) })))).toEqual([
      { key: "order:gid://shopify/Order/1:accrual:1", kind: "reversal", customer: "a", moves: "member.available -50" },
    ]);
  });

  it("GIVEN what is accrued is what is deserved THEN nothing is written (replays are no-ops)", () => {
    expect(reconcileOrderAccrual(input({ current: new Map([["a", holding(70)]]), journalCount: 2, target: target("a", 70) }))).toEqual([]);
  });

  it("GIVEN the order moved to another customer THEN the first loses its points and the second earns them", () => {
    const journals = reconcileOrderAccrual(input({ current: new Map([["a", holding(70)]]), journalCount: 1, target: target("b", 70) }));
    expect(summary(journals)).toEqual([
      { key: "order:gid://shopify/Order/1:accrual:1", kind: "reversal", customer: "a", moves: "member.available -70" },
      { key: "order:gid://shopify/Order/1:accrual:2", kind: "earn", customer: "b", moves: "member.available 70" },
    ]);
    expect(journals.every((journal) => validateJournal(journal).ok)).toBe(true);
  });

  it("GIVEN the order became a guest order THEN every accrued point is reversed", () => {
    expect(summary(reconcileOrderAccrual(input({ current: new Map([["a", holding(5)]]), journalCount: 1, target: target(null, 0) })))).toEqual([
      { key: "order:gid://shopify/Order/1:accrual:1", kind: "reversal", customer: "a", moves: "member.available -5" },
    ]);
  });

  it("refuses a negative or fractional target (a bug)", () => {
    expect(() => reconcileOrderAccrual(input({ target: target("a", -1) }))).toThrow();
    expect(() => reconcileOrderAccrual(input({ target: target("a", 1.5) }))).toThrow();
  });
});

describe("pending points (a return window before points become available)", () => {
  const later = new Date("2026-03-20T00:00:00Z");

  it("GIVEN the order matures in the future THEN its points are earned into pending", () => {
    expect(summary(reconcileOrderAccrual(input({ target: target("a", 80, later) })))).toEqual([
      { key: "order:gid://shopify/Order/1:accrual:0", kind: "earn", customer: "a", moves: "member.pending 80" },
    ]);
  });

  it("GIVEN 80 pending and maturity has passed THEN one release moves them to available", () => {
    const journals = reconcileOrderAccrual(input({ current: new Map([["a", holding(0, 80)]]), journalCount: 1, target: target("a", 80, NOW) }));
    expect(summary(journals)).toEqual([
      { key: "order:gid://shopify/Order/1:accrual:1", kind: "release", customer: "a", moves: "member.pending -80, member.available 80" },
    ]);
  });

  it("GIVEN 80 pending, a partial refund to 30 and maturity passed THEN 30 are released and 50 reversed from pending", () => {
    const journals = reconcileOrderAccrual(input({ current: new Map([["a", holding(0, 80)]]), journalCount: 1, target: target("a", 30, NOW) }));
    expect(summary(journals)).toEqual([
      { key: "order:gid://shopify/Order/1:accrual:1", kind: "release", customer: "a", moves: "member.pending -30, member.available 30" },
      { key: "order:gid://shopify/Order/1:accrual:2", kind: "reversal", customer: "a", moves: "member.pending -50" },
    ]);
  });

  it("GIVEN a refund during the pending period THEN the reversal comes out of pending", () => {
    expect(summary(reconcileOrderAccrual(input({ current: new Map([["a", holding(0, 80)]]), journalCount: 1, target: target("a", 20, later) })))).toEqual([
      { key: "order:gid://shopify/Order/1:accrual:1", kind: "reversal", customer: "a", moves: "member.pending -60" },
    ]);
  });

  it("puts maturity `days` after payment, and nowhere when the rule is off or the order unpaid", () => {
    const paidAt = new Date("2026-03-01T09:30:00Z");
    expect(orderMaturity(paidAt, { enabled: true, days: 14 })?.toISOString()).toBe("2026-03-15T09:30:00.000Z");
    expect(orderMaturity(paidAt, { enabled: false, days: 14 })).toBeNull();
    expect(orderMaturity(null, { enabled: true, days: 14 })).toBeNull();
  });
});
