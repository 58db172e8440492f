/**
 * Prices a checkout the way Shopify applies discounts, in integer minor units (STYLE.md
 * habit 1): first the product discounts the shop's discount Functions returned (on the
 * lines' prices), then one order discount (a Function's or the entered code's: Wafa's
 * discount combines with product and shipping discounts but not with another order
 * discount, so the larger one applies; docs/decisions/0015-redemption.md, "combinesWith"),
 * on what the product discounts left, then the shipping discounts. Gift cards are never
 * discounted. Every amount is allocated to lines with allocateMinor, so the allocations
 * of a discount always sum exactly to it.
 *
 * The sandbox's discount codes are assumed to combine with product and shipping discounts,
 * as Wafa's does; a merchant's real codes may not (Shopify would then drop one of the two).
 */
import { currencyExponent } from "../../loyalty/money/currency";
import { DELIVERY_GROUP_ID } from "./checkout";
import type { DeliveryCandidate, FunctionRun, OrderCandidate, ProductCandidate } from "./function-output";
import { allocateMinor, shareMinor } from "./order-math";
import type { AutomaticDiscountState } from "./state";

export type PricingLine = {
  readonly cartLineId: string;
  readonly unitPriceMinor: number;
  readonly quantity: number;
  readonly giftCard: boolean;
};

/** An automatic discount as priced: its application, and its minor units per line (in the lines' order) and on shipping. */
export type PricedDiscount = Omit<AutomaticDiscountState, "lines"> & { readonly lineMinor: readonly number[] };

export type PricedCheckout = {
  /** The entered code's share of each line, or null when there is no code or a Function's order discount beat it. */
  readonly codeLineMinor: readonly number[] | null;
  readonly automatic: readonly PricedDiscount[];
};

export type CheckoutPricingInput = {
  readonly currency: string;
  readonly shippingMinor: number | null;
  readonly codePercentPpm: number | null;
  readonly runs: readonly FunctionRun[];
};

const sum = (values: readonly number[]) => values.reduce((total, value) => total + value, 0);

export function priceCheckout(lines: readonly PricingLine[], input: CheckoutPricingInput): PricedCheckout {
  const cart = new PricingCart(lines, input.currency);
  const automatic: PricedDiscount[] = [];
  for (const run of input.runs) {
    // Shopify applies only the classes the discount has; the Function checks them too.
    if (!run.discountClasses.includes("PRODUCT")) continue;
    for (const operation of run.cartLines.operations) {
      if ("productDiscountsAdd" in operation) automatic.push(...cart.applyProductDiscounts(operation.productDiscountsAdd, run.discountTitle));
    }
  }
  const order = cart.bestOrderDiscount(input);
  if (order.kind === "function") automatic.push(order.discount);
  automatic.push(...shippingDiscounts(input, lines.length));
  return { codeLineMinor: order.kind === "code" ? order.lineMinor : null, automatic };
}

/** The lines and what is left of each to discount, as discounts are applied in turn. */
class PricingCart {
  readonly #lines: readonly PricingLine[];
  readonly #currency: string;
  readonly #remaining: number[];
  readonly #index: ReadonlyMap<string, number>;

  constructor(lines: readonly PricingLine[], currency: string) {
    this.#lines = lines;
    this.#currency = currency;
    this.#remaining = lines.map((line) => (line.giftCard ? 0 : line.unitPriceMinor * line.quantity));
    this.#index = new Map(lines.map((line, index) => [line.cartLineId, index]));
  }

