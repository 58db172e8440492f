import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { averageOrderValue } from "./average-order-value";
import { monthlyCohorts } from "./cohorts";
import { historicalLifetimeValue, projectedLifetimeValue } from "./lifetime-value";
import { memberComparison } from "./member-comparison";
import { customer, edgesOf, order, period, periodFromChoices, shopFromChoices, TIME_ZONES, UTC } from "./metric-fixtures";
import {
  naiveAverageOrderValue,
  naiveChurnRate,
  naiveCustomerFlow,
  naiveHistoricalLifetimeValue,
  naiveLifetimeRepeatPurchaseRate,
  naiveMemberComparison,
  naiveMonthlyCohorts,
  naiveProjectedLifetimeValue,
  naivePurchaseFrequency,
  naiveRepeatPurchaseRate,
  naiveRetentionRate,
} from "./naive-recompute";
import { trailingYear } from "./period";
import { purchaseFrequency } from "./purchase-frequency";
import { ratio, sameValue } from "./ratio";
import { churnRate, customerFlow, customerRetentionRate } from "./retention";
import { lifetimeRepeatPurchaseRate, repeatPurchaseRate } from "./repeat-purchase";

describe("the reference recomputation on a hand-computed shop", () => {
  // The retention example (retention.test.ts): S = 3, E = 4, N = 2 → CRR 2/3, churn 1/3.
  const march = period("2026-03-01", "2026-03-31");
  const shop = [
    order("A", "2025-12-10", 5_000),
    order("A", "2026-03-15", 7_000),
    order("B", "2025-09-20", 3_000),
    order("C", "2026-03-05", 2_000),
    order("D", "2025-01-10", 4_000),
    order("D", "2026-03-20", 4_000),
    order("E", "2025-11-01", 1_000),
    order(null, "2026-03-10", 9_000),
  ];

  it("GIVEN the five-customer shop THEN the reference finds CRR = (4 − 2) / 3 and churn = 1 / 3", () => {
    expect(naiveRetentionRate(shop, march, UTC).rate).toEqual(ratio(2, 3));
    expect(naiveChurnRate(shop, march, UTC).rate).toEqual(ratio(1, 3));
  });

  it("GIVEN March THEN AOV = (70 + 20 + 40 + 90) / 4 = 55.00 and frequency = 3 orders / 3 customers", () => {
    expect(naiveAverageOrderValue(shop, march).aov).toEqual(ratio(22_000, 4));
    expect(naivePurchaseFrequency(shop, march).frequency).toEqual(ratio(3, 3));
  });

  it("GIVEN members A (since 2025) and C (since 5 March) THEN member orders are A's 70.00 and C's 20.00", () => {
    const split = naiveMemberComparison(shop, [customer("A", "2025-01-01"), customer("C", "2026-03-05")], march);
    expect(split.members).toMatchObject({ orders: 2, netSalesMinor: 9_000, customers: 2 });
    expect(split.guests).toMatchObject({ orders: 1, netSalesMinor: 9_000 });
  });
});

/**
 * The metric functions answer from a sorted per-customer index with binary searches and
 * month boundaries; the reference loops over every order for every customer. On random
 * shops, time zones, windows and periods, both must agree exactly.
 */
describe("PROPERTY: the metric functions equal the reference recomputation on random shops", () => {
  const arbitraryCase = fc.record({
    choices: fc.array(fc.nat({ max: 1_000_000 }), { maxLength: 120, size: "max" }),
    zone: fc.constantFrom(...TIME_ZONES),
    offset: fc.nat({ max: 729 }),
    length: fc.integer({ min: 1, max: 400 }),
    inactivityDays: fc.constantFrom(30, 90, 180, 365),
    lifespanMonths: fc.option(fc.integer({ min: 1, max: 120 }), { nil: null }),
  });
  const runs = { numRuns: 120 };

  it("retention, churn and the customer flow", () => {
    fc.assert(
      fc.property(arbitraryCase, ({ choices, zone, offset, length, inactivityDays }) => {
        const settings = { timeZone: zone, inactivityDays };
        const chosen = periodFromChoices(offset, length, zone);
        const { orders } = shopFromChoices(choices, edgesOf(chosen, settings));
        expect(customerFlow(orders, chosen, settings)).toEqual(naiveCustomerFlow(orders, chosen, settings));
        expect(customerRetentionRate(orders, chosen, settings)).toEqual(naiveRetentionRate(orders, chosen, settings));
        expect(churnRate(orders, chosen, settings)).toEqual(naiveChurnRate(orders, chosen, settings));
      }),
      runs,
    );
  });

  it("repeat purchase rates, frequency and AOV", () => {
    fc.assert(
      fc.property(arbitraryCase, ({ choices, zone, offset, length }) => {
        const chosen = periodFromChoices(offset, length, zone);
        const { orders } = shopFromChoices(choices, edgesOf(chosen, { timeZone: zone, inactivityDays: 180 }));
        expect(repeatPurchaseRate(orders, chosen)).toEqual(naiveRepeatPurchaseRate(orders, chosen));
        expect(lifetimeRepeatPurchaseRate(orders, chosen)).toEqual(naiveLifetimeRepeatPurchaseRate(orders, chosen));
        expect(purchaseFrequency(orders, chosen)).toEqual(naivePurchaseFrequency(orders, chosen));
        expect(averageOrderValue(orders, chosen)).toEqual(naiveAverageOrderValue(orders, chosen));
      }),
      runs,
    );
  });

  it("historical and projected LTV", () => {
    fc.assert(
      fc.property(arbitraryCase, ({ choices, zone, offset, length, inactivityDays, lifespanMonths }) => {
        const settings = { timeZone: zone, inactivityDays, lifespanMonths };
        const chosen = periodFromChoices(offset, length, zone);
        const year = trailingYear(chosen.to, zone);
        const { orders } = shopFromChoices(choices, [...edgesOf(chosen, settings), ...edgesOf(year, settings)]);
        expect(historicalLifetimeValue(orders, chosen)).toEqual(naiveHistoricalLifetimeValue(orders, chosen));
        const fast = projectedLifetimeValue(orders, chosen, settings);
        const naive = naiveProjectedLifetimeValue(orders, chosen, settings);
        expect(sameValue(fast.ltv, naive.ltv)).toBe(true);
        expect(sameValue(fast.lifespanYears, naive.lifespanYears)).toBe(true);
      }),
      runs,
    );
  });

  it("monthly cohorts", () => {
    fc.assert(
      fc.property(arbitraryCase, ({ choices, zone, offset, length }) => {
        const chosen = periodFromChoices(offset, length, zone);
        const { orders } = shopFromChoices(choices, edgesOf(chosen, { timeZone: zone, inactivityDays: 180 }));
        expect(monthlyCohorts(orders, chosen, { timeZone: zone })).toEqual(naiveMonthlyCohorts(orders, chosen, { timeZone: zone }));
      }),
      { numRuns: 60 },
    );
  });

  it("members vs non-members", () => {
    fc.assert(
      fc.property(arbitraryCase, ({ choices, zone, offset, length }) => {
        const chosen = periodFromChoices(offset, length, zone);
        const { orders, customers } = shopFromChoices(choices, edgesOf(chosen, { timeZone: zone, inactivityDays: 180 }));
        expect(memberComparison(orders, customers, chosen)).toEqual(naiveMemberComparison(orders, customers, chosen));
      }),
      runs,
    );
  });
});
