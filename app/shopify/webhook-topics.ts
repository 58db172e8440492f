/**
 * Every webhook Wafa subscribes to, and the app route that handles it. shopify.app.toml
 * declares the same list (a test keeps them in step); the sandbox delivers to these paths.
 */
export const WEBHOOK_TOPICS = {
  "orders/create": "/webhooks/orders/create",
  "orders/paid": "/webhooks/orders/paid",
  "orders/updated": "/webhooks/orders/updated",
  "orders/cancelled": "/webhooks/orders/cancelled",
  "refunds/create": "/webhooks/refunds/create",
  "customers/create": "/webhooks/customers/create",
  "customers/update": "/webhooks/customers/update",
  "products/create": "/webhooks/products/create",
  "products/update": "/webhooks/products/update",
  "products/delete": "/webhooks/products/delete",
  "app/uninstalled": "/webhooks/app/uninstalled",
  "app/scopes_update": "/webhooks/app/scopes_update",
  "customers/data_request": "/webhooks/compliance",
  "customers/redact": "/webhooks/compliance",
  "shop/redact": "/webhooks/compliance",
} as const;

export type WebhookTopic = keyof typeof WEBHOOK_TOPICS;

export const COMPLIANCE_TOPICS: ReadonlySet<WebhookTopic> = new Set(["customers/data_request", "customers/redact", "shop/redact"]);

export const isWebhookTopic = (topic: string): topic is WebhookTopic => Object.hasOwn(WEBHOOK_TOPICS, topic);
