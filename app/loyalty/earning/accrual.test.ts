import { describe, expect, it } from "vitest";
import { validateJournal } from "../ledger/ledger";
import { accrualKey, reconcileOrderAccrual, type ReconcileInput } from "./accrual";

const input = (overrides: Partial<ReconcileInput>): ReconcileInput => ({
  orderId: "gid://shopify/Order/1",
  current: new Map(),
  journalCount: 0,
  target: { customerId: "a", points: 0, programVersion: 1 },
  occurredAt: new Date("2026-03-01T00:00:00Z"),
  actor: "webhook:orders/paid",
  ...overrides,
});
const summary = (journals: ReturnType<typeof reconcileOrderAccrual>) =>
  journals.map((journal) => ({ key: journal.key, kind: journal.kind, customer: journal.customerId, points: journal.lines.find((line) => line.customerId)?.points }));

describe("reconcileOrderAccrual writes only the difference", () => {
  it("GIVEN nothing accrued and 120 deserved THEN one earn of 120", () => {
    expect(summary(reconcileOrderAccrual(input({ target: { customerId: "a", points: 120, programVersion: 1 } })))).toEqual([
      { key: accrualKey("gid://shopify/Order/1", 0), kind: "earn", customer: "a", points: 120 },
    ]);
  });

  it("GIVEN 120 accrued and 70 deserved THEN one reversal of 50, keyed after the existing journal", () => {
    expect(summary(reconcileOrderAccrual(input({ current: new Map([["a", 120]]), journalCount: 1, target: { customerId: "a", points: 70, programVersion: 1 } })))).toEqual([
      { key: "order:gid://shopify/Order/1:accrual:1", kind: "reversal", customer: "a", points: -50 },
    ]);
  });

  it("GIVEN what is accrued is what is deserved THEN nothing is written (replays are no-ops)", () => {
    expect(reconcileOrderAccrual(input({ current: new Map([["a", 70]]), journalCount: 2, target: { customerId: "a", points: 70, programVersion: 1 } }))).toEqual([]);
  });

  it("GIVEN the order moved to another customer THEN the first loses its points and the second earns them", () => {
    const journals = reconcileOrderAccrual(input({ current: new Map([["a", 70]]), journalCount: 1, target: { customerId: "b", points: 70, programVersion: 1 } }));
    expect(summary(journals)).toEqual([
      { key: "order:gid://shopify/Order/1:accrual:1", kind: "reversal", customer: "a", points: -70 },
      { key: "order:gid://shopify/Order/1:accrual:2", kind: "earn", customer: "b", points: 70 },
    ]);
    expect(journals.every((journal) => validateJournal(journal).ok)).toBe(true);
  });

  it("GIVEN the order became a guest order THEN every accrued point is reversed", () => {
    expect(summary(reconcileOrderAccrual(input({ current: new Map([["a", 5]]), journalCount: 1, target: { customerId: null, points: 0, programVersion: null } })))).toEqual([
      { key: "order:gid://shopify/Order/1:accrual:1", kind: "reversal", customer: "a", points: -5 },
    ]);
  });

  it("refuses a negative or fractional target (a bug)", () => {
    expect(() => reconcileOrderAccrual(input({ target: { customerId: "a", points: -1, programVersion: 1 } }))).toThrow();
    expect(() => reconcileOrderAccrual(input({ target: { customerId: "a", points: 1.5, programVersion: 1 } }))).toThrow();
  });
});
