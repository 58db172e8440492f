import { z } from "zod";
import { addMoney, zeroMoney, type Money } from "../../loyalty/money/money";
import type { RefundRecord } from "../../repositories/orders.server";
import { gidOf, NumericId, Quantity, ShopMoney, Timestamp, toGid } from "./common";

const RefundLineItem = z.object({
  quantity: Quantity,
  line_item_id: NumericId,
  subtotal_set: ShopMoney,
  line_item: z.object({ gift_card: z.boolean() }).passthrough(),
});

/** refunds/create, and each entry of an order payload's `refunds`. */
export const RefundPayload = z.object({
  admin_graphql_api_id: gidOf("Refund"),
  // Only a number in Shopify's payload: parsed losslessly (../json.ts).
  order_id: NumericId,
  created_at: Timestamp,
  processed_at: Timestamp.nullish(),
  refund_line_items: z.array(RefundLineItem).default([]),
}).refine(
  (refund) => new Set(refund.refund_line_items.map((item) => item.subtotal_set.currency)).size <= 1,
  "refund line subtotals are not all in one shop currency",
);
export type RefundPayload = z.infer<typeof RefundPayload>;

/**
 * The refund as the ledger needs it: refunded line subtotal in shop money, gift cards apart.
 * A refund without line items (shipping only) takes the shop's currency.
 */
export function refundRecord(refund: RefundPayload, fallbackCurrency: string): RefundRecord {
  const shopCurrency = refund.refund_line_items[0]?.subtotal_set.currency ?? fallbackCurrency;
  let lines: Money = zeroMoney(shopCurrency);
  let giftCards: Money = zeroMoney(shopCurrency);
  for (const item of refund.refund_line_items) {
    if (item.line_item.gift_card) giftCards = addMoney(giftCards, item.subtotal_set);
    else lines = addMoney(lines, item.subtotal_set);
  }
  return {
    refundId: refund.admin_graphql_api_id,
    orderId: toGid("Order", refund.order_id),
    processedAt: refund.processed_at ?? refund.created_at,
    currency: shopCurrency,
    lineSubtotalMinor: lines.minor,
    giftCardMinor: giftCards.minor,
    lineItems: refund.refund_line_items.map((item) => ({
      lineItemId: toGid("LineItem", item.line_item_id),
      quantity: item.quantity,
      subtotalMinor: item.subtotal_set.minor,
      giftCard: item.line_item.gift_card,
    })),
  };
}
