import { formatLocalDate, localDateOf } from "../calendar/calendar";
import { formatDecimal, money } from "../money/money";
import type { RewardConditions } from "./cart-conditions";
import type { Redemption } from "./lifecycle";

/**
 * The JSON the discount Function reads from the customer's app-owned metafield
 * (`$app:wafa.reservation`, type json; extensions/wafa-discount/src/reservation.ts parses it).
 * Amounts are Shopify decimal strings in the shop's currency; `validThrough` is the last day
 * (shop time) the Function may apply it: a Function has no clock finer than the shop's date,
 * so the exact expiry is the service's job (it releases the hold and rewrites this value).
 */
export const RESERVATION_METAFIELD = { namespace: "$app:wafa", key: "reservation", type: "json" } as const;

export type FunctionRewardValue =
  | { readonly kind: "amount_off"; readonly amount: string }
  | { readonly kind: "percent_off"; readonly percent: number }
  | { readonly kind: "free_shipping"; readonly maxAmount: string | null }
  | { readonly kind: "free_product"; readonly variantId: string };

export type FunctionReservation = {
  readonly id: string;
  readonly title: string;
  readonly validThrough: string;
  readonly value: FunctionRewardValue;
  readonly minimumSubtotal: string;
  readonly collectionIds: readonly string[];
};

export type ReservationMetafieldValue = {
  readonly version: 1;
  readonly customerId: string;
  readonly reservations: readonly FunctionReservation[];
};

/** The Function's view of an open discount redemption, or null when it is not one the Function applies. */
export function functionReservation(
  redemption: Redemption, conditions: RewardConditions, title: string, currency: string, timeZone: string,
): FunctionReservation | null {
  const value = functionValue(redemption, currency);
  if (value === null) return null;
  const open = redemption.status === "reserved" || redemption.status === "materialised";
  if (!open || (redemption.materialisation !== null && redemption.materialisation.kind !== "discount_function")) return null;
  return {
    id: redemption.id, title, validThrough: formatLocalDate(localDateOf(redemption.expiresAt, timeZone)), value,
    minimumSubtotal: formatDecimal(money(conditions.minimumOrderMinor, currency)), collectionIds: [...conditions.collectionIds],
  };
}

function functionValue(redemption: Redemption, currency: string): FunctionRewardValue | null {
  const { value } = redemption;
  switch (value.kind) {
    case "amount_off":
      return { kind: "amount_off", amount: formatDecimal(money(value.amountMinor, currency)) };
    case "percent_off":
      return { kind: "percent_off", percent: value.percent };
    case "free_shipping":
      return { kind: "free_shipping", maxAmount: value.maxShippingMinor === null ? null : formatDecimal(money(value.maxShippingMinor, currency)) };
    case "free_product":
      return { kind: "free_product", variantId: value.variantId };
    case "store_credit":
    case "donation":
      return null;
  }
}

export function reservationMetafieldValue(customerGid: string, reservations: readonly FunctionReservation[]): ReservationMetafieldValue {
  return { version: 1, customerId: customerGid, reservations };
}
