/**
 * The simulated store's order arithmetic, in integer minor units only (STYLE.md habit 1).
 *
 * The formulas are the ones Wafa's ledger reads back from the payloads (see
 * app/loyalty/orders/order-state.ts): a line's value at `units` is
 * `unit price × units − its discount prorated to units, the discount rounded down`, so the
 * order's `current_subtotal_price` and every refund's line subtotal agree to the minor unit.
 */
import { floorDiv } from "../../loyalty/orders/order-state";

/** Rates (discount and tax percentages) as integer parts per million: 8.875 % = 88_750. */
export const PPM = 1_000_000;

export type PricedLine = {
  readonly unitPriceMinor: number;
  readonly quantity: number;
  readonly refunded: number;
  readonly removed: number;
  readonly giftCard: boolean;
  /** Discount allocated to all `quantity` units of the line. */
  readonly discountMinor: number;
};

/** Shopify's `current_quantity`: ordered units, less those refunded or removed by edits. */
export function currentQuantity(line: PricedLine): number {
  return line.quantity - line.refunded - line.removed;
}

/** The line's discount share for `units` of its units, rounded down (as the ledger does). */
export function lineDiscountMinor(line: PricedLine, units: number): number {
  return floorDiv(line.discountMinor * units, line.quantity);
}

/** What `units` of the line are worth after discounts, before tax. */
export function lineValueMinor(line: PricedLine, units: number): number {
  return line.unitPriceMinor * units - lineDiscountMinor(line, units);
}

/** Tax on `units` of the line: gift cards are not taxable; each line is rounded on its own. */
export function lineTaxMinor(line: PricedLine, units: number, taxPpm: number): number {
  return line.giftCard ? 0 : shareMinor(lineValueMinor(line, units), taxPpm);
}

/** `amount × rate`, rounded half up to the minor unit. */
export function shareMinor(amountMinor: number, ratePpm: number): number {
  return floorDiv(2 * amountMinor * ratePpm + PPM, 2 * PPM);
}

/**
 * Splits `totalMinor` across `weights` in proportion, exactly: each share is rounded down
 * and the minor units left over go to the largest remainders (ties to the earlier line),
 * so the shares always sum to the total and the split never depends on anything else.
 */
export function allocateMinor(totalMinor: number, weights: readonly number[]): number[] {
  const weightSum = weights.reduce((sum, weight) => sum + weight, 0);
  if (weightSum === 0) {
    if (totalMinor !== 0) throw new Error(`cannot allocate ${totalMinor} across zero weights`);
    return weights.map(() => 0);
  }
  const shares = weights.map((weight) => floorDiv(totalMinor * weight, weightSum));
  const remainders = weights.map((weight, index) => ({ index, remainder: totalMinor * weight - (shares[index] ?? 0) * weightSum }));
  remainders.sort((a, b) => b.remainder - a.remainder || a.index - b.index);
  let leftover = totalMinor - shares.reduce((sum, share) => sum + share, 0);
  for (const { index } of remainders) {
    if (leftover === 0) break;
    shares[index] = (shares[index] ?? 0) + 1;
    leftover -= 1;
  }
  return shares;
}

/** Parses a percentage given as a JS number ("8.875") into exact parts per million, or null. */
export function percentToPpm(percent: number): number | null {
  // String(8.875) is "8.875"; a value that is not a short decimal (0.1 + 0.2) is refused
  // rather than rounded, so the rate the caller meant is the rate the store uses.
  const match = /^(\d{1,3})(?:\.(\d{1,4}))?$/.exec(String(percent));
  if (!match) return null;
  const [, whole = "", fraction = ""] = match;
  return Number(whole) * 10_000 + Number(fraction.padEnd(4, "0"));
}

/** A parts-per-million rate as a decimal percentage string: 100_000 → "10.0", 88_750 → "8.875". */
export function ppmToPercentText(ppm: number): string {
  const whole = Math.trunc(ppm / 10_000);
  const fraction = (ppm % 10_000).toString().padStart(4, "0").replace(/0+$/, "");
  return `${whole}.${fraction === "" ? "0" : fraction}`;
}
