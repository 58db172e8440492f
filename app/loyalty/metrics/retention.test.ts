import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { churnRate, customerFlow, customerRetentionRate } from "./retention";
import { order, period, periodFromChoices, shopFromChoices, TIME_ZONES, UTC } from "./metric-fixtures";
import { addRatios, basisPoints, compareRatios, isDefined, ONE, ratio, sameValue, ZERO } from "./ratio";

/**
 * A shop of five customers, March 2026 in UTC, 180-day window.
 * Active at 1 March = ordered since 2 September 2025; active at 1 April = ordered since 3 October 2025.
 * - A: 10 Dec 2025, 15 Mar 2026 → active at both ends: retained.
 * - B: 20 Sep 2025 → active at the start, its window runs out on 19 March: lost (a cancelled March order does not save it).
 * - C: first order 5 Mar 2026 → new, active at the end.
 * - D: 10 Jan 2025, then 20 Mar 2026 → lapsed at the start, won back.
 * - E: 1 Nov 2025 → active at both ends without ordering in March: retained.
 * - a guest and a test order in March change nothing.
 * S = {A, B, E} = 3, E = {A, C, D, E} = 4, N = {C, D} = 2.
 * CRR = (4 − 2) / 3 = 66.67 %; churn = 1 / 3 = 33.33 %.
 */
const march = period("2026-03-01", "2026-03-31");
const shop = [
  order("A", "2025-12-10", 5_000),
  order("A", "2026-03-15", 7_000),
  order("B", "2025-09-20", 3_000),
  order("B", "2026-03-25", 3_000, { cancelled: true }),
  order("C", "2026-03-05", 2_000),
  order("D", "2025-01-10", 4_000),
  order("D", "2026-03-20", 4_000),
  order("E", "2025-11-01", 1_000),
  order(null, "2026-03-10", 9_000),
  order("F", "2026-03-11", 9_000, { test: true }),
];

describe("customer retention rate = (E − N) / S × 100", () => {
  it("GIVEN the five-customer shop THEN S = 3, E = 4, N = 2 (1 new + 1 won back) and CRR = (4 − 2) / 3 = 66.67 %", () => {
    const { rate, flow } = customerRetentionRate(shop, march, UTC);
    expect(flow).toEqual({
      atStart: 3,
      atEnd: 4,
      retained: 2,
      lost: 1,
      acquired: 2,
      acquiredFirstTime: 1,
      acquiredWonBack: 1,
      firstTimeBuyers: 1,
    });
    expect(rate).toEqual(ratio(2, 3));
    expect(basisPoints(rate)).toBe(6_667);
  });

  it("GIVEN no customers at the start THEN CRR is not defined (null), not NaN", () => {
    const { rate } = customerRetentionRate([order("C", "2026-03-05", 2_000)], march, UTC);
    expect(isDefined(rate)).toBe(false);
    expect(basisPoints(rate)).toBeNull();
  });

  it("GIVEN an empty shop THEN every count is 0 and both rates are not defined", () => {
    expect(customerFlow([], march, UTC).atStart).toBe(0);
    expect(isDefined(customerRetentionRate([], march, UTC).rate)).toBe(false);
    expect(isDefined(churnRate([], march, UTC).rate)).toBe(false);
  });

  it("GIVEN an order placed exactly at the period start THEN it makes a new customer, not a customer at the start", () => {
    const flow = customerFlow([order("X", "2026-03-01T00:00:00Z", 100)], march, UTC);
    expect(flow).toMatchObject({ atStart: 0, atEnd: 1, acquiredFirstTime: 1 });
  });

  it("GIVEN a first order that lapses again within a year-long period THEN it is a first-time buyer but not in N", () => {
    const year = period("2025-01-01", "2025-12-31");
    const flow = customerFlow([order("X", "2025-02-01", 100)], year, UTC);
    expect(flow).toMatchObject({ firstTimeBuyers: 1, acquired: 0, atEnd: 0 });
  });

  it("GIVEN a shorter inactivity window of 90 days THEN E (at 1 April) loses E, whose last order is 1 Nov", () => {
    const { flow } = customerRetentionRate(shop, march, { timeZone: "UTC", inactivityDays: 90 });
    // At 1 March, 90 days back is 1 December: S = {A} (B: 20 Sep, E: 1 Nov are too old).
    // At 1 April, 90 days back is 1 January: E = {A, C, D}; N = {C, D}; CRR = (3 − 2) / 1 = 100 %.
    expect(flow).toMatchObject({ atStart: 1, atEnd: 3, acquired: 2, retained: 1, lost: 0 });
  });

  it("GIVEN a shop in Sydney THEN the window is counted in its days: 15:00 UTC on 1 Sep is already 2 Sep there", () => {
    // At 1 March the 180-day window starts on 2 September. 1 Sep 2025 15:00 UTC = 2 Sep 01:00 in Sydney (UTC+10):
    // inside the Sydney shop's window, outside a UTC shop's.
    const lastOrder = [order("Z", "2025-09-01T15:00:00Z", 100)];
    const sydney = { timeZone: "Australia/Sydney", inactivityDays: 180 };
    expect(customerFlow(lastOrder, period("2026-03-01", "2026-03-31", "Australia/Sydney"), sydney).atStart).toBe(1);
    expect(customerFlow(lastOrder, march, UTC).atStart).toBe(0);
  });
});

