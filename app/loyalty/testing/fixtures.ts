/** Test support: a paid order of 100.00 USD for one customer, to vary per test. */
import type { OrderSnapshot } from "../orders/order-state";

export const baseOrder: OrderSnapshot = {
  orderId: "gid://shopify/Order/1",
  name: "#1001",
  customerId: "gid://shopify/Customer/9",
  test: false,
  financialStatus: "paid",
  cancelledAt: null,
  createdAt: new Date("2026-03-01T10:00:00Z"),
  processedAt: new Date("2026-03-01T10:00:00Z"),
  updatedAt: new Date("2026-03-01T10:00:00Z"),
  currency: "USD",
  subtotalMinor: 10_000,
  totalMinor: 11_500,
  discountsMinor: 0,
  shippingMinor: 1_000,
  taxMinor: 500,
  taxesIncluded: false,
  includedRefundIds: [],
  lines: [],
  discountCodes: [],
  sourceName: "web",
};
