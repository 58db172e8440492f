import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RefundFact } from "../loyalty/orders/order-state";
import { expectedPoints, runLifecycle, type DeliveredEvent } from "../loyalty/testing/order-lifecycle";
import { findMemberBalanceAtShop } from "../repositories/customers.server";
import { orderAccrual } from "../repositories/ledger.server";
import { findOrder } from "../repositories/orders.server";
import { findShop } from "../repositories/shops.server";
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from "../test/databases";
import { expectProjectionMatchesLedger, installTestShop } from "../test/shops";
import type { RefundPayload } from "../shopify/payloads/refund";
import { recordOrderEvent, type OrderWebhook } from "./record-order-event.server";

const asRecord = (refund: RefundFact) => ({ ...refund, lineItems: [] });
const usd = (minor: number) => ({ minor, currency: "USD" });
/** refunds/create as the route hands it over: the parsed payload. */
const asPayload = (refund: RefundFact): RefundPayload => ({
  admin_graphql_api_id: refund.refundId,
  order_id: refund.orderId.replace("gid://shopify/Order/", ""),
  created_at: refund.processedAt ?? new Date("2026-03-01T00:00:00Z"),
  processed_at: refund.processedAt,
  refund_line_items: [
    { quantity: 1, line_item_id: "1", subtotal_set: usd(refund.lineSubtotalMinor), line_item: { gift_card: false } },
    { quantity: 1, line_item_id: "2", subtotal_set: usd(refund.giftCardMinor), line_item: { gift_card: true } },
  ],
});
const customerFacts = (gid: string) => ({ customerGid: gid, email: `${gid.split("/").pop()}@example.com`, firstName: "Ada", lastName: null, phone: null, shopifyCreatedAt: null, shopifyUpdatedAt: null });

function toWebhook(event: DeliveredEvent): OrderWebhook {
  if (event.kind === "refund") return { kind: "refund", refund: asPayload(event.refund) };
  return {
    kind: "order",
    facts: { snapshot: event.snapshot, refunds: event.refunds.map(asRecord), customer: event.snapshot.customerId ? customerFacts(event.snapshot.customerId) : null },
  };
}

describe.each(DATABASE_KINDS)("recordOrderEvent on %s", (kind) => {
  let database: TestDatabase;
  const shopDomain = `orders-${kind}.myshopify.com`;
  beforeAll(async () => {
    database = await createTestDatabase(kind);
    await installTestShop(database, shopDomain, { countTestOrders: true });
  });
  afterAll(() => database.drop());

  const record = (event: DeliveredEvent, domain = shopDomain) => recordOrderEvent(database, domain, toWebhook(event), { topic: event.topic, receivedAt: new Date("2026-03-01T12:00:00Z") });

  it("GIVEN a paid order of 149.99 WHEN orders/paid arrives twice THEN 149 points are earned once and the customer is a member", async () => {
    const { events } = runLifecycle({
      orderId: "gid://shopify/Order/5001", customerId: "gid://shopify/Customer/77", test: false, paidAtCreation: true,
      lines: [{ unitPriceMinor: 14_999, quantity: 1, giftCard: false, discountMinor: 0 }], steps: [], start: new Date("2026-03-01T10:00:00Z"),
    });
    const paid = events.find((event) => event.topic === "orders/paid")!;
    expect(await record(paid)).toEqual({ status: "recorded", journals: 1, points: 149 });
    expect(await record(paid)).toEqual({ status: "recorded", journals: 0, points: 149 });
    expect(await findMemberBalanceAtShop(database.db, shopDomain, "gid://shopify/Customer/77")).toEqual({ member: true, available: 149, pending: 0, lifetime: 149 });
    await expectProjectionMatchesLedger(database, shopDomain);
  });

  it("GIVEN a shop that is not installed THEN nothing is written", async () => {
    const { events } = runLifecycle({
      orderId: "gid://shopify/Order/5002", customerId: "gid://shopify/Customer/78", test: false, paidAtCreation: true,
      lines: [{ unitPriceMinor: 1000, quantity: 1, giftCard: false, discountMinor: 0 }], steps: [], start: new Date("2026-03-01T10:00:00Z"),
    });
    expect(await record(events[0]!, "not-installed.myshopify.com")).toEqual({ status: "shop_not_installed" });
    expect(await database.db.selectFrom("Order").select("id").where("orderGid", "=", "gid://shopify/Order/5002").execute()).toEqual([]);
  });

  it("GIVEN random lifecycles delivered in any order with duplicates THEN the stored ledger holds what the final state deserves", async () => {
    const shop = (await findShop(database.db, shopDomain))!;
    let run = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          customer: fc.option(fc.constantFrom("gid://shopify/Customer/1", "gid://shopify/Customer/2"), { freq: 6 }),
          paidAtCreation: fc.boolean(),
          test: fc.boolean(),
          prices: fc.array(fc.integer({ min: 1, max: 30_000 }), { minLength: 1, maxLength: 3 }),
          steps: fc.array(
            fc.oneof(
              fc.constant({ kind: "pay" as const }),
              fc.record({ kind: fc.constant("refund" as const), line: fc.nat(3), units: fc.integer({ min: 1, max: 2 }) }),
              fc.record({ kind: fc.constant("edit" as const), line: fc.nat(3), addUnits: fc.integer({ min: 0, max: 1 }) }),
              fc.constant({ kind: "cancel" as const }),
              fc.record({ kind: fc.constant("change_customer" as const), customerId: fc.constantFrom("gid://shopify/Customer/3", null) }),
            ),
            { maxLength: 6 },
          ),
          order: fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 60, maxLength: 60 }),
        }),
        async (spec) => {
          const orderId = `gid://shopify/Order/${kind === "sqlite" ? 100_000 + run++ : 200_000 + run++}`;
          const lifecycle = runLifecycle({
            orderId, customerId: spec.customer, test: spec.test, paidAtCreation: spec.paidAtCreation,
            lines: spec.prices.map((unitPriceMinor) => ({ unitPriceMinor, quantity: 2, giftCard: false, discountMinor: 0 })),
            steps: spec.steps, start: new Date("2026-04-01T10:00:00Z"),
          });
          const deliveries = [...lifecycle.events, ...lifecycle.events.filter((_event, index) => (spec.order[index] ?? 0) > 0.6)];
          const shuffled = deliveries.map((event, index) => ({ event, key: spec.order[index % 60] ?? 0 })).sort((a, b) => a.key - b.key);
          for (const { event } of shuffled) await record(event);

          const expected = expectedPoints(lifecycle, true);
          const accrual = await orderAccrual(database.db, shop.id, orderId);
          const held = [...accrual.byCustomer].filter(([, holding]) => holding.available !== 0 || holding.pending !== 0);
          expect(held).toEqual(expected.points > 0 && expected.customerId ? [[expected.customerId, { pending: 0, available: expected.points }]] : []);
          expect((await findOrder(database.db, shop.id, orderId))?.snapshot).toEqual(lifecycle.final);
        },
      ),
      { numRuns: 40 },
    );
    await expectProjectionMatchesLedger(database, shopDomain);
  });
});
