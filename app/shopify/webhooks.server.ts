import { z } from "zod";
import type { AppDatabase } from "../db/database.server";
import { exportCustomerData, redactCustomerData, redactShopData } from "../services/compliance.server";
import { recordCustomer } from "../services/record-customer.server";
import { recordOrderEvent } from "../services/record-order-event.server";
import { RedemptionOrderPayload, settleOrderRedemptions } from "../services/redemption/settle-order-redemptions.server";
import { offlineAdminFor } from "../shopify/admin/offline-admin.server";
import { recordProduct, recordProductDeleted } from "../services/record-product.server";
import { uninstallShop, updateScopes } from "../services/uninstall-shop.server";
import { CustomersDataRequestPayload, CustomersRedactPayload, ScopesUpdatePayload, ShopRedactPayload } from "./payloads/compliance";
import { customerFacts, CustomerPayload } from "./payloads/customer";
import { orderFacts, OrderPayload } from "./payloads/order";
import { ProductDeletePayload, productFacts, productGidOf, ProductPayload } from "./payloads/product";
import { RefundPayload } from "./payloads/refund";
import { toGid } from "./payloads/common";
import type { WebhookTopic } from "./webhook-topics";

type Delivery<T> = { shop: string; topic: WebhookTopic; payload: T; receivedAt: Date };

export type TopicOutcome = { status: "handled" } | { status: "invalid_payload"; reason: string };

/** Validates a topic's payload, then hands it to the topic's one service. */
export type TopicHandler = (database: AppDatabase, delivery: Delivery<unknown>) => Promise<TopicOutcome>;

/**
 * A service's answer that its input, valid for the schema, is not valid for the shop (an
 * order in another currency than the shop's): parked like a schema break.
 */
const InvalidInput = z.object({ status: z.literal("invalid_input"), reason: z.string() });

function handler<S extends z.ZodType>(schema: S, handle: (database: AppDatabase, delivery: Delivery<z.output<S>>) => Promise<unknown>): TopicHandler {
  return async (database, delivery) => {
    const parsed = schema.safeParse(delivery.payload);
    if (!parsed.success) return { status: "invalid_payload", reason: z.prettifyError(parsed.error) };
    const invalid = InvalidInput.safeParse(await handle(database, { ...delivery, payload: parsed.data }));
    if (invalid.success) return { status: "invalid_payload", reason: invalid.data.reason };
    return { status: "handled" };
  };
}

const recordOrderHandler = handler(OrderPayload, (database, { shop, topic, payload, receivedAt }) =>
  recordOrderEvent(database, shop, { kind: "order", facts: orderFacts(payload) }, { topic, receivedAt }),
);

/** Then the redemptions the order used (issue 4): applied, committed when paid, given back when cancelled. */
const orderHandler: TopicHandler = async (database, delivery) => {
  const outcome = await recordOrderHandler(database, delivery);
  const redemptionOrder = RedemptionOrderPayload.safeParse(delivery.payload);
  if (outcome.status === "handled" && redemptionOrder.success) {
    await settleOrderRedemptions(database, delivery.shop, delivery.topic, redemptionOrder.data, offlineAdminFor, delivery.receivedAt);
  }
  return outcome;
};

const customerHandler = (topic: "customers/create" | "customers/update") =>
  handler(CustomerPayload, (database, { shop, payload, receivedAt }) => recordCustomer(database, shop, customerFacts(payload), { topic, receivedAt }));

/** What each topic's payload must look like, and the one service that handles it. */
export const WEBHOOK_HANDLERS = {
  "orders/create": orderHandler,
  "orders/paid": orderHandler,
  "orders/updated": orderHandler,
  "orders/cancelled": orderHandler,
  "refunds/create": handler(RefundPayload, (database, { shop, topic, payload, receivedAt }) =>
    recordOrderEvent(database, shop, { kind: "refund", refund: payload }, { topic, receivedAt }),
  ),
  "customers/create": customerHandler("customers/create"),
  "customers/update": customerHandler("customers/update"),
  "products/create": handler(ProductPayload, (database, { shop, payload, receivedAt }) => recordProduct(database, shop, productFacts(payload), receivedAt)),
  "products/update": handler(ProductPayload, (database, { shop, payload, receivedAt }) => recordProduct(database, shop, productFacts(payload), receivedAt)),
  "products/delete": handler(ProductDeletePayload, (database, { shop, payload, receivedAt }) => recordProductDeleted(database, shop, productGidOf(payload.id), receivedAt)),
  "app/uninstalled": handler(z.object({}).passthrough(), (database, { shop, receivedAt }) => uninstallShop(database, shop, receivedAt)),
  "app/scopes_update": handler(ScopesUpdatePayload, (database, { shop, payload, receivedAt }) => updateScopes(database, shop, payload.current, receivedAt)),
  "customers/redact": handler(CustomersRedactPayload, (database, { shop, payload, receivedAt }) =>
    redactCustomerData(database, shop, toGid("Customer", payload.customer.id), receivedAt),
  ),
  "customers/data_request": handler(CustomersDataRequestPayload, (database, { shop, payload, receivedAt }) =>
    exportCustomerData(
      database,
      shop,
      {
        customerGid: toGid("Customer", payload.customer.id),
        dataRequestId: payload.data_request?.id ?? null,
        ordersRequested: payload.orders_requested.map((id) => toGid("Order", id)),
      },
      receivedAt,
    ),
  ),
  "shop/redact": handler(ShopRedactPayload, (database, { shop }) => redactShopData(database, shop)),
} satisfies Record<WebhookTopic, TopicHandler>;
