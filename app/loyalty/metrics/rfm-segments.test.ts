import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { order, period, periodFromChoices, shopFromChoices } from "./metric-fixtures";
import { ratio } from "./ratio";
import { quintileScorer, rfmSegments, segmentAt } from "./rfm-segments";

const january = period("2026-01-01", "2026-01-31");

/**
 * Ten customers c0…c9: c_i has i + 1 orders of 10.00 and last ordered on 21 + i January,
 * so recency (days to 1 February) is 11 − i: c9 is best on all three.
 * With 10 customers, c_i has i customers strictly worse on each dimension: score 1 + ⌊5i / 10⌋ = 1 + ⌊i / 2⌋,
 * so R + F + M = 3, 3, 6, 6, 9, 9, 12, 12, 15, 15. Ties in score go to more net sales: c9 before c8.
 * A = first ⌈20 % × 10⌉ = 2: c9, c8 (190.00). B = up to ⌈50 % × 10⌉ = 5: c7, c6, c5 (210.00). C = c4…c0 (150.00).
 */
function tenCustomers() {
  const orders = [];
  for (let i = 0; i < 10; i += 1) {
    orders.push(order(`c${i}`, `2026-01-${String(21 + i).padStart(2, "0")}`, 1_000));
    for (let extra = 1; extra <= i; extra += 1) orders.push(order(`c${i}`, `2026-01-${String(extra).padStart(2, "0")}`, 1_000));
  }
  return orders;
}

describe("RFM segments A/B/C", () => {
  const result = rfmSegments(tenCustomers(), january, { timeZone: "UTC" });

  it("GIVEN ten customers better in step on every dimension THEN scores are 1 + ⌊i/2⌋ each and the ranking runs c9 … c0", () => {
    expect(result.customers.map((c) => c.customerId)).toEqual(["c9", "c8", "c7", "c6", "c5", "c4", "c3", "c2", "c1", "c0"]);
    expect(result.customers.map((c) => c.score)).toEqual([15, 15, 12, 12, 9, 9, 6, 6, 3, 3]);
    expect(result.customers[0]).toMatchObject({ recencyDays: 2, orders: 10, netSalesMinor: 10_000, recencyScore: 5, frequencyScore: 5, monetaryScore: 5, rank: 1 });
  });

  it("GIVEN the ranking THEN A is the top 2 (20 %), B the next 3 (30 %), C the last 5 (50 %), with their revenue", () => {
    expect(result.customers.map((c) => c.segment).join("")).toBe("AABBBCCCCC");
    expect(result.segments).toEqual({
      A: { customers: 2, netSalesMinor: 19_000, revenueShare: ratio(19_000, 55_000) },
      B: { customers: 3, netSalesMinor: 21_000, revenueShare: ratio(21_000, 55_000) },
      C: { customers: 5, netSalesMinor: 15_000, revenueShare: ratio(15_000, 55_000) },
    });
  });

  it("GIVEN three identical customers THEN they score the same and the tie is broken by customer id: x → A, y → B, z → C", () => {
    const shop = ["z", "y", "x"].map((id) => order(id, "2026-01-10", 500));
    const tied = rfmSegments(shop, january, { timeZone: "UTC" });
    expect(tied.customers.map((c) => [c.customerId, c.score, c.segment])).toEqual([
      ["x", 3, "A"],
      ["y", 3, "B"],
      ["z", 3, "C"],
    ]);
  });

  it("GIVEN orders after the period end, guests and cancelled orders THEN they play no part", () => {
    const shop = [order("a", "2026-01-10", 500), order("a", "2026-02-10", 90_000), order(null, "2026-01-10", 90_000), order("b", "2026-01-11", 90_000, { cancelled: true })];
    const ranked = rfmSegments(shop, january, { timeZone: "UTC" });
    expect(ranked.customers.map((c) => [c.customerId, c.orders, c.netSalesMinor, c.recencyDays])).toEqual([["a", 1, 500, 22]]);
  });

  it("GIVEN recency in shop-local days THEN an order at 23:30 UTC on 31 January is 1 day before the 1 February end in UTC, and already after the period in Tehran", () => {
    const late = [order("a", "2026-01-31T23:30:00Z", 500)];
    expect(rfmSegments(late, january, { timeZone: "UTC" }).customers[0]?.recencyDays).toBe(1);
    const tehranJanuary = period("2026-01-01", "2026-01-31", "Asia/Tehran");
    expect(rfmSegments(late, tehranJanuary, { timeZone: "Asia/Tehran" }).customers).toEqual([]);
  });

  it("GIVEN no customers THEN the segments are empty and their shares not defined", () => {
    const empty = rfmSegments([], january, { timeZone: "UTC" });
    expect(empty.customers).toEqual([]);
    expect(empty.segments.A).toEqual({ customers: 0, netSalesMinor: 0, revenueShare: ratio(0, 0) });
  });

  it("GIVEN values 10, 20, 20, 30 THEN quintile scores are 1, 2, 2, 4 (equal values, equal scores)", () => {
    const score = quintileScorer([10, 20, 20, 30]);
    expect([10, 20, 20, 30].map(score)).toEqual([1, 2, 2, 4]);
  });

  it("GIVEN rankings of 1, 3 and 7 customers THEN segment sizes are 1/0/0, 1/1/1 and 2/2/3", () => {
    const sizes = (n: number) => ["A", "B", "C"].map((s) => Array.from({ length: n }, (_, i) => segmentAt(i, n)).filter((x) => x === s).length);
    expect(sizes(1)).toEqual([1, 0, 0]);
    expect(sizes(3)).toEqual([1, 1, 1]);
    expect(sizes(7)).toEqual([2, 2, 3]);
  });

  it("PROPERTY: segments have the documented sizes, ranks are 1…n, A never scores below C, and order of input does not matter", () => {
    fc.assert(
      fc.property(fc.array(fc.nat({ max: 1_000_000 }), { maxLength: 150, size: "max" }), fc.nat({ max: 729 }), fc.integer({ min: 1, max: 400 }), (choices, offset, length) => {
        const { orders } = shopFromChoices(choices);
        const chosen = periodFromChoices(offset, length, "UTC");
        const ranked = rfmSegments(orders, chosen, { timeZone: "UTC" });
        const n = ranked.customers.length;
        expect(ranked.segments.A.customers).toBe(Math.ceil(n * 0.2));
        expect(ranked.segments.A.customers + ranked.segments.B.customers).toBe(Math.ceil(n * 0.5));
        expect(ranked.customers.map((c) => c.rank)).toEqual(Array.from({ length: n }, (_, i) => i + 1));
        const a = ranked.customers.filter((c) => c.segment === "A").map((c) => c.score);
        const c = ranked.customers.filter((x) => x.segment === "C").map((x) => x.score);
        if (a.length && c.length) expect(Math.min(...a)).toBeGreaterThanOrEqual(Math.max(...c));
        expect(rfmSegments([...orders].reverse(), chosen, { timeZone: "UTC" })).toEqual(ranked);
      }),
    );
  });
});
