/**
 * The latest known state of a Shopify order, as the ledger needs it, and the rules that
 * make that state converge whatever order webhooks arrive in.
 *
 * Convergence: the stored snapshot is the maximum of every payload seen, under a total
 * order (updated_at, then a deterministic rank), and the known refunds are the union of
 * every refund seen (refunds/create or an order payload's `refunds`). Both are joins of a
 * semilattice, so duplicates and reordering cannot change the result.
 */

export type OrderLine = {
  readonly lineItemId: string;
  readonly productId: string | null;
  readonly quantity: number;
  /** Quantity after edits and refunds (Shopify's `current_quantity`). */
  readonly currentQuantity: number;
  readonly giftCard: boolean;
  /** Unit price, shop money, minor units. */
  readonly unitPriceMinor: number;
  /** Discounts allocated to the whole line (all `quantity` units), shop money, minor units. */
  readonly discountMinor: number;
};

export type OrderSnapshot = {
  readonly orderId: string;
  readonly name: string | null;
  readonly customerId: string | null;
  readonly test: boolean;
  readonly financialStatus: string | null;
  readonly cancelledAt: Date | null;
  readonly createdAt: Date;
  readonly processedAt: Date | null;
  readonly updatedAt: Date;
  /** The shop's currency: every amount below is shop money, in its minor units. */
  readonly currency: string;
  /** `current_subtotal_price_set.shop_money`: after edits, discounts and included refunds. */
  readonly subtotalMinor: number;
  readonly totalMinor: number;
  readonly discountsMinor: number;
  /** `current_shipping_price_set.shop_money`: shipping charged, after shipping refunds. */
  readonly shippingMinor: number;
  /** `current_total_tax_set.shop_money`. */
  readonly taxMinor: number;
  /** Prices include tax (`taxes_included`): the subtotal already holds the line taxes. */
  readonly taxesIncluded: boolean;
  /** Refunds this payload already reflects (its `refunds` array). */
  readonly includedRefundIds: readonly string[];
  readonly lines: readonly OrderLine[];
  readonly discountCodes: readonly string[];
  readonly sourceName: string | null;
};

/** One refunded line of a refund (shop money, minor units). */
export type RefundLine = {
  readonly lineItemId: string;
  readonly quantity: number;
  readonly subtotalMinor: number;
  readonly giftCard: boolean;
};

export type RefundFact = {
  readonly refundId: string;
  readonly orderId: string;
  readonly processedAt: Date | null;
  readonly currency: string;
  /** Refunded line subtotal, excluding gift-card lines, minor units. */
  readonly lineSubtotalMinor: number;
  /** Refunded gift-card line subtotal, minor units. */
  readonly giftCardMinor: number;
  /** The refunded lines, when known (exclusions by product need them). */
  readonly lineItems?: readonly RefundLine[];
};

/** Financial statuses in which an order has been paid (possibly refunded since). */
const PAID_STATUSES: ReadonlySet<string> = new Set(["paid", "partially_refunded", "refunded"]);

export function isPaidStatus(financialStatus: string | null): boolean {
  return financialStatus !== null && PAID_STATUSES.has(financialStatus);
}

/** The instant that decides which program governs the order. */
export function orderProcessedAt(order: OrderSnapshot): Date {
  return order.processedAt ?? order.createdAt;
}

/**
 * A line's current value in the subtotal: unit price × current quantity, less the line's
 * discount prorated to the current quantity (rounded down), or before discounts.
 */
export function lineCurrentValueMinor(line: OrderLine, options: { beforeDiscounts: boolean } = { beforeDiscounts: false }): number {
  if (line.currentQuantity <= 0) return 0;
  const gross = line.unitPriceMinor * line.currentQuantity;
  if (options.beforeDiscounts) return gross;
  const discount = line.quantity > 0 ? floorDiv(line.discountMinor * line.currentQuantity, line.quantity) : 0;
  return gross - discount;
}

/**
 * Current value of the gift-card lines in the subtotal: not eligible for points (buying a
 * gift card is not spending; spending it later is). Shopify does not discount gift cards,
 * but any allocation is prorated to the current quantity, rounding the discount down.
 */
export function giftCardValueMinor(lines: readonly OrderLine[]): number {
  let total = 0;
  for (const line of lines) if (line.giftCard) total += lineCurrentValueMinor(line);
  return total;
}

/** Floor division of safe integers, done on integers so the result is exact by construction. */
export function floorDiv(dividend: number, divisor: number): number {
  if (!Number.isSafeInteger(dividend) || !Number.isSafeInteger(divisor) || divisor <= 0) {
    throw new Error(`floorDiv needs safe integers and a positive divisor, got ${dividend} / ${divisor}`);
  }
  const remainder = ((dividend % divisor) + divisor) % divisor;
  return (dividend - remainder) / divisor;
}

const STATUS_RANK: Readonly<Record<string, number>> = {
  pending: 1, authorized: 2, partially_paid: 3, paid: 4, partially_refunded: 5, refunded: 6, voided: 7, expired: 8,
};

/**
 * Tie-break for payloads with the same `updated_at` (it has one-second precision): states
 * that are later in an order's life rank higher (more refunds, cancelled, a later
 * financial status), and a hash of the content orders whatever is left, so the choice
 * never depends on delivery order.
 */
export function snapshotRank(order: OrderSnapshot): string {
  const refunds = order.includedRefundIds.length.toString().padStart(4, "0");
  const cancelled = order.cancelledAt ? "1" : "0";
  const status = (STATUS_RANK[order.financialStatus ?? ""] ?? 0).toString().padStart(2, "0");
  return `${refunds}.${cancelled}.${status}.${fnv1a(fingerprintText(order))}`;
}

export type SnapshotVersion = { readonly updatedAt: Date; readonly rank: string };

export function snapshotVersion(order: OrderSnapshot): SnapshotVersion {
  return { updatedAt: order.updatedAt, rank: snapshotRank(order) };
}

/** True when `candidate` should replace `stored` as the order's latest known state. */
export function supersedes(candidate: SnapshotVersion, stored: SnapshotVersion): boolean {
  const difference = candidate.updatedAt.getTime() - stored.updatedAt.getTime();
  if (difference !== 0) return difference > 0;
  return candidate.rank > stored.rank;
}

/** Refunds known for the order that its stored snapshot does not yet reflect. */
export function refundsNotIncluded(order: OrderSnapshot, refunds: readonly RefundFact[]): RefundFact[] {
  const included = new Set(order.includedRefundIds);
  return refunds.filter((refund) => refund.orderId === order.orderId && !included.has(refund.refundId));
}

/** Every field of the snapshot, in a fixed order, so equal states give equal text. */
function fingerprintText(order: OrderSnapshot): string {
  return JSON.stringify([
    order.orderId, order.name, order.customerId, order.test, order.financialStatus, order.cancelledAt?.getTime() ?? null,
    order.createdAt.getTime(), order.processedAt?.getTime() ?? null, order.updatedAt.getTime(), order.currency,
    order.subtotalMinor, order.totalMinor, order.discountsMinor, order.shippingMinor, order.taxMinor, order.taxesIncluded, order.includedRefundIds, order.discountCodes, order.sourceName,
    order.lines.map((line) => [line.lineItemId, line.productId, line.quantity, line.currentQuantity, line.giftCard, line.unitPriceMinor, line.discountMinor]),
  ]);
}

/** 32-bit FNV-1a, as 8 hex digits: a stable content fingerprint (not a security hash). */
function fnv1a(text: string): string {
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index++) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(16).padStart(8, "0");
}
