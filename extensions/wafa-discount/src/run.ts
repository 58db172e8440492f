import { compare, formatDecimal, multiply, parseDecimal, truncate, type Decimal } from "./decimal";
import { parseReservationList, type Reservation } from "./reservation";

/**
 * Wafa's discount Function (Discount Function API 2026-04, both run targets). It applies the
 * rewards a shopper reserved, as the app wrote them to the customer's app-owned metafield,
 * and nothing otherwise: no customer, a reservation for another customer, one past its last
 * day, a cart below its minimum or without its products, or a discount class the merchant's
 * discount does not have. Points were held when the reservation was made; the app commits
 * them when an order carrying this discount is paid (docs/decisions/0015-redemption.md).
 *
 * The input types mirror src/run.graphql (run.test.ts validates both against the schema).
 */
type Money = { readonly amount: string };
type DiscountClass = "ORDER" | "PRODUCT" | "SHIPPING";

export type RunInput = {
  readonly presentmentCurrencyRate: string;
  readonly shop: { readonly localTime: { readonly date: string } };
  readonly discount: { readonly discountClasses: readonly DiscountClass[] };
  readonly cart: {
    readonly buyerIdentity: { readonly customer: { readonly id: string; readonly reservation: { readonly jsonValue: unknown } | null } | null } | null;
    readonly cost: { readonly subtotalAmount: Money };
    readonly lines: readonly CartLine[];
    readonly deliveryGroups: readonly { readonly id: string }[];
  };
};

type CartLine = {
  readonly id: string;
  readonly quantity: number;
  readonly cost: { readonly subtotalAmount: Money };
  readonly merchandise:
    | { readonly __typename: "ProductVariant"; readonly id: string; readonly product: { readonly inCollections: readonly { readonly collectionId: string; readonly isMember: boolean }[] } }
    | { readonly __typename: "CustomProduct" };
};

type Candidate = Record<string, unknown>;
export type CartOperation = { readonly orderDiscountsAdd: Candidate } | { readonly productDiscountsAdd: Candidate };
export type DeliveryOperation = { readonly deliveryDiscountsAdd: Candidate };
export type CartLinesRunResult = { readonly operations: CartOperation[] };
export type DeliveryOptionsRunResult = { readonly operations: DeliveryOperation[] };

/** Fraction digits kept when converting to the cart's currency (Shopify rounds to the currency after). */
const CONVERTED_SCALE = 4;

export function cartLinesDiscountsGenerateRun(input: RunInput): CartLinesRunResult {
  const operations: CartOperation[] = [];
  const usable = usableReservations(input);
  const order = usable.find((entry) => entry.discountClass === "ORDER");
  if (order) operations.push({ orderDiscountsAdd: { candidates: [orderCandidate(order, input)], selectionStrategy: "FIRST" } });
  const products = usable.filter((entry) => entry.discountClass === "PRODUCT").map((entry) => productCandidate(entry, input));
  if (products.length > 0) operations.push({ productDiscountsAdd: { candidates: products, selectionStrategy: "ALL" } });
  return { operations };
}

export function cartDeliveryOptionsDiscountsGenerateRun(input: RunInput): DeliveryOptionsRunResult {
  const shipping = usableReservations(input).find((entry) => entry.discountClass === "SHIPPING");
  const groups = input.cart.deliveryGroups;
  if (!shipping || shipping.reservation.value.kind !== "free_shipping" || groups.length === 0) return { operations: [] };
  const { maxAmount } = shipping.reservation.value;
  // A capped amount goes on one group, so several shipments cannot add up past the cap.
  const targets = (maxAmount === null ? groups : groups.slice(0, 1)).map((group) => ({ deliveryGroup: { id: group.id } }));
  const value = maxAmount === null ? { percentage: { value: "100" } } : { fixedAmount: { amount: toCart(maxAmount, input) } };
  return { operations: [{ deliveryDiscountsAdd: { candidates: [{ message: shipping.reservation.title, targets, value }], selectionStrategy: "ALL" } }] };
}

type Usable = { readonly reservation: Reservation; readonly discountClass: DiscountClass; readonly lines: readonly CartLine[] };

