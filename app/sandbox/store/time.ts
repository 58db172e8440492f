/**
 * Shopify's timestamps have whole-second precision and an explicit offset
 * ("2026-03-01T10:00:00+00:00"). The store keeps instants as Unix seconds and renders them
 * in UTC.
 */
import { floorDiv } from "../../loyalty/orders/order-state";

/** An instant as whole seconds since the Unix epoch. */
export type UnixSeconds = number;

export function toUnixSeconds(at: Date): UnixSeconds {
  const millis = at.getTime();
  if (!Number.isSafeInteger(millis)) throw new Error(`not a valid instant: ${String(at)}`);
  return floorDiv(millis, 1000);
}

export function fromUnixSeconds(seconds: UnixSeconds): Date {
  return new Date(seconds * 1000);
}

/** The Shopify form of an instant: ISO 8601, whole seconds, "+00:00" offset. */
export function shopifyTimestamp(seconds: UnixSeconds): string {
  return fromUnixSeconds(seconds).toISOString().replace(/\.\d{3}Z$/, "+00:00");
}

/**
 * The `updated_at` of a new state of an object last updated at `previous`: the operation's
 * second, or one second after the previous state if that is not later. Webhook consumers
 * order states by `updated_at` (it is what Wafa's convergence relies on), so two distinct
 * states of one object never share one.
 */
export function nextStamp(previous: UnixSeconds | null, at: Date): UnixSeconds {
  const seconds = toUnixSeconds(at);
  return previous === null ? seconds : Math.max(seconds, previous + 1);
}

/** The sandbox shop's time zone (its simulated `shop { ianaTimezone }`), which its checkout dates `shop.localTime` in. */
export const SANDBOX_TIME_ZONE = "UTC";
