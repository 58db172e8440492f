import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { available, movePoints, programIssued } from "../ledger/journals";
import type { JournalKind } from "../ledger/ledger";
import { batchExpiryKey } from "./expiry-keys";
import { availableBalanceOf, availableMovementOf, pointLots, type AvailableMovement } from "./point-batches";

const customer = "gid://shopify/Customer/9";
const on = (day: string) => new Date(`${day}T12:00:00Z`);
const move = (journalKey: string, kind: JournalKind, day: string, points: number, extra: Partial<AvailableMovement> = {}): AvailableMovement => ({
  journalKey, kind, occurredAt: on(day), points, ...extra,
});
/** Lots as [key, earned day, remaining] for readable expectations. */
const lotsOf = (movements: readonly AvailableMovement[]) =>
  pointLots(movements, customer).lots.map((lot) => [lot.journalKey, lot.earnedAt.toISOString().slice(0, 10), lot.remaining]);

describe("FIFO lots of available points", () => {
  it.each<[string, AvailableMovement[], (string | number)[][], number]>([
    ["two earnings and nothing spent", [move("e1", "earn", "2025-01-10", 100), move("e2", "earn", "2025-02-10", 50)],
      [["e1", "2025-01-10", 100], ["e2", "2025-02-10", 50]], 0],
    ["a redemption larger than the oldest lot", [move("e1", "earn", "2025-01-10", 100), move("e2", "earn", "2025-02-10", 100), move("r1", "redeem", "2025-03-01", -150)],
      [["e2", "2025-02-10", 50]], 0],
    ["a redemption of exactly the oldest lot", [move("e1", "earn", "2025-01-10", 100), move("e2", "earn", "2025-02-10", 100), move("r1", "redeem", "2025-03-01", -100)],
      [["e2", "2025-02-10", 100]], 0],
    ["a bonus, a positive adjust and a vesting release each open a lot", [move("b1", "bonus", "2025-01-01", 10), move("a1", "adjust", "2025-01-02", 20), move("v1", "release", "2025-01-03", 30)],
      [["b1", "2025-01-01", 10], ["a1", "2025-01-02", 20], ["v1", "2025-01-03", 30]], 0],
    ["a negative adjust spends the oldest points", [move("e1", "earn", "2025-01-10", 100), move("e2", "earn", "2025-02-10", 100), move("a1", "adjust", "2025-03-01", -30)],
      [["e1", "2025-01-10", 70], ["e2", "2025-02-10", 100]], 0],
    ["a refund of the recent order takes that order's points, not the oldest",
      [move("e1", "earn", "2025-01-10", 100, { orderId: "A" }), move("e2", "earn", "2025-06-10", 100, { orderId: "B" }), move("x1", "reversal", "2025-07-01", -100, { orderId: "B" })],
      [["e1", "2025-01-10", 100]], 0],
    ["a refund larger than what is left of its order takes the rest oldest first",
      [move("e1", "earn", "2025-01-10", 100, { orderId: "A" }), move("e2", "earn", "2025-06-10", 100, { orderId: "B" }), move("r1", "redeem", "2025-06-20", -150),
        move("e3", "earn", "2025-07-05", 100, { orderId: "C" }), move("x1", "reversal", "2025-07-10", -80, { orderId: "B" })],
      [["e3", "2025-07-05", 70]], 0],
    ["a reversal without an order draws oldest first",
      [move("e1", "earn", "2025-01-10", 100, { orderId: "A" }), move("e2", "earn", "2025-06-10", 100, { orderId: "B" }), move("x1", "reversal", "2025-07-01", -40)],
      [["e1", "2025-01-10", 60], ["e2", "2025-06-10", 100]], 0],
    ["a refund after the points were spent leaves a deficit",
      [move("e1", "earn", "2025-01-10", 100, { orderId: "A" }), move("r1", "redeem", "2025-02-01", -100), move("x1", "reversal", "2025-03-01", -30, { orderId: "A" })],
      [], 30],
    ["a later earning pays the deficit off first",
      [move("e1", "earn", "2025-01-10", 100), move("r1", "redeem", "2025-02-01", -100), move("x1", "reversal", "2025-03-01", -30), move("e2", "earn", "2025-04-01", 50)],
      [["e2", "2025-04-01", 20]], 0],
    ["an earning smaller than the deficit only reduces it",
      [move("x1", "reversal", "2025-03-01", -30), move("e2", "earn", "2025-04-01", 10)],
      [], 20],
    ["an earning dated earlier but written later is spent first (oldest by date)",
      [move("e2", "earn", "2025-06-10", 100), move("imp", "adjust", "2025-01-01", 100), move("r1", "redeem", "2025-07-01", -50)],
      [["imp", "2025-01-01", 50], ["e2", "2025-06-10", 100]], 0],
    ["earnings of the same instant are spent in ledger order",
      [move("e2", "earn", "2025-01-10", 10), move("e1", "earn", "2025-01-10", 10), move("r1", "redeem", "2025-02-01", -15)],
      [["e1", "2025-01-10", 5]], 0],
    ["a movement of zero changes nothing", [move("e1", "earn", "2025-01-10", 100), move("z", "adjust", "2025-01-11", 0)],
      [["e1", "2025-01-10", 100]], 0],
  ])("GIVEN %s THEN the lots are as expected", (_name, movements, lots, deficit) => {
    expect(lotsOf(movements)).toEqual(lots);
    expect(pointLots(movements, customer).deficit).toBe(deficit);
  });

  it("GIVEN a batch expiry journal for the newer lot THEN it removes that lot, not the oldest", () => {
    const movements = [
      move("e1", "earn", "2025-01-10", 100),
      move("e2", "earn", "2025-02-10", 60),
      move(batchExpiryKey(customer, "e2"), "expire", "2026-02-10", -60),
    ];
    expect(lotsOf(movements)).toEqual([["e1", "2025-01-10", 100]]);
  });

  it("GIVEN another member's batch expiry key or an inactivity expiry THEN it draws oldest first", () => {
    const movements = [
      move("e1", "earn", "2025-01-10", 100),
      move("e2", "earn", "2025-02-10", 60),
      move(batchExpiryKey("gid://shopify/Customer/1", "e2"), "expire", "2026-02-10", -60),
    ];
    expect(lotsOf(movements)).toEqual([["e1", "2025-01-10", 40], ["e2", "2025-02-10", 60]]);
  });

  it("GIVEN a batch expiry larger than its lot (a redemption raced it) THEN the rest comes from the oldest lots", () => {
    const movements = [
      move("e1", "earn", "2025-01-10", 100),
      move("e2", "earn", "2025-02-10", 60),
      move("r1", "redeem", "2025-03-01", -110),
      move(batchExpiryKey(customer, "e2"), "expire", "2026-02-10", -60),
    ];
    // e1 was spent; e2 had 50 left: the expiry takes them and owes 10 more.
    expect(pointLots(movements, customer)).toEqual({ lots: [], deficit: 10 });
  });

  it.each<[string, Partial<AvailableMovement>, string]>([
    ["a cancelled redemption gives back the age of the points it held", { restores: "r1" }, "2025-01-10"],
    ["a release that names no debit opens a fresh lot", {}, "2025-09-01"],
    ["a release naming an unknown debit opens a fresh lot", { restores: "nope" }, "2025-09-01"],
  ])("GIVEN %s", (_name, link, earnedDay) => {
    const movements = [
      move("e1", "earn", "2025-01-10", 100),
      move("r1", "redeem", "2025-03-01", -100),
      move("l1", "release", "2025-09-01", 100, link),
    ];
    expect(lotsOf(movements)).toEqual([["l1", earnedDay, 100]]);
  });

  it("GIVEN a redemption drawn from two lots is cancelled THEN the returned lot takes the newer date (never younger than what was held)", () => {
    const movements = [
      move("e1", "earn", "2025-01-10", 100),
      move("e2", "earn", "2025-06-10", 100),
      move("r1", "redeem", "2025-07-01", -150),
      move("l1", "release", "2025-08-01", 150, { restores: "r1" }),
      move("r2", "redeem", "2025-08-02", -60),
    ];
    // The restored lot sits after e2 (same date, later in the ledger), so r2 spends e2 first.
    expect(lotsOf(movements)).toEqual([["l1", "2025-06-10", 140]]);
  });

  it("GIVEN a part of an already-expired lot comes back THEN it is a new lot that can still expire", () => {
    const movements = [
      move("e1", "earn", "2025-01-10", 100),
      move("r1", "redeem", "2025-06-01", -40),
      move(batchExpiryKey(customer, "e1"), "expire", "2026-01-10", -60),
      move("l1", "release", "2026-02-01", 40, { restores: "r1" }),
    ];
    expect(lotsOf(movements)).toEqual([["l1", "2025-01-10", 40]]);
  });

  it("refuses a fractional movement (a bug)", () => {
    expect(() => pointLots([move("e1", "earn", "2025-01-10", 1.5)], customer)).toThrow();
  });

  it("GIVEN ledger journals THEN each becomes the member's net movement on available points", () => {
    const meta = { key: "k1", kind: "earn" as const, customerId: customer, orderId: "A", programVersion: 1, occurredAt: on("2025-01-10"), actor: "test" };
    expect(availableMovementOf(movePoints(meta, programIssued, available(customer), 70), customer)).toEqual({
      journalKey: "k1", kind: "earn", occurredAt: on("2025-01-10"), points: 70, orderId: "A",
    });
    expect(availableMovementOf(movePoints(meta, programIssued, available("someone else"), 70), customer)).toBeNull();
    const toPending = movePoints(meta, programIssued, { account: "member.pending", customerId: customer }, 70);
    expect(availableMovementOf(toPending, customer)).toBeNull();
  });
});

