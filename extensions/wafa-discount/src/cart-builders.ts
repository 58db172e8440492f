// Inputs for the Function's tests, free of any test framework so that a script can use them
// too (the instruction profile in docs/decisions/0019-discount-function-wasm.md).
import type { RunInput } from "./run";

export const COLLECTIONS = ["gid://shopify/Collection/11", "gid://shopify/Collection/12"];
export const CUSTOMER = "gid://shopify/Customer/1001";
export const TODAY = "2026-11-24";

export type CartLineInput = RunInput["cart"]["lines"][number];

export const line = (id: number, amount: string, collections: readonly string[] = [], variant = 500 + id, quantity = 1): CartLineInput => ({
  id: `gid://shopify/CartLine/${id}`, quantity, cost: { subtotalAmount: { amount } },
  merchandise: {
    __typename: "ProductVariant" as const, id: `gid://shopify/ProductVariant/${variant}`,
    product: { inCollections: COLLECTIONS.map((collectionId) => ({ collectionId, isMember: collections.includes(collectionId) })) },
  },
});

export const reservation = (value: Record<string, unknown>, overrides: Record<string, unknown> = {}) => ({
  id: "1001:key-00000001", title: "Loyalty reward", validThrough: TODAY, value, minimumSubtotal: "0.00", collectionIds: [], ...overrides,
});

/** The most reservations the Function reads from the list (src/reservation.ts). */
export const MAX_RESERVATIONS = 10;

/**
 * Ten reservations that all apply to `largeCart`'s lines (every line for every reservation
 * is walked): an order discount, product discounts on one and both collections, a free
 * product and free shipping.
 */
export function maxReservations(): ReturnType<typeof reservation>[] {
  return [
    reservation({ kind: "amount_off", amount: "10.00" }, { id: "a", minimumSubtotal: "50.00" }),
    reservation({ kind: "percent_off", percent: 15 }, { id: "b", collectionIds: [COLLECTIONS[0]] }),
    reservation({ kind: "amount_off", amount: "7.25" }, { id: "c", collectionIds: [COLLECTIONS[1]] }),
    reservation({ kind: "free_product", variantId: "gid://shopify/ProductVariant/699" }, { id: "d", collectionIds: [COLLECTIONS[1]] }),
    reservation({ kind: "free_shipping", maxAmount: "8.00" }, { id: "e" }),
    ...Array.from({ length: MAX_RESERVATIONS - 5 }, (_, index) => reservation({ kind: "percent_off", percent: 5 + index }, { id: `f${index}`, title: `Loyalty reward ${index + 1}: "${5 + index} %" off`, collectionIds: COLLECTIONS, minimumSubtotal: "100.00" })),
  ];
}

/**
 * A cart of `lineCount` lines (Shopify's instruction limit is set for up to 200), half in
 * each collection, for a guest (`reservations: null`) or a customer with these reservations.
 */
export function largeCart(lineCount: number, reservations: readonly unknown[] | null): RunInput {
  const lines = Array.from({ length: lineCount }, (_, index) => line(index + 1, `${10 + (index % 90)}.${String(index % 100).padStart(2, "0")}`, index % 2 === 0 ? [COLLECTIONS[0] ?? ""] : [COLLECTIONS[1] ?? ""], 500 + index));
  return {
    presentmentCurrencyRate: "0.923456789",
    shop: { localTime: { date: TODAY } },
    discount: { discountClasses: ["ORDER", "PRODUCT", "SHIPPING"] },
    cart: {
      buyerIdentity: reservations === null ? null : { customer: { id: CUSTOMER, reservation: { jsonValue: { version: 1, customerId: CUSTOMER, reservations } } } },
      cost: { subtotalAmount: { amount: "10990.00" } },
      lines,
      deliveryGroups: [{ id: "gid://shopify/CartDeliveryGroup/1" }, { id: "gid://shopify/CartDeliveryGroup/2" }],
    },
  };
}

/** One reservation that applies to every line: a product discount, so the output lists all of them. */
export const oneReservation = () => [reservation({ kind: "percent_off", percent: 15 }, { collectionIds: COLLECTIONS })];
