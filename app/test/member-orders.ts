// Test support for the program designer's services and routes: members with paid orders.
import type { AppDatabase } from "../db/database.server";
import { runLifecycle } from "../loyalty/testing/order-lifecycle";
import { recordOrderEvent } from "../services/record-order-event.server";

let orderSequence = 90_000;

/** A paid order of `subtotalMinor` for customer `customerNumber`, delivered as orders/paid at `at`. */
export async function recordPaidOrder(database: AppDatabase, shop: string, customerNumber: number, subtotalMinor: number, at: Date): Promise<void> {
  const orderNumber = orderSequence++;
  const { events } = runLifecycle({
    orderId: `gid://shopify/Order/${orderNumber}`,
    customerId: `gid://shopify/Customer/${customerNumber}`,
    test: false,
    paidAtCreation: true,
    lines: [{ unitPriceMinor: subtotalMinor, quantity: 1, giftCard: false, discountMinor: 0 }],
    steps: [],
    start: at,
  });
  const paid = events.find((event) => event.topic === "orders/paid");
  if (!paid || paid.kind === "refund") throw new Error("the lifecycle has no orders/paid event");
  const customerGid = `gid://shopify/Customer/${customerNumber}`;
  const result = await recordOrderEvent(
    database,
    shop,
    {
      kind: "order",
      facts: {
        snapshot: paid.snapshot,
        refunds: [],
        customer: { customerGid, email: `c${customerNumber}@example.com`, firstName: "Member", lastName: String(customerNumber), phone: null, shopifyCreatedAt: null, shopifyUpdatedAt: null },
      },
    },
    { topic: "orders/paid", receivedAt: at },
  );
  if (result.status !== "recorded") throw new Error(`order not recorded: ${result.status}`);
}