const KINDS_BY_SIGN: Record<"credit" | "debit", JournalKind[]> = {
  credit: ["earn", "bonus", "release", "adjust"],
  debit: ["redeem", "reversal", "expire", "adjust"],
};

/** Any ledger history: credits and debits of every kind, refunds of orders, give-backs and batch expiries naming earlier journals. */
const historyArbitrary = fc
  .array(
    fc.record({
      sign: fc.constantFrom("credit" as const, "debit" as const),
      kindIndex: fc.nat(3),
      points: fc.integer({ min: 1, max: 500 }),
      day: fc.integer({ min: 0, max: 900 }),
      order: fc.option(fc.constantFrom("A", "B", "C"), { nil: null }),
      refersTo: fc.option(fc.nat(40), { nil: null }),
    }),
    { maxLength: 40 },
  )
  .map((entries) =>
    entries.map((entry, index): AvailableMovement => {
      const kind = KINDS_BY_SIGN[entry.sign][entry.kindIndex] ?? "earn";
      const earlier = entry.refersTo !== null && entry.refersTo < index ? `j${entry.refersTo}` : null;
      const key = kind === "expire" && earlier ? batchExpiryKey(customer, earlier) : `j${index}`;
      return {
        journalKey: key,
        kind,
        occurredAt: new Date(Date.UTC(2025, 0, 1 + entry.day, 12)),
        points: entry.sign === "credit" ? entry.points : -entry.points,
        orderId: entry.order,
        restores: entry.sign === "credit" ? earlier : null,
      };
    }),
  );