/** The reservations this cart and this discount may apply, each with the lines it may target. */
function usableReservations(input: RunInput): Usable[] {
  const customer = input.cart.buyerIdentity?.customer;
  if (!customer?.reservation) return [];
  const list = parseReservationList(customer.reservation.jsonValue);
  if (!list || list.customerId !== customer.id) return [];
  const subtotal = parseDecimal(input.cart.cost.subtotalAmount.amount);
  const rate = parseDecimal(input.presentmentCurrencyRate);
  if (!subtotal || !rate) return [];
  const usable: Usable[] = [];
  for (const reservation of list.reservations) {
    // ISO dates compare as strings; the last valid day is inclusive.
    if (reservation.validThrough < input.shop.localTime.date) continue;
    if (compare(subtotal, multiply(reservation.minimumSubtotal, rate)) < 0) continue;
    const lines = eligibleLines(reservation, input.cart.lines);
    if (lines.length === 0) continue;
    const discountClass = classOf(reservation);
    if (!input.discount.discountClasses.includes(discountClass)) continue;
    usable.push({ reservation, discountClass, lines });
  }
  return usable;
}

function eligibleLines(reservation: Reservation, lines: readonly CartLine[]): CartLine[] {
  if (reservation.value.kind === "free_product") {
    const { variantId } = reservation.value;
    const gift = lines.filter((line) => line.merchandise.__typename === "ProductVariant" && line.merchandise.id === variantId && line.quantity > 0);
    return reservation.collectionIds.length === 0 || inCollections(reservation, lines).length > 0 ? gift : [];
  }
  return reservation.collectionIds.length === 0 ? [...lines] : inCollections(reservation, lines);
}

function inCollections(reservation: Reservation, lines: readonly CartLine[]): CartLine[] {
  return lines.filter(
    (line) =>
      line.merchandise.__typename === "ProductVariant" &&
      line.merchandise.product.inCollections.some((membership) => membership.isMember && reservation.collectionIds.includes(membership.collectionId)),
  );
}

function classOf(reservation: Reservation): DiscountClass {
  switch (reservation.value.kind) {
    case "free_shipping":
      return "SHIPPING";
    case "free_product":
      return "PRODUCT";
    default:
      return reservation.collectionIds.length > 0 ? "PRODUCT" : "ORDER";
  }
}

function orderCandidate({ reservation }: Usable, input: RunInput): Candidate {
  const minimum = reservation.minimumSubtotal.digits > 0n ? [{ orderMinimumSubtotal: { minimumAmount: formatDecimal(reservation.minimumSubtotal), excludedCartLineIds: [] } }] : [];
  return {
    message: reservation.title,
    targets: [{ orderSubtotal: { excludedCartLineIds: [] } }],
    value: amountOrPercent(reservation, input),
    // Shopify checks the minimum again in the shop's currency, exactly.
    ...(minimum.length > 0 ? { conditions: minimum } : {}),
  };
}

function productCandidate({ reservation, lines }: Usable, input: RunInput): Candidate {
  if (reservation.value.kind === "free_product") {
    const [gift] = lines;
    return { message: reservation.title, targets: [{ cartLine: { id: gift?.id, quantity: 1 } }], value: { percentage: { value: "100" } } };
  }
  const value = amountOrPercent(reservation, input);
  const productValue = "fixedAmount" in value ? { fixedAmount: { ...value.fixedAmount, appliesToEachItem: false } } : value;
  return { message: reservation.title, targets: lines.map((line) => ({ cartLine: { id: line.id } })), value: productValue };
}

function amountOrPercent(reservation: Reservation, input: RunInput): { fixedAmount: { amount: string } } | { percentage: { value: string } } {
  const { value } = reservation;
  if (value.kind === "amount_off") return { fixedAmount: { amount: toCart(value.amount, input) } };
  if (value.kind === "percent_off") return { percentage: { value: String(value.percent) } };
  throw new Error(`not an amount or percent: ${value.kind}`);
}

/** An amount in the shop's currency, converted to the cart's (rounded toward zero). */
function toCart(amount: Decimal, input: RunInput): string {
  const rate = parseDecimal(input.presentmentCurrencyRate);
  if (!rate) throw new Error("no presentment currency rate");
  return formatDecimal(truncate(multiply(amount, rate), CONVERTED_SCALE));
}
