// Webhook bodies for tests, derived from Shopify's documented samples (fixtures/shopify-webhooks).
import { readFileSync } from "node:fs";
import path from "node:path";

const SAMPLES = path.resolve(process.cwd(), "app", "test", "fixtures", "shopify-webhooks");

/** A documented sample, as raw text (ids intact). */
export function sampleText(name: string): string {
  return readFileSync(path.join(SAMPLES, name), "utf8");
}

type OrderOptions = {
  readonly id: number;
  readonly customerId?: number | null;
  readonly subtotal: string;
  readonly financialStatus?: string;
  readonly test?: boolean;
  readonly updatedAt?: string;
  readonly processedAt?: string;
  readonly cancelledAt?: string | null;
  readonly refunds?: unknown[];
};

const money = (amount: string) => ({ shop_money: { amount, currency_code: "USD" }, presentment_money: { amount, currency_code: "USD" } });

/**
 * An order payload in Shopify's shape (from the documented orders/paid sample, which is a
 * cancelled test order) edited into a normal paid purchase of one line.
 */
export function orderPayload(options: OrderOptions): Record<string, unknown> {
  const sample = JSON.parse(sampleText("orders_paid.json")) as Record<string, unknown>;
  const lineItems = sample.line_items as Array<Record<string, unknown>>;
  const line = { ...lineItems[0], price: options.subtotal, price_set: money(options.subtotal), quantity: 1, current_quantity: 1, gift_card: false, discount_allocations: [] };
  const customer = sample.customer as Record<string, unknown>;
  return {
    ...sample,
    id: options.id,
    admin_graphql_api_id: `gid://shopify/Order/${options.id}`,
    name: `#${options.id}`,
    test: options.test ?? false,
    financial_status: options.financialStatus ?? "paid",
    cancelled_at: options.cancelledAt ?? null,
    cancel_reason: null,
    created_at: options.processedAt ?? "2026-03-01T10:00:00-05:00",
    processed_at: options.processedAt ?? "2026-03-01T10:00:00-05:00",
    updated_at: options.updatedAt ?? "2026-03-01T10:00:00-05:00",
    current_subtotal_price: options.subtotal,
    current_subtotal_price_set: money(options.subtotal),
    current_total_price_set: money(options.subtotal),
    current_total_discounts_set: money("0.00"),
    line_items: [line],
    refunds: options.refunds ?? [],
    customer:
      options.customerId === null
        ? null
        : { ...customer, id: options.customerId ?? 7001, admin_graphql_api_id: `gid://shopify/Customer/${options.customerId ?? 7001}`, updated_at: "2026-03-01T10:00:00-05:00" },
  };
}

type RefundOptions = {
  readonly id: number;
  readonly orderId: number;
  /** One refunded line's subtotal, shop money. */
  readonly subtotal: string;
  readonly currency?: string;
  readonly lineItemId?: number;
  readonly quantity?: number;
  readonly createdAt?: string;
};

/** A refunds/create payload in Shopify's shape (from the documented sample) refunding one line. */
export function refundPayload(options: RefundOptions): Record<string, unknown> {
  const sample = JSON.parse(sampleText("refunds_create.json")) as Record<string, unknown>;
  const amount = (value: string) => ({ shop_money: { amount: value, currency_code: options.currency ?? "USD" }, presentment_money: { amount: value, currency_code: options.currency ?? "USD" } });
  return {
    ...sample,
    id: options.id,
    admin_graphql_api_id: `gid://shopify/Refund/${options.id}`,
    order_id: options.orderId,
    created_at: options.createdAt ?? "2026-03-02T10:00:00-05:00",
    processed_at: options.createdAt ?? "2026-03-02T10:00:00-05:00",
    refund_line_items: [
      { id: options.id, quantity: options.quantity ?? 1, line_item_id: options.lineItemId ?? 1, subtotal: Number(options.subtotal), subtotal_set: amount(options.subtotal), line_item: { gift_card: false } },
    ],
  };
}
