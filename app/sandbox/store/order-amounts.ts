/**
 * Every money total of an order payload, derived from the order's state (never stored, so
 * the payload cannot disagree with its lines). Shipping is not taxed in the simulated store.
 * A shipping discount stays on the order when its shipping is refunded: the refund returns
 * what was paid for shipping, which is the rate less its discount.
 */
import { currentQuantity, lineDiscountMinor, lineTaxMinor, lineValueMinor } from "./order-math";
import type { OrderState } from "./state";

export type OrderAmounts = {
  /** Σ unit price × ordered quantity (`total_line_items_price`). */
  readonly lineItemsMinor: number;
  /** As ordered, after discounts (`subtotal_price`). */
  readonly subtotalMinor: number;
  /** Line discounts and shipping discounts (`total_discounts`, as in Shopify's orders/paid sample). */
  readonly discountsMinor: number;
  readonly taxMinor: number;
  /** The shipping rate before its discounts (`total_shipping_price_set`). */
  readonly shippingMinor: number;
  readonly shippingDiscountMinor: number;
  readonly totalMinor: number;
  /** After discounts, edits and refunds, before shipping and tax (`current_subtotal_price`). */
  readonly currentSubtotalMinor: number;
  readonly currentDiscountsMinor: number;
  readonly currentTaxMinor: number;
  readonly currentShippingMinor: number;
  readonly currentTotalMinor: number;
  /** Money returned to the customer so far. */
  readonly refundedMinor: number;
  /** Still owed by the customer; negative when the order shrank after payment. */
  readonly outstandingMinor: number;
};

const sum = (values: readonly number[]) => values.reduce((total, value) => total + value, 0);

export function orderAmounts(order: OrderState): OrderAmounts {
  const lines = order.lines;
  const subtotalMinor = sum(lines.map((line) => lineValueMinor(line, line.quantity)));
  const taxMinor = sum(lines.map((line) => lineTaxMinor(line, line.quantity, order.taxPpm)));
  const shippingMinor = order.shipping?.priceMinor ?? 0;
  const shippingDiscountMinor = order.shipping?.discountMinor ?? 0;
  const currentSubtotalMinor = sum(lines.map((line) => lineValueMinor(line, currentQuantity(line))));
  const currentTaxMinor = sum(lines.map((line) => lineTaxMinor(line, currentQuantity(line), order.taxPpm)));
  const currentShippingMinor = shippingMinor - shippingDiscountMinor - (order.shipping?.refundedMinor ?? 0);
  const currentTotalMinor = currentSubtotalMinor + currentTaxMinor + currentShippingMinor;
  const refundedMinor = sum(order.refunds.map((refund) => refund.transaction?.amountMinor ?? 0));
  return {
    lineItemsMinor: sum(lines.map((line) => line.unitPriceMinor * line.quantity)),
    subtotalMinor,
    discountsMinor: sum(lines.map((line) => line.discountMinor)) + shippingDiscountMinor,
    taxMinor,
    shippingMinor,
    shippingDiscountMinor,
    totalMinor: subtotalMinor + taxMinor + shippingMinor - shippingDiscountMinor,
    currentSubtotalMinor,
    currentDiscountsMinor: sum(lines.map((line) => lineDiscountMinor(line, currentQuantity(line)))) + shippingDiscountMinor,
    currentTaxMinor,
    currentShippingMinor,
    currentTotalMinor,
    refundedMinor,
    // A voided order owes nothing; otherwise what the order is worth now less what was kept.
    outstandingMinor: order.financialStatus === "voided" ? 0 : currentTotalMinor - (order.paidMinor - refundedMinor),
  };
}
