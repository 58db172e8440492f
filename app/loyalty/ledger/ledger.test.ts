import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { available, movePoints, programIssued, type JournalMeta } from "./journals";
import { balanceDeltas, balancesFromJournals, JOURNAL_KINDS, validateJournal, type Journal, type JournalKind } from "./ledger";

const meta = (kind: JournalKind, key = `k-${kind}`): JournalMeta => ({
  key, kind, customerId: "c1", orderId: null, programVersion: 1, occurredAt: new Date("2026-03-01T00:00:00Z"), actor: "test",
});
const held = { account: "member.held" as const, customerId: "c1" };
const pending = { account: "member.pending" as const, customerId: "c1" };

/** One journal of every kind, moving points the way that kind does. */
const journalOf: Record<JournalKind, (points: number) => Journal> = {
  earn: (p) => movePoints(meta("earn"), programIssued, available("c1"), p),
  reversal: (p) => movePoints(meta("reversal"), available("c1"), programIssued, p),
  bonus: (p) => movePoints(meta("bonus"), programIssued, available("c1"), p),
  adjust: (p) => movePoints(meta("adjust"), { account: "program.adjustments", customerId: null }, available("c1"), p),
  redeem: (p) => movePoints(meta("redeem"), available("c1"), held, p),
  release: (p) => movePoints(meta("release"), held, available("c1"), p),
  expire: (p) => movePoints(meta("expire"), available("c1"), { account: "program.expired", customerId: null }, p),
};

describe("validateJournal: a journal commits only if it balances", () => {
  it.each(JOURNAL_KINDS)("a %s journal built by movePoints balances", (kind) => {
    expect(validateJournal(journalOf[kind](25)).ok).toBe(true);
  });

  const base = journalOf.earn(10);
  it.each([
    ["unbalanced", { ...base, lines: [{ account: "program.issued", customerId: null, points: -10 }, { account: "member.available", customerId: "c1", points: 9 }] }],
    ["not_integer", { ...base, lines: [{ account: "program.issued", customerId: null, points: -1.5 }, { account: "member.available", customerId: "c1", points: 1.5 }] }],
    ["zero_line", { ...base, lines: [{ account: "program.issued", customerId: null, points: 0 }, { account: "member.available", customerId: "c1", points: 0 }] }],
    ["empty", { ...base, lines: [] }],
    ["member_line_without_customer", { ...base, lines: [{ account: "program.issued", customerId: null, points: -1 }, { account: "member.available", customerId: null, points: 1 }] }],
    ["program_line_with_customer", { ...base, lines: [{ account: "program.issued", customerId: "c1", points: -1 }, { account: "member.available", customerId: "c1", points: 1 }] }],
    ["missing_key", { ...base, key: " " }],
  ] as const)("rejects a journal that is %s", (error, journal) => {
    const result = validateJournal(journal as Journal);
    expect(result.ok ? "accepted" : result.error).toBe(error);
  });

  it("refuses to build a move of zero or negative points (a bug)", () => {
    expect(() => movePoints(meta("earn"), programIssued, available("c1"), 0)).toThrow();
    expect(() => movePoints(meta("earn"), programIssued, available("c1"), -3)).toThrow();
  });
});

describe("balances derive from the ledger", () => {
  it.each([
    ["earn", { available: 40, pending: 0, held: 0, lifetime: 40 }],
    ["reversal", { available: -40, pending: 0, held: 0, lifetime: -40 }],
    ["bonus", { available: 40, pending: 0, held: 0, lifetime: 40 }],
    ["adjust", { available: 40, pending: 0, held: 0, lifetime: 40 }],
    ["redeem", { available: -40, pending: 0, held: 40, lifetime: 0 }],
    ["release", { available: 40, pending: 0, held: -40, lifetime: 0 }],
    ["expire", { available: -40, pending: 0, held: 0, lifetime: 0 }],
  ] as const)("a %s of 40 changes the balance by %o", (kind, delta) => {
    expect(balanceDeltas(journalOf[kind](40)).get("c1")).toEqual(delta);
  });

  it("pending points count towards lifetime when earned, not when they vest", () => {
    const earnPending = movePoints(meta("earn", "e"), programIssued, pending, 30);
    const vest = movePoints(meta("release", "v"), pending, available("c1"), 30);
    expect(balancesFromJournals([earnPending, vest]).get("c1")).toEqual({ available: 30, pending: 0, held: 0, lifetime: 30 });
  });

  it("GIVEN any sequence of journals THEN every journal balances, so all accounts together sum to zero", () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom(...JOURNAL_KINDS), fc.integer({ min: 1, max: 10_000 })), { maxLength: 40 }), (entries) => {
        const journals = entries.map(([kind, points]) => journalOf[kind](points));
        const total = journals.flatMap((journal) => journal.lines).reduce((sum, line) => sum + line.points, 0);
        expect(total).toBe(0);
        const balance = balancesFromJournals(journals).get("c1") ?? { available: 0, pending: 0, held: 0, lifetime: 0 };
        const memberLines = journals.flatMap((journal) => journal.lines).filter((line) => line.customerId === "c1");
        expect(balance.available + balance.pending + balance.held).toBe(memberLines.reduce((sum, line) => sum + line.points, 0));
      }),
    );
  });
});
