import { parseDecimal, type Decimal } from "./decimal";

/**
 * The reservation the app writes to the customer's metafield `$app:wafa.reservation` (JSON;
 * app/loyalty/redemption/reservation-metafield.ts builds it). Validated by hand: a Function
 * must stay small, so no schema library. Anything malformed is ignored, never applied.
 */
export type RewardValue =
  | { readonly kind: "amount_off"; readonly amount: Decimal }
  | { readonly kind: "percent_off"; readonly percent: number }
  | { readonly kind: "free_shipping"; readonly maxAmount: Decimal | null }
  | { readonly kind: "free_product"; readonly variantId: string };

export type Reservation = {
  readonly id: string;
  readonly title: string;
  /** Last shop-local day (YYYY-MM-DD) it may apply. */
  readonly validThrough: string;
  readonly value: RewardValue;
  readonly minimumSubtotal: Decimal;
  readonly collectionIds: readonly string[];
};

export type ReservationList = { readonly customerId: string; readonly reservations: readonly Reservation[] };

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => typeof value === "object" && value !== null && !Array.isArray(value);
const isText = (value: unknown, max = 255): value is string => typeof value === "string" && value.length > 0 && value.length <= max;
const LOCAL_DATE = /^\d{4}-\d{2}-\d{2}$/;
const GID = (type: string) => new RegExp(`^gid://shopify/${type}/\\d+$`);

export function parseReservationList(json: unknown): ReservationList | null {
  if (!isObject(json) || json.version !== 1 || !isText(json.customerId) || !Array.isArray(json.reservations)) return null;
  const reservations: Reservation[] = [];
  for (const entry of json.reservations.slice(0, 10)) {
    const reservation = parseReservation(entry);
    if (reservation) reservations.push(reservation);
  }
  return { customerId: json.customerId, reservations };
}

function parseReservation(entry: unknown): Reservation | null {
  if (!isObject(entry) || !isText(entry.id) || !isText(entry.title) || !isText(entry.validThrough) || !LOCAL_DATE.test(entry.validThrough)) return null;
  const value = parseValue(entry.value);
  const minimumSubtotal = parseDecimal(entry.minimumSubtotal);
  if (!value || !minimumSubtotal || minimumSubtotal.digits < 0n) return null;
  const collections = Array.isArray(entry.collectionIds) ? entry.collectionIds : null;
  if (!collections || !collections.every((id): id is string => typeof id === "string" && GID("Collection").test(id))) return null;
  return { id: entry.id, title: entry.title, validThrough: entry.validThrough, value, minimumSubtotal, collectionIds: collections };
}

function parseValue(value: unknown): RewardValue | null {
  if (!isObject(value)) return null;
  switch (value.kind) {
    case "amount_off": {
      const amount = parseDecimal(value.amount);
      return amount && amount.digits > 0n ? { kind: "amount_off", amount } : null;
    }
    case "percent_off": {
      const percent = value.percent;
      return typeof percent === "number" && Number.isInteger(percent) && percent >= 1 && percent <= 100 ? { kind: "percent_off", percent } : null;
    }
    case "free_shipping": {
      if (value.maxAmount === null) return { kind: "free_shipping", maxAmount: null };
      const maxAmount = parseDecimal(value.maxAmount);
      return maxAmount && maxAmount.digits > 0n ? { kind: "free_shipping", maxAmount } : null;
    }
    case "free_product":
      return isText(value.variantId) && GID("ProductVariant").test(value.variantId) ? { kind: "free_product", variantId: value.variantId } : null;
    default:
      return null;
  }
}
