import type { EarningBase } from "../program/rules-schema";
import { lineCurrentValueMinor, type OrderLine, type OrderSnapshot, type RefundFact } from "../orders/order-state";

/** Product tags of an order's lines, by line item id, as known when each line was first seen. */
export type LineTags = ReadonlyMap<string, readonly string[]>;

const NO_TAGS: LineTags = new Map();

/**
 * What the order is worth to the customer relationship, whatever the program: the current
 * subtotal (after discounts, edits and refunds, before shipping and taxes) without gift
 * cards and without refunds the payload does not reflect yet. Tiers and reports use it.
 */
export function netSpendMinor(order: OrderSnapshot, pendingRefunds: readonly RefundFact[]): number {
  let value = order.subtotalMinor;
  for (const line of order.lines) if (line.giftCard) value -= lineCurrentValueMinor(line);
  for (const refund of pendingRefunds) value -= refund.lineSubtotalMinor;
  return Math.max(0, value);
}

/**
 * The spend that earns points under a program's base: the current subtotal, adjusted for
 * the merchant's choices (shipping, taxes, discounts, gift cards, excluded product tags),
 * less refunds known but not yet reflected in the payload. Never below zero.
 *
 * Taxes: where prices include tax the subtotal already holds it, so "without taxes" takes
 * the order's tax out; otherwise "with taxes" adds it. Shipping tax is part of the order's
 * tax total either way (Shopify does not split it in the order payload's totals).
 */
export function eligibleSpendMinor(
  order: OrderSnapshot,
  pendingRefunds: readonly RefundFact[],
  base: EarningBase,
  lineTags: LineTags = NO_TAGS,
): number {
  const excluded = excludedLineIds(order.lines, base, lineTags);
  let value = order.subtotalMinor;
  for (const line of order.lines) {
    if (base.beforeDiscounts) value += lineCurrentValueMinor(line, { beforeDiscounts: true }) - lineCurrentValueMinor(line);
    if (excluded.has(line.lineItemId)) value -= lineCurrentValueMinor(line, { beforeDiscounts: base.beforeDiscounts });
  }
  if (base.includeShipping) value += order.shippingMinor;
  if (base.includeTaxes && !order.taxesIncluded) value += order.taxMinor;
  if (!base.includeTaxes && order.taxesIncluded) value -= order.taxMinor;
  for (const refund of pendingRefunds) value -= eligibleRefundMinor(refund, base, excluded);
  return Math.max(0, value);
}

/** Lines that earn nothing under the base: gift cards (unless included) and excluded tags. */
export function excludedLineIds(lines: readonly OrderLine[], base: EarningBase, lineTags: LineTags): Set<string> {
  const excludedTags = new Set(base.excludedProductTags.map(normaliseTag));
  const excluded = new Set<string>();
  for (const line of lines) {
    if (line.giftCard && !base.includeGiftCards) excluded.add(line.lineItemId);
    const tags = lineTags.get(line.lineItemId) ?? [];
    if (excludedTags.size > 0 && tags.some((tag) => excludedTags.has(normaliseTag(tag)))) excluded.add(line.lineItemId);
  }
  return excluded;
}

/** Shopify compares product tags case-insensitively; so do we. */
export function normaliseTag(tag: string): string {
  return tag.trim().toLocaleLowerCase("en-US");
}

function eligibleRefundMinor(refund: RefundFact, base: EarningBase, excluded: ReadonlySet<string>): number {
  if (!refund.lineItems) return refund.lineSubtotalMinor + (base.includeGiftCards ? refund.giftCardMinor : 0);
  let value = 0;
  for (const line of refund.lineItems) {
    if (!excluded.has(line.lineItemId) && (!line.giftCard || base.includeGiftCards)) value += line.subtotalMinor;
  }
  return value;
}