describe("PROPERTIES of FIFO lots", () => {
  it("GIVEN any history THEN the lots hold max(0, balance) and the deficit is max(0, −balance)", () => {
    fc.assert(
      fc.property(historyArbitrary, (movements) => {
        const { lots, deficit } = pointLots(movements, customer);
        const balance = availableBalanceOf(movements);
        expect(lots.reduce((sum, lot) => sum + lot.remaining, 0)).toBe(Math.max(0, balance));
        expect(deficit).toBe(Math.max(0, -balance));
        expect(lots.every((lot) => Number.isSafeInteger(lot.remaining) && lot.remaining > 0)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it("GIVEN any history THEN lots are oldest first, and no lot is younger or larger than the credit that opened it", () => {
    fc.assert(
      fc.property(historyArbitrary, (movements) => {
        const { lots } = pointLots(movements, customer);
        const credits = new Map(movements.filter((m) => m.points > 0).map((m) => [m.journalKey, m]));
        lots.forEach((lot, index) => {
          const previous = lots[index - 1];
          if (previous) expect(previous.earnedAt.getTime()).toBeLessThanOrEqual(lot.earnedAt.getTime());
          const opened = credits.get(lot.journalKey);
          expect(opened).toBeDefined();
          if (!opened) return;
          expect(lot.remaining).toBeLessThanOrEqual(opened.points);
          expect(lot.earnedAt.getTime()).toBeLessThanOrEqual(opened.occurredAt.getTime());
        });
      }),
      { numRuns: 300 },
    );
  });
});
