import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { memberComparison, redeemerComparison, tierComparison } from "./member-comparison";
import { customer, order, period, periodFromChoices, shopFromChoices } from "./metric-fixtures";
import { addRatios, isDefined, minorUnits, ONE, ratio, sameValue } from "./ratio";

/**
 * January 2026 (amounts in cents):
 * - M1 enrolled 1 Dec 2025: 100.00 on 5 Jan and 60.00 on 20 Jan (member orders); 20.00 in Nov 2025 before joining.
 * - M2 enrolled 15 Jan 10:00: 40.00 on 10 Jan (before: non-member), 80.00 at 15 Jan 10:00 (the enrolling order: member).
 * - N1 never enrolled: 50.00 on 8 Jan.
 * - a guest: 30.00 on 9 Jan. A cancelled M1 order of 999.00 is ignored.
 * Members: 3 orders, 240.00, 2 customers → AOV 80.00, frequency 1.5, 120.00 per customer, share 240/360.
 * Non-members: 2 orders (M2's first, N1), 90.00, 2 customers → AOV 45.00, frequency 1, 45.00 per customer, share 90/360.
 * Guests: 1 order, 30.00, share 30/360; no customers, so no frequency.
 * LTV at 1 Feb: members M1 (20 + 100 + 60) and M2 (40 + 80) → 300.00 / 2 = 150.00; non-members N1 → 50.00.
 */
const january = period("2026-01-01", "2026-01-31");
const customers = [customer("M1", "2025-12-01"), customer("M2", "2026-01-15T10:00:00Z"), customer("N1", null)];
const shop = [
  order("M1", "2025-11-20", 2_000),
  order("M1", "2026-01-05", 10_000),
  order("M1", "2026-01-20", 6_000),
  order("M1", "2026-01-21", 99_900, { cancelled: true }),
  order("M2", "2026-01-10", 4_000),
  order("M2", "2026-01-15T10:00:00Z", 8_000),
  order("N1", "2026-01-08", 5_000),
  order(null, "2026-01-09", 3_000),
];

describe("members vs non-members", () => {
  const result = memberComparison(shop, customers, january);

  it("GIVEN the January shop THEN members: 3 orders, 240.00, AOV 80.00, frequency 3/2, 120.00 per customer, 2/3 of revenue", () => {
    expect(result.members).toEqual({
      orders: 3,
      customers: 2,
      netSalesMinor: 24_000,
      aov: ratio(24_000, 3),
      frequency: ratio(3, 2),
      revenuePerCustomer: ratio(24_000, 2),
      revenueShare: ratio(24_000, 36_000),
      lifetimeCustomers: 2,
      lifetimeNetSalesMinor: 30_000,
      ltv: ratio(30_000, 2),
    });
    expect(minorUnits(result.members.aov)).toBe(8_000);
  });

  it("GIVEN M2 ordered before enrolling THEN that order is a non-member order: non-members 2 orders, 90.00, AOV 45.00", () => {
    expect(result.nonMembers).toMatchObject({ orders: 2, customers: 2, netSalesMinor: 9_000, aov: ratio(9_000, 2), frequency: ratio(2, 2) });
    expect(result.nonMembers).toMatchObject({ lifetimeCustomers: 1, lifetimeNetSalesMinor: 5_000, ltv: ratio(5_000, 1) });
  });

  it("GIVEN guest checkouts THEN they are their own line with no customers, and the three shares add up to 100 %", () => {
    expect(result.guests).toMatchObject({ orders: 1, customers: 0, netSalesMinor: 3_000, revenueShare: ratio(3_000, 36_000) });
    expect(isDefined(result.guests.frequency)).toBe(false);
    expect(isDefined(result.guests.ltv)).toBe(false);
    const total = addRatios(addRatios(result.members.revenueShare, result.nonMembers.revenueShare), result.guests.revenueShare);
    expect(sameValue(total, ONE)).toBe(true);
  });

  it("GIVEN a period with no orders THEN every average is not defined", () => {
    const empty = memberComparison(shop, customers, period("2024-01-01", "2024-01-31"));
    expect(isDefined(empty.members.aov)).toBe(false);
    expect(isDefined(empty.members.revenueShare)).toBe(false);
  });

  it("PROPERTY: orders and net sales split exactly between members, non-members and guests", () => {
    fc.assert(
      fc.property(fc.array(fc.nat({ max: 1_000_000 }), { maxLength: 150, size: "max" }), fc.nat({ max: 729 }), fc.integer({ min: 1, max: 400 }), (choices, offset, length) => {
        const random = shopFromChoices(choices);
        const chosen = periodFromChoices(offset, length, "UTC");
        const split = memberComparison(random.orders, random.customers, chosen);
        const counted = random.orders.filter((o) => !o.cancelled && !o.test && o.placedAt >= chosen.from && o.placedAt < chosen.to);
        expect(split.members.orders + split.nonMembers.orders + split.guests.orders).toBe(counted.length);
        expect(split.members.netSalesMinor + split.nonMembers.netSalesMinor + split.guests.netSalesMinor).toBe(
          counted.reduce((sum, o) => sum + o.netSalesMinor, 0),
        );
      }),
    );
  });
});

describe("redeemers vs non-redeemers, among members", () => {
  it("GIVEN M1 has redeemed THEN redeemers are M1 (2 orders, 160.00) and non-redeemers M2 with all its January orders (2, 120.00); N1 is left out", () => {
    const result = redeemerComparison(shop, customers, january, new Set(["M1"]));
    expect(result.redeemers).toMatchObject({ orders: 2, customers: 1, netSalesMinor: 16_000, revenueShare: ratio(16_000, 36_000) });
    expect(result.nonRedeemers).toMatchObject({ orders: 2, customers: 1, netSalesMinor: 12_000, aov: ratio(12_000, 2) });
    expect(result.redeemers.ltv).toEqual(ratio(18_000, 1));
  });

  it("GIVEN a customer who enrolls after the period THEN they are in neither group", () => {
    const late = [customer("L", "2026-03-01")];
    const result = redeemerComparison([order("L", "2026-01-05", 100)], late, january, new Set(["L"]));
    expect(result.redeemers.orders + result.nonRedeemers.orders).toBe(0);
  });
});

describe("by tier", () => {
  it("GIVEN M1 gold and M2 silver THEN each tier has its customers' orders; customers without a tier are left out", () => {
    const result = tierComparison(shop, january, new Map([["M1", "gold"], ["M2", "silver"]]));
    expect(result.map((row) => [row.tier, row.stats.orders, row.stats.netSalesMinor])).toEqual([
      ["gold", 2, 16_000],
      ["silver", 2, 12_000],
    ]);
  });

  it("GIVEN no tiers THEN there are no rows", () => {
    expect(tierComparison(shop, january, new Map())).toEqual([]);
  });
});
