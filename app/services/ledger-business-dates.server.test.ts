import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { OrderSnapshot } from "../loyalty/orders/order-state";
import { findShop } from "../repositories/shops.server";
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from "../test/databases";
import { installTestShop } from "../test/shops";
import { getProgramReport } from "./reports/program.server";
import { recordOrderEvent } from "./record-order-event.server";

// docs/decisions/0021-ledger-dates.md: a journal is dated by its event (occurredAt), and
// separately stamped with when Wafa recorded it (createdAt).
const PROCESSED = new Date("2026-02-10T09:00:00Z");
const REFUNDED = new Date("2026-03-15T16:00:00Z");
const LOADED = new Date("2026-06-01T12:00:00Z");
const ORDER = "gid://shopify/Order/81001";
const CUSTOMER = "gid://shopify/Customer/81";

const snapshot = (overrides: Partial<OrderSnapshot>): OrderSnapshot => ({
  orderId: ORDER, name: "#81001", customerId: CUSTOMER, test: false, financialStatus: "paid", cancelledAt: null,
  createdAt: PROCESSED, processedAt: PROCESSED, updatedAt: PROCESSED, currency: "USD", subtotalMinor: 20_000, totalMinor: 20_000,
  discountsMinor: 0, shippingMinor: 0, taxMinor: 0, taxesIncluded: false, includedRefundIds: [], lines: [], discountCodes: [], sourceName: "web",
  ...overrides,
});
const customer = { customerGid: CUSTOMER, email: "late@example.com", firstName: "Late", lastName: null, phone: null, shopifyCreatedAt: null, shopifyUpdatedAt: null };
const refund = { refundId: "gid://shopify/Refund/81", orderId: ORDER, processedAt: REFUNDED, currency: "USD", lineSubtotalMinor: 5_000, giftCardMinor: 0, lineItems: [] };

const earned = (report: Awaited<ReturnType<typeof getProgramReport>>) => {
  if (!report.ok) throw new Error("the report failed");
  const figure = report.value.metrics.find((metric) => metric.metric === "points-earned");
  return figure && figure.current.value.numerator / figure.current.value.denominator;
};

describe.each(DATABASE_KINDS)("journals dated by the order's business date on %s", (kind) => {
  let database: TestDatabase;
  const shopDomain = `dates-${kind}.myshopify.com`;
  beforeAll(async () => {
    database = await createTestDatabase(kind);
    await installTestShop(database, shopDomain);
    // The order of 10 February and its refund of 15 March reach Wafa on 1 June (a history load, a late webhook).
    await recordOrderEvent(database, shopDomain, { kind: "order", facts: { snapshot: snapshot({}), refunds: [], customer } }, { topic: "orders/paid", receivedAt: LOADED });
    const refunded = snapshot({ financialStatus: "partially_refunded", subtotalMinor: 15_000, totalMinor: 15_000, updatedAt: REFUNDED, includedRefundIds: [refund.refundId] });
    await recordOrderEvent(database, shopDomain, { kind: "order", facts: { snapshot: refunded, refunds: [refund], customer } }, { topic: "orders/updated", receivedAt: LOADED });
  });
  afterAll(() => database.drop());

  it("GIVEN a back-dated order and its refund recorded on 1 June THEN the earn is dated 10 February, the reversal 15 March, both recorded on 1 June", async () => {
    const shop = (await findShop(database.db, shopDomain))!;
    const journals = await database.db.selectFrom("LedgerJournal").select(["kind", "occurredAt", "createdAt"]).where("shopId", "=", shop.id).where("orderGid", "=", ORDER).orderBy("id").execute();
    expect(journals).toEqual([
      { kind: "earn", occurredAt: PROCESSED, createdAt: LOADED },
      { kind: "reversal", occurredAt: REFUNDED, createdAt: LOADED },
    ]);
  });

  it("GIVEN the same ledger WHEN the Program report is read THEN February holds the 200 points earned, March the 50 reversed, and the 30 days before 1 June none", async () => {
    expect(earned(await getProgramReport(database, shopDomain, { from: "2026-02-01", to: "2026-02-28" }, LOADED))).toBe(200);
    expect(earned(await getProgramReport(database, shopDomain, { from: "2026-03-01", to: "2026-03-31" }, LOADED))).toBe(-50);
    expect(earned(await getProgramReport(database, shopDomain, {}, LOADED))).toBe(0);
    const year = await getProgramReport(database, shopDomain, { from: "2026-01-01", to: "2026-05-31" }, LOADED);
    if (!year.ok) throw new Error("the report failed");
    expect(year.value.monthly.map((month) => [month.month, month.earned])).toEqual([["2026-01", 0], ["2026-02", 200], ["2026-03", -50], ["2026-04", 0], ["2026-05", 0]]);
  });
});
