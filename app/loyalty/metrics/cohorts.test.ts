import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { monthIndex, monthKey, monthlyCohorts } from "./cohorts";
import { order, period, periodFromChoices, shopFromChoices, TIME_ZONES } from "./metric-fixtures";
import { basisPoints, isDefined, ONE, ratio } from "./ratio";

/**
 * First quarter 2026, UTC:
 * - A: first order 10 Jan, again 5 Feb and 3 Mar → January cohort, months 0, 1, 2.
 * - B: first order 20 Jan, again 25 Mar → January cohort, months 0 and 2.
 * - C: first order 14 Feb, again 20 Feb → February cohort, month 0 only.
 * - D: first order in December 2025 → in no cohort of the quarter (its January order is not a first).
 * - E: first order 31 Mar 23:59 → March cohort.
 * January: 2 customers; month 1: 1/2 = 50 %; month 2: 2/2 = 100 %. February: 1; month 1: 0/1. March: 1.
 */
const quarter = period("2026-01-01", "2026-03-31");
const shop = [
  order("A", "2026-01-10", 100),
  order("A", "2026-02-05", 100),
  order("A", "2026-03-03", 100),
  order("B", "2026-01-20", 100),
  order("B", "2026-03-25", 100),
  order("C", "2026-02-14", 100),
  order("C", "2026-02-20", 100),
  order("D", "2025-12-15", 100),
  order("D", "2026-01-15", 100),
  order("E", "2026-03-31T23:59:00Z", 100),
  order(null, "2026-01-11", 100),
];