  #lineIndex(cartLineId: string): number {
    return this.#target(cartLineId).index;
  }

  #target(cartLineId: string): { index: number; line: PricingLine } {
    const index = this.#index.get(cartLineId);
    const line = index === undefined ? undefined : this.#lines[index];
    // Shopify rejects a Function result naming a line the cart does not have: a bug in the Function.
    if (index === undefined || line === undefined) throw new Error(`the discount Function targeted cart line ${cartLineId}, which the cart does not have`);
    return { index, line };
  }

  #take(shares: readonly number[]): void {
    shares.forEach((share, index) => (this.#remaining[index] = (this.#remaining[index] ?? 0) - share));
  }

  applyProductDiscounts(operation: { candidates: readonly ProductCandidate[]; selectionStrategy: "ALL" | "FIRST" | "MAXIMUM" }, discountTitle: string): PricedDiscount[] {
    const chosen = operation.selectionStrategy === "ALL" ? operation.candidates : this.#pick(operation.candidates, operation.selectionStrategy, (candidate) => this.#productShares(candidate));
    const applied: PricedDiscount[] = [];
    for (const candidate of chosen) {
      const shares = this.#productShares(candidate);
      if (sum(shares) === 0) continue;
      this.#take(shares);
      const eachItem = "fixedAmount" in candidate.value && candidate.value.fixedAmount.appliesToEachItem === true;
      applied.push({ ...applicationValue(candidate, discountTitle), allocationMethod: eachItem ? "each" : "across", targetSelection: "explicit", targetType: "line_item", lineMinor: shares, shippingMinor: 0 });
    }
    return applied;
  }

  #pick<C>(candidates: readonly C[], strategy: "FIRST" | "MAXIMUM", shares: (candidate: C) => readonly number[] | null): C[] {
    let best: { candidate: C; total: number } | null = null;
    for (const candidate of candidates) {
      const priced = shares(candidate);
      if (priced === null) continue;
      if (strategy === "FIRST") return [candidate];
      if (best === null || sum(priced) > best.total) best = { candidate, total: sum(priced) };
    }
    return best ? [best.candidate] : [];
  }

  /** A product candidate's minor units per line: on the units it targets, never more than a line has left. */
  #productShares(candidate: ProductCandidate): number[] {
    const bases = this.#lines.map(() => 0);
    const units = this.#lines.map(() => 0);
    for (const { cartLine } of candidate.targets) {
      const { index, line } = this.#target(cartLine.id);
      const targeted = Math.min(cartLine.quantity ?? line.quantity, line.quantity - (units[index] ?? 0));
      units[index] = (units[index] ?? 0) + targeted;
      bases[index] = Math.min((bases[index] ?? 0) + line.unitPriceMinor * targeted, this.#remaining[index] ?? 0);
    }
    const { value } = candidate;
    if ("percentage" in value) return allocateMinor(shareMinor(sum(bases), percentPpm(value.percentage.value)), bases);
    const amountMinor = decimalToMinor(value.fixedAmount.amount, this.#currency);
    if (value.fixedAmount.appliesToEachItem === true) return bases.map((base, index) => Math.min(base, amountMinor * (units[index] ?? 0)));
    return allocateMinor(Math.min(amountMinor, sum(bases)), bases);
  }

  /** The order discount that applies: the largest of the code's and each Function's chosen candidate (the code wins a tie). */
  bestOrderDiscount(input: CheckoutPricingInput): { kind: "code"; lineMinor: number[] } | { kind: "function"; discount: PricedDiscount } | { kind: "none" } {
    let best: { kind: "code"; lineMinor: number[] } | { kind: "function"; discount: PricedDiscount } | { kind: "none" } = { kind: "none" };
    let bestTotal = -1;
    if (input.codePercentPpm !== null) {
      const lineMinor = allocateMinor(shareMinor(sum(this.#remaining), input.codePercentPpm), this.#remaining);
      best = { kind: "code", lineMinor };
      bestTotal = sum(lineMinor);
    }
    for (const run of input.runs) {
      if (!run.discountClasses.includes("ORDER")) continue;
      for (const operation of run.cartLines.operations) {
        if (!("orderDiscountsAdd" in operation)) continue;
        const { candidates, selectionStrategy } = operation.orderDiscountsAdd;
        const [candidate] = this.#pick(candidates, selectionStrategy, (entry) => (this.#meetsConditions(entry) ? this.#orderShares(entry) : null));
        if (candidate === undefined) continue;
        const lineMinor = this.#orderShares(candidate);
        if (sum(lineMinor) <= bestTotal || sum(lineMinor) === 0) continue;
        bestTotal = sum(lineMinor);
        const discount = { ...applicationValue(candidate, run.discountTitle), allocationMethod: "across", targetSelection: "all", targetType: "line_item", lineMinor, shippingMinor: 0 } as const;
        best = { kind: "function", discount };
      }
    }
    if (best.kind !== "none") this.#take(best.kind === "code" ? best.lineMinor : best.discount.lineMinor);
    return best;
  }

  #excluded(cartLineIds: readonly string[]): Set<number> {
    return new Set(cartLineIds.map((id) => this.#lineIndex(id)));
  }

  /** `orderMinimumSubtotal`: the cart's subtotal before discounts, less the excluded lines, in the shop's currency. */
  #meetsConditions(candidate: OrderCandidate): boolean {
    return (candidate.conditions ?? []).every(({ orderMinimumSubtotal }) => {
      const excluded = this.#excluded(orderMinimumSubtotal.excludedCartLineIds);
      const subtotal = sum(this.#lines.map((line, index) => (excluded.has(index) ? 0 : line.unitPriceMinor * line.quantity)));
      return subtotal >= decimalToMinor(orderMinimumSubtotal.minimumAmount, this.#currency);
    });
  }

  #orderShares(candidate: OrderCandidate): number[] {
    const excluded = this.#excluded(candidate.targets.flatMap((target) => target.orderSubtotal.excludedCartLineIds));
    const weights = this.#remaining.map((left, index) => (excluded.has(index) ? 0 : left));
    const { value } = candidate;
    const totalMinor = "percentage" in value ? shareMinor(sum(weights), percentPpm(value.percentage.value)) : Math.min(decimalToMinor(value.fixedAmount.amount, this.#currency), sum(weights));
    return allocateMinor(totalMinor, weights);
  }
}

/** Delivery discounts on the order's one delivery group, each on what the ones before left of the rate. */
function shippingDiscounts(input: CheckoutPricingInput, lineCount: number): PricedDiscount[] {
  let remaining = input.shippingMinor ?? 0;
  const applied: PricedDiscount[] = [];
  for (const run of input.runs) {
    if (!run.discountClasses.includes("SHIPPING")) continue;
    for (const { deliveryDiscountsAdd } of run.delivery.operations) {
      for (const candidate of deliveryDiscountsAdd.candidates) {
        const unknown = candidate.targets.find((target) => input.shippingMinor === null || target.deliveryGroup.id !== DELIVERY_GROUP_ID);
        if (unknown) throw new Error(`the discount Function targeted delivery group ${unknown.deliveryGroup.id}, which the cart does not have`);
        const shippingMinor = deliveryShare(candidate, remaining, input.currency);
        if (shippingMinor === 0) continue;
        remaining -= shippingMinor;
        applied.push({
          ...applicationValue(candidate, run.discountTitle), allocationMethod: "each", targetSelection: "all", targetType: "shipping_line",
          lineMinor: Array.from({ length: lineCount }, () => 0), shippingMinor,
        });
      }
    }
  }
  return applied;
}

function deliveryShare(candidate: DeliveryCandidate, remainingMinor: number, currency: string): number {
  const { value } = candidate;
  if ("percentage" in value) return shareMinor(remainingMinor, percentPpm(value.percentage.value));
  return Math.min(decimalToMinor(value.fixedAmount.amount, currency), remainingMinor);
}

/** The application's title and value: the candidate's message (the reward's name), else the discount's own title. */
function applicationValue(candidate: OrderCandidate | ProductCandidate | DeliveryCandidate, discountTitle: string) {
  const title = candidate.message?.trim() ? candidate.message.trim() : discountTitle;
  const { value } = candidate;
  return "percentage" in value
    ? { title, valueType: "percentage" as const, value: restDecimal(value.percentage.value) }
    : { title, valueType: "fixed_amount" as const, value: restDecimal(value.fixedAmount.amount) };
}

/** A validated percentage ("10", "12.5") as parts per million of the whole (100 % = 1,000,000). */
export function percentPpm(text: string): number {
  const [whole = "0", fraction = ""] = text.split(".");
  return Number(whole) * 10_000 + Number(fraction.padEnd(4, "0"));
}

/**
 * A decimal in the cart's currency as minor units, rounded half up: the Function may return
 * converted amounts with more digits than the currency has, which Shopify rounds to it.
 */
export function decimalToMinor(text: string, currency: string): number {
  const [whole = "0", fraction = ""] = text.split(".");
  const exponent = currencyExponent(currency);
  const digits = BigInt(`${whole}${fraction}`);
  const excess = fraction.length - exponent;
  const minor = excess <= 0 ? digits * 10n ** BigInt(-excess) : (2n * digits + 10n ** BigInt(excess)) / (2n * 10n ** BigInt(excess));
  if (minor > BigInt(Number.MAX_SAFE_INTEGER)) throw new Error(`the discount Function returned ${text}, beyond what the store can price`);
  return Number(minor);
}

/** A decimal as the REST payload writes an application's value: "10.00" → "10.0", "12.50" → "12.5". */
export function restDecimal(text: string): string {
  const [whole = "0", fraction = ""] = text.split(".");
  return `${BigInt(whole).toString()}.${fraction.replace(/0+$/, "") || "0"}`;
}
