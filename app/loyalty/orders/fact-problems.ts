import type { OrderSnapshot, RefundFact } from "./order-state";

/**
 * Why an order fact cannot be part of an order's book in the shop's currency, or null.
 * The webhook edge refuses such facts (app/shopify/payloads), and the service checks them
 * again against the shop and against what is stored: a fact that breaks these rules would
 * throw when combined with the order's other facts, or add points (a negative refund), and
 * once stored it would break every later delivery of the order (issue 10, items 3 and 4).
 */
export function snapshotProblem(order: OrderSnapshot, shopCurrency: string): string | null {
  if (order.currency !== shopCurrency) return `order ${order.orderId} is in ${order.currency}, the shop's currency is ${shopCurrency}`;
  const amounts = { subtotal: order.subtotalMinor, total: order.totalMinor, discounts: order.discountsMinor, shipping: order.shippingMinor, tax: order.taxMinor };
  for (const [name, minor] of Object.entries(amounts)) {
    if (!isCount(minor)) return `order ${order.orderId} has a ${name} of ${minor} minor units`;
  }
  for (const line of order.lines) {
    const figures = { quantity: line.quantity, "current quantity": line.currentQuantity, "unit price": line.unitPriceMinor, discount: line.discountMinor };
    for (const [name, value] of Object.entries(figures)) {
      if (!isCount(value)) return `line ${line.lineItemId} of order ${order.orderId} has a ${name} of ${value}`;
    }
  }
  return null;
}

export function refundProblem(refund: RefundFact, shopCurrency: string): string | null {
  if (refund.currency !== shopCurrency) return `refund ${refund.refundId} is in ${refund.currency}, the shop's currency is ${shopCurrency}`;
  if (!isCount(refund.lineSubtotalMinor) || !isCount(refund.giftCardMinor)) {
    return `refund ${refund.refundId} refunds ${refund.lineSubtotalMinor + refund.giftCardMinor} minor units`;
  }
  for (const line of refund.lineItems ?? []) {
    if (!isCount(line.quantity) || !isCount(line.subtotalMinor)) return `refund ${refund.refundId} refunds ${line.quantity} of line ${line.lineItemId} for ${line.subtotalMinor} minor units`;
  }
  return null;
}

/** Amounts in minor units and quantities: non-negative safe integers. */
const isCount = (value: number) => Number.isSafeInteger(value) && value >= 0;