describe("monthly cohort retention", () => {
  it("GIVEN the first-quarter shop THEN each cohort's later months are counted from its first orders", () => {
    const rows = monthlyCohorts(shop, quarter, { timeZone: "UTC" });
    expect(rows.map((row) => [row.cohort, row.size])).toEqual([
      ["2026-01", 2],
      ["2026-02", 1],
      ["2026-03", 1],
    ]);
    const [january, february, march] = rows;
    expect(january?.cells.map((cell) => [cell.month, cell.monthsAfter, cell.customers, basisPoints(cell.rate)])).toEqual([
      ["2026-01", 0, 2, 10_000],
      ["2026-02", 1, 1, 5_000],
      ["2026-03", 2, 2, 10_000],
    ]);
    expect(february?.cells.map((cell) => cell.rate)).toEqual([ratio(1, 1), ratio(0, 1)]);
    expect(march?.cells).toEqual([{ monthsAfter: 0, month: "2026-03", customers: 1, rate: ratio(1, 1), partial: false }]);
  });

  it("GIVEN a period ending mid-March THEN March is partial and orders after the end do not count", () => {
    const rows = monthlyCohorts(shop, period("2026-01-01", "2026-03-15"), { timeZone: "UTC" });
    const january = rows[0];
    // B's 25 March order is after the period: only A (3 March) is active in month 2.
    expect(january?.cells[2]).toEqual({ monthsAfter: 2, month: "2026-03", customers: 1, rate: ratio(1, 2), partial: true });
    expect(january?.cells[1]?.partial).toBe(false);
    expect(rows[2]).toMatchObject({ cohort: "2026-03", size: 0 });
    expect(isDefined(rows[2]?.cells[0]?.rate ?? ONE)).toBe(false);
  });

  it("GIVEN an order at 22:00 UTC on 31 January THEN a Tehran shop files it under February, a UTC shop under January", () => {
    const late = [order("X", "2026-01-31T22:00:00Z", 100)];
    const tehran = monthlyCohorts(late, period("2026-01-01", "2026-02-28", "Asia/Tehran"), { timeZone: "Asia/Tehran" });
    expect(tehran.map((row) => [row.cohort, row.size])).toEqual([
      ["2026-01", 0],
      ["2026-02", 1],
    ]);
    const utc = monthlyCohorts(late, period("2026-01-01", "2026-02-28"), { timeZone: "UTC" });
    expect(utc[0]?.size).toBe(1);
  });

  it("GIVEN an order at 05:00 UTC on 1 February THEN a Los Angeles shop files it under January", () => {
    const early = [order("Y", "2026-02-01T05:00:00Z", 100)];
    const zone = "America/Los_Angeles";
    expect(monthlyCohorts(early, period("2026-01-01", "2026-02-28", zone), { timeZone: zone })[0]?.size).toBe(1);
  });

  it("GIVEN a period starting mid-month THEN the first cohort holds only customers who started from that day", () => {
    const rows = monthlyCohorts(shop, period("2026-01-15", "2026-02-28"), { timeZone: "UTC" });
    expect(rows[0]).toMatchObject({ cohort: "2026-01", size: 1 }); // B (20 Jan); A started on 10 Jan
  });

  it("GIVEN cancelled and test orders THEN they neither start a cohort nor keep one active", () => {
    const rows = monthlyCohorts(
      [order("Z", "2026-01-05", 100, { test: true }), order("Z", "2026-02-05", 100), order("Z", "2026-03-05", 100, { cancelled: true })],
      quarter,
      { timeZone: "UTC" },
    );
    expect(rows.map((row) => row.size)).toEqual([0, 1, 0]);
    expect(rows[1]?.cells.map((cell) => cell.customers)).toEqual([1, 0]);
  });

  it("GIVEN an empty period THEN there are no rows", () => {
    const instant = new Date("2026-01-01T00:00:00Z");
    expect(monthlyCohorts(shop, { from: instant, to: instant }, { timeZone: "UTC" })).toEqual([]);
  });

  it("GIVEN month indexes THEN they name months across years", () => {
    expect(monthKey(monthIndex(2026, 12) + 1)).toBe("2027-01");
    expect(monthKey(monthIndex(2026, 1) - 1)).toBe("2025-12");
  });

  it("PROPERTY: month 0 is 100 % of a non-empty cohort, no cell exceeds the cohort, and cohorts add up to the new customers", () => {
    fc.assert(
      fc.property(
        fc.array(fc.nat({ max: 1_000_000 }), { maxLength: 150, size: "max" }),
        fc.constantFrom(...TIME_ZONES),
        fc.nat({ max: 729 }),
        fc.integer({ min: 1, max: 400 }),
        (choices, zone, offset, length) => {
          const { orders } = shopFromChoices(choices);
          const chosen = periodFromChoices(offset, length, zone);
          const rows = monthlyCohorts(orders, chosen, { timeZone: zone });
          for (const row of rows) {
            if (row.size > 0) expect(row.cells[0]?.customers).toBe(row.size);
            for (const cell of row.cells) expect(cell.customers).toBeLessThanOrEqual(row.size);
          }
          const firsts = new Map<string, number>();
          for (const o of orders) {
            if (o.cancelled || o.test || o.customerId === null) continue;
            firsts.set(o.customerId, Math.min(firsts.get(o.customerId) ?? Infinity, o.placedAt.getTime()));
          }
          const newCustomers = [...firsts.values()].filter((time) => time >= chosen.from.getTime() && time < chosen.to.getTime()).length;
          expect(rows.reduce((sum, row) => sum + row.size, 0)).toBe(newCustomers);
        },
      ),
      { numRuns: 120 },
    );
  });
});

describe("monthlyCohorts at the period's end", () => {
  it("GIVEN an order exactly at the period's end THEN it is not counted (periods are half-open), as the reference says", () => {
    const firstHalf = { from: new Date("2025-01-01T00:00:00Z"), to: new Date("2025-06-30T00:00:00Z") };
    const orders = [order("A", "2025-01-01", 1_000), order("A", "2025-06-30", 1_000)];
    const [january] = monthlyCohorts(orders, firstHalf, { timeZone: "UTC" });
    expect(january?.cells.at(-1)).toMatchObject({ month: "2025-06", customers: 0, partial: true });
  });
});