describe("churn rate = customers lost / customers at the start × 100", () => {
  it("GIVEN the five-customer shop THEN B is lost and churn = 1 / 3 = 33.33 %", () => {
    const { rate } = churnRate(shop, march, UTC);
    expect(rate).toEqual(ratio(1, 3));
    expect(basisPoints(rate)).toBe(3_333);
  });

  it("GIVEN a customer whose window runs out mid-period but who orders again before the end THEN they are not lost", () => {
    // Last order 20 Aug 2025: active at 1 Feb 2026 (window from 5 Aug); it would run out after 16 Feb (20 Aug + 180 days); ordered again 25 Feb.
    const february = period("2026-02-01", "2026-02-28");
    const { flow } = churnRate([order("Y", "2025-08-20", 100), order("Y", "2026-02-25", 100)], february, UTC);
    expect(flow).toMatchObject({ atStart: 1, lost: 0, retained: 1 });
  });
});

describe("PROPERTIES on random shops", () => {
  const arbitraryCase = fc.record({
    choices: fc.array(fc.nat({ max: 1_000_000 }), { maxLength: 150, size: "max" }),
    zone: fc.constantFrom(...TIME_ZONES),
    offset: fc.nat({ max: 729 }),
    length: fc.integer({ min: 1, max: 400 }),
    inactivityDays: fc.integer({ min: 1, max: 365 }),
  });

  it("CRR and churn are within 0..100 % when defined, add up to 100 %, and E = S − lost + N", () => {
    fc.assert(
      fc.property(arbitraryCase, ({ choices, zone, offset, length, inactivityDays }) => {
        const { orders } = shopFromChoices(choices);
        const settings = { timeZone: zone, inactivityDays };
        const chosen = periodFromChoices(offset, length, zone);
        const retention = customerRetentionRate(orders, chosen, settings);
        const churn = churnRate(orders, chosen, settings);
        const flow = retention.flow;
        expect(flow.atEnd).toBe(flow.atStart - flow.lost + flow.acquired);
        expect(flow.acquired).toBe(flow.acquiredFirstTime + flow.acquiredWonBack);
        expect(flow.acquiredFirstTime).toBeLessThanOrEqual(flow.firstTimeBuyers);
        expect(isDefined(retention.rate)).toBe(flow.atStart > 0);
        if (isDefined(retention.rate)) {
          expect(compareRatios(retention.rate, ZERO)).toBeGreaterThanOrEqual(0);
          expect(compareRatios(retention.rate, ONE)).toBeLessThanOrEqual(0);
          expect(sameValue(addRatios(retention.rate, churn.rate), ONE)).toBe(true);
        }
      }),
      { numRuns: 150 },
    );
  });
});
