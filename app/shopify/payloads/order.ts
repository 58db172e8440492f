import { z } from "zod";
import type { OrderLine, OrderSnapshot } from "../../loyalty/orders/order-state";
import { addMoney, zeroMoney } from "../../loyalty/money/money";
import type { CustomerFacts } from "../../repositories/customers.server";
import type { RefundRecord } from "../../repositories/orders.server";
import { gidOf, MAX_AMOUNT_MINOR, NumericId, OptionalText, Quantity, ShopMoney, Timestamp, toGid } from "./common";
import { CustomerPayload, customerFacts } from "./customer";
import { RefundPayload, refundRecord } from "./refund";

const DiscountAllocation = z.object({ amount_set: ShopMoney });

const LineItem = z.object({
  admin_graphql_api_id: gidOf("LineItem"),
  product_id: NumericId.nullish(),
  quantity: Quantity,
  current_quantity: Quantity.optional(),
  gift_card: z.boolean(),
  price_set: ShopMoney,
  discount_allocations: z.array(DiscountAllocation).default([]),
});

/**
 * What Wafa reads from orders/create, orders/paid, orders/updated and orders/cancelled
 * (the REST order payload, webhook API 2026-04). Only these fields; the rest is ignored.
 */
export const OrderPayload = z.object({
  admin_graphql_api_id: gidOf("Order"),
  name: OptionalText,
  test: z.boolean(),
  financial_status: OptionalText,
  cancelled_at: Timestamp.nullish(),
  created_at: Timestamp,
  processed_at: Timestamp.nullish(),
  updated_at: Timestamp,
  current_subtotal_price_set: ShopMoney,
  current_total_price_set: ShopMoney,
  current_total_discounts_set: ShopMoney,
  // Older payloads lack the current shipping figure; the original one is then the best known.
  current_shipping_price_set: ShopMoney.nullish(),
  total_shipping_price_set: ShopMoney.nullish(),
  current_total_tax_set: ShopMoney.nullish(),
  taxes_included: z.boolean().nullish(),
  customer: CustomerPayload.nullish(),
  line_items: z.array(LineItem),
  refunds: z.array(RefundPayload).default([]),
  discount_codes: z.array(z.object({ code: z.string() }).passthrough()).default([]),
  source_name: OptionalText,
}).superRefine((order, context) => {
  // Every shop money amount of the order, its lines' discount allocations and its refunds
  // included, is in the one shop currency: anything else would throw when summed, or be
  // stored and break every later delivery of the order (issue 10, item 3).
  const currency = order.current_subtotal_price_set.currency;
  const optional = [order.current_shipping_price_set, order.total_shipping_price_set, order.current_total_tax_set].filter((amount) => amount != null);
  const amounts = [
    order.current_total_price_set, order.current_total_discounts_set, ...optional,
    ...order.line_items.flatMap((item) => [item.price_set, ...item.discount_allocations.map((allocation) => allocation.amount_set)]),
    ...order.refunds.flatMap((refund) => refund.refund_line_items.map((item) => item.subtotal_set)),
  ];
  const others = [...new Set(amounts.filter((amount) => amount.currency !== currency).map((amount) => amount.currency))];
  if (others.length > 0) {
    context.addIssue({ code: "custom", message: `shop money amounts are not all in ${currency} (also ${others.join(", ")})` });
  }
  for (const item of order.line_items) {
    if (item.price_set.minor * item.quantity > MAX_AMOUNT_MINOR) {
      context.addIssue({ code: "custom", message: `line ${item.admin_graphql_api_id} totals beyond any real order` });
    }
  }
});
export type OrderPayload = z.infer<typeof OrderPayload>;

export type OrderFacts = {
  readonly snapshot: OrderSnapshot;
  readonly refunds: readonly RefundRecord[];
  readonly customer: CustomerFacts | null;
};

/** Translates an order payload into the core's snapshot, in shop money. */
export function orderFacts(order: OrderPayload): OrderFacts {
  const currency = order.current_subtotal_price_set.currency;
  const lines: OrderLine[] = order.line_items.map((item) => ({
    lineItemId: item.admin_graphql_api_id,
    productId: item.product_id ? toGid("Product", item.product_id) : null,
    quantity: item.quantity,
    currentQuantity: item.current_quantity ?? item.quantity,
    giftCard: item.gift_card,
    unitPriceMinor: item.price_set.minor,
    discountMinor: item.discount_allocations.reduce((sum, allocation) => addMoney(sum, allocation.amount_set), zeroMoney(item.price_set.currency)).minor,
  }));
  const refunds = order.refunds.map((refund) => refundRecord(refund, currency));
  return {
    snapshot: {
      orderId: order.admin_graphql_api_id,
      name: order.name,
      customerId: order.customer?.admin_graphql_api_id ?? null,
      test: order.test,
      financialStatus: order.financial_status,
      cancelledAt: order.cancelled_at ?? null,
      createdAt: order.created_at,
      processedAt: order.processed_at ?? null,
      updatedAt: order.updated_at,
      currency,
      subtotalMinor: order.current_subtotal_price_set.minor,
      totalMinor: order.current_total_price_set.minor,
      discountsMinor: order.current_total_discounts_set.minor,
      shippingMinor: (order.current_shipping_price_set ?? order.total_shipping_price_set)?.minor ?? 0,
      taxMinor: order.current_total_tax_set?.minor ?? 0,
      taxesIncluded: order.taxes_included ?? false,
      includedRefundIds: refunds.map((refund) => refund.refundId).sort(),
      lines,
      discountCodes: order.discount_codes.map((discount) => discount.code),
      sourceName: order.source_name,
    },
    refunds,
    customer: order.customer ? customerFacts(order.customer) : null,
  };
}
