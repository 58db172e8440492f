// Signed orders/paid webhooks for benchmarks: Shopify's documented sample (about 15 KB),
// turned into a normal paid order, with a new order id per request and customers drawn
// from a pool (repeat buyers). Shopify signs, so signing is the load generator's work.
import { createHmac } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";

const sample = JSON.parse(readFileSync(path.resolve("app", "test", "fixtures", "shopify-webhooks", "orders_paid.json"), "utf8")) as Record<string, unknown>;
const customer = sample.customer as Record<string, unknown>;

export function orderPaidBody(orderId: number, customerId: number): string {
  return JSON.stringify({
    ...sample,
    id: orderId,
    admin_graphql_api_id: `gid://shopify/Order/${orderId}`,
    name: `#${orderId}`,
    test: false,
    financial_status: "paid",
    cancelled_at: null,
    cancel_reason: null,
    processed_at: "2026-06-01T10:00:00-04:00",
    created_at: "2026-06-01T10:00:00-04:00",
    updated_at: "2026-06-01T10:00:05-04:00",
    customer: { ...customer, id: customerId, admin_graphql_api_id: `gid://shopify/Customer/${customerId}`, email: `c${customerId}@example.com`, updated_at: "2026-01-01T00:00:00Z" },
  });
}

export function signedOrderPaid(options: { shop: string; secret: string; orderId: number; customerId: number; path: string }) {
  const body = orderPaidBody(options.orderId, options.customerId);
  return {
    method: "POST",
    path: options.path,
    body,
    headers: {
      "Content-Type": "application/json",
      "Content-Length": String(Buffer.byteLength(body)),
      "X-Shopify-Topic": "orders/paid",
      "X-Shopify-Hmac-Sha256": createHmac("sha256", options.secret).update(body, "utf8").digest("base64"),
      "X-Shopify-Shop-Domain": options.shop,
      "X-Shopify-API-Version": "2026-10",
      "X-Shopify-Webhook-Id": `bench-${options.orderId}`,
      "X-Shopify-Triggered-At": "2026-06-01T14:00:05Z",
      "X-Shopify-Event-Id": `event-${options.orderId}`,
    },
  };
}
