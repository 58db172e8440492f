// Test support: paid orders recorded through the real order service, for features that
// read a shop's order history (the wizard's typical customer, the setup checklist).
import type { AppDatabase } from "../db/database.server";
import type { OrderSnapshot } from "../loyalty/orders/order-state";
import { recordOrderEvent } from "../services/record-order-event.server";

let sequence = 0;

export type PaidOrder = { readonly customer: string | null; readonly subtotalMinor: number; readonly at: Date; readonly test?: boolean; readonly cancelled?: boolean };

export async function recordPaidOrder(database: AppDatabase, shopDomain: string, order: PaidOrder): Promise<void> {
  sequence += 1;
  const customerGid = order.customer ? `gid://shopify/Customer/${order.customer}` : null;
  const snapshot: OrderSnapshot = {
    orderId: `gid://shopify/Order/${900_000 + sequence}`, name: `#${sequence}`, customerId: customerGid, test: order.test ?? false,
    financialStatus: "paid", cancelledAt: order.cancelled ? order.at : null, createdAt: order.at, processedAt: order.at, updatedAt: order.at,
    currency: "USD", subtotalMinor: order.subtotalMinor, totalMinor: order.subtotalMinor, discountsMinor: 0, shippingMinor: 0, taxMinor: 0,
    taxesIncluded: false, includedRefundIds: [], lines: [], discountCodes: [], sourceName: "web",
  };
  const customer = customerGid
    ? { customerGid, email: `${order.customer}@example.com`, firstName: order.customer, lastName: null, phone: null, shopifyCreatedAt: null, shopifyUpdatedAt: null }
    : null;
  await recordOrderEvent(database, shopDomain, { kind: "order", facts: { snapshot, refunds: [], customer } }, { topic: "orders/paid", receivedAt: order.at });
}
