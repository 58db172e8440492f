import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { trailingYear } from "../../loyalty/metrics";
import { edgesOf, order, period, periodFromChoices, shopFromChoices, TIME_ZONES, type Shop } from "../../loyalty/metrics/metric-fixtures";
import {
  naiveAverageOrderValue,
  naiveCustomerFlow,
  naiveHistoricalLifetimeValue,
  naiveLifetimeRepeatPurchaseRate,
  naiveProjectedLifetimeValue,
  naivePurchaseFrequency,
  naiveRepeatPurchaseRate,
  naiveRetentionRate,
  naiveChurnRate,
} from "../../loyalty/metrics/naive-recompute";
import { sameValue } from "../../loyalty/metrics/ratio";
import { loadOrderFacts } from "../../repositories/report-facts.server";
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from "../../test/databases";
import { insertReportShop } from "../../test/report-orders";
import { installTestShop } from "../../test/shops";
import { storeMetrics, type StoreMetricSettings, type StoreMetrics } from "./store-metrics.server";

/** The fast path's answer equals the plain recomputation from the raw orders (naive-recompute.ts). */
function expectSameAsNaive(fast: StoreMetrics, shop: Shop, chosen: ReturnType<typeof period>, settings: StoreMetricSettings) {
  const { orders } = shop;
  expect(fast.flow).toEqual(naiveCustomerFlow(orders, chosen, settings));
  expect(fast.retentionRate).toEqual(naiveRetentionRate(orders, chosen, settings).rate);
  expect(fast.churnRate).toEqual(naiveChurnRate(orders, chosen, settings).rate);
  expect(fast.repeatPurchase).toEqual(naiveRepeatPurchaseRate(orders, chosen));
  expect(fast.lifetimeRepeatPurchase).toEqual(naiveLifetimeRepeatPurchaseRate(orders, chosen));
  expect(fast.purchaseFrequency).toEqual(naivePurchaseFrequency(orders, chosen));
  expect(fast.averageOrderValue).toEqual(naiveAverageOrderValue(orders, chosen));
  expect(fast.historicalLifetimeValue).toEqual(naiveHistoricalLifetimeValue(orders, chosen));
  const projected = naiveProjectedLifetimeValue(orders, chosen, settings);
  expect(sameValue(fast.projectedLifetimeValue.ltv, projected.ltv)).toBe(true);
  expect(sameValue(fast.projectedLifetimeValue.lifespanYears, projected.lifespanYears)).toBe(true);
}

describe.each(DATABASE_KINDS)("the reports' fast path (SQL aggregates) on %s", (kind) => {
  let database: TestDatabase;
  let shopCount = 0;
  const newShop = async () => (await installTestShop(database, `fast-path-${shopCount++}.myshopify.com`)).id;

  beforeAll(async () => {
    database = await createTestDatabase(kind);
  });
  afterAll(() => database.drop());

  it("GIVEN the five-customer March shop THEN CRR = (4 − 2) / 3, churn = 1 / 3, AOV = 220.00 / 4", async () => {
    const march = period("2026-03-01", "2026-03-31");
    const shop: Shop = {
      customers: [],
      orders: [
        order("A", "2025-12-10", 5_000),
        order("A", "2026-03-15", 7_000),
        order("B", "2025-09-20", 3_000),
        order("C", "2026-03-05", 2_000),
        order("D", "2025-01-10", 4_000),
        order("D", "2026-03-20", 4_000),
        order("E", "2025-11-01", 1_000),
        order(null, "2026-03-10", 9_000),
        order("E", "2026-03-11", 50_000, { cancelled: true }),
        order("B", "2026-03-12", 50_000, { test: true }),
      ],
    };
    const shopId = await newShop();
    await insertReportShop(database, shopId, shop);
    const settings = { timeZone: "UTC", inactivityDays: 180, lifespanMonths: null };
    const [fast] = await storeMetrics(database, shopId, [march], settings);
    if (!fast) throw new Error("no metrics");
    expect(fast.flow).toMatchObject({ atStart: 3, atEnd: 4, acquired: 2, lost: 1 });
    expect(fast.retentionRate).toEqual({ numerator: 2, denominator: 3 });
    expect(fast.churnRate).toEqual({ numerator: 1, denominator: 3 });
    expect(fast.averageOrderValue).toEqual({ orders: 4, netSalesMinor: 22_000, aov: { numerator: 22_000, denominator: 4 } });
    expectSameAsNaive(fast, shop, march, settings);
  });

  it("PROPERTY: on random shops, zones, windows and periods the fast path equals the plain recomputation", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          choices: fc.array(fc.nat({ max: 1_000_000 }), { maxLength: 80, size: "max" }),
          zone: fc.constantFrom(...TIME_ZONES),
          offset: fc.nat({ max: 729 }),
          length: fc.integer({ min: 1, max: 400 }),
          inactivityDays: fc.constantFrom(30, 90, 180, 365),
          lifespanMonths: fc.option(fc.integer({ min: 1, max: 120 }), { nil: null }),
        }),
        async ({ choices, zone, offset, length, inactivityDays, lifespanMonths }) => {
          const settings = { timeZone: zone, inactivityDays, lifespanMonths };
          const chosen = periodFromChoices(offset, length, zone);
          const shop = shopFromChoices(choices, [...edgesOf(chosen, settings), ...edgesOf(trailingYear(chosen.to, zone), settings)]);
          const shopId = await newShop();
          await insertReportShop(database, shopId, shop);
          const [fast] = await storeMetrics(database, shopId, [chosen], settings);
          if (!fast) throw new Error("no metrics");
          expectSameAsNaive(fast, shop, chosen, settings);
        },
      ),
      { numRuns: 40 },
    );
  });

  it("PROPERTY: the facts loaded for the full reports are the shop's counted orders before the end, net of included taxes", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.nat({ max: 1_000_000 }), { maxLength: 60, size: "max" }), fc.nat({ max: 729 }), async (choices, offset) => {
        const shop = shopFromChoices(choices);
        const end = periodFromChoices(offset, 1, "UTC").to;
        const shopId = await newShop();
        const rowIds = await insertReportShop(database, shopId, shop);
        const loaded = await loadOrderFacts(database.db, shopId, end);
        const byGid = new Map(shop.orders.map((fact) => [`gid://shopify/Order/${fact.orderId}`, fact]));
        const expected = shop.orders
          .filter((fact) => !fact.cancelled && !fact.test && fact.placedAt.getTime() < end.getTime())
          .map((fact) => ({ ...fact, orderId: `gid://shopify/Order/${fact.orderId}`, customerId: fact.customerId === null ? null : String(rowIds.get(fact.customerId)) }));
        const sortById = <T extends { orderId: string }>(list: T[]) => [...list].sort((a, b) => (a.orderId < b.orderId ? -1 : 1));
        expect(sortById(loaded)).toEqual(sortById(expected));
        expect(loaded.every((fact) => byGid.has(fact.orderId))).toBe(true);
      }),
      { numRuns: 25 },
    );
  });
});
