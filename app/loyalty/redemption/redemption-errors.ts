import type { Err, Ok } from "../result";

/**
 * Why a redemption was refused or a transition could not happen. Each code has a message
 * key the extensions and the admin translate (their `locales/` hold the words); the core
 * carries no shopper-facing English. `params` fill the message's placeholders.
 */
export const REDEMPTION_ERRORS = [
  // The request itself.
  "invalid_idempotency_key",
  "idempotency_key_reused",
  "invalid_points",
  // The reward.
  "reward_not_found",
  "reward_disabled",
  "reward_not_for_tier",
  "reward_limit_reached",
  "discount_already_reserved",
  // Points.
  "points_required",
  "points_below_minimum",
  "points_above_maximum",
  "points_not_in_steps",
  "insufficient_points",
  // The cart (evaluated where the cart is known: checkout, the Function).
  "currency_mismatch",
  "minimum_order_not_met",
  "no_eligible_products",
  // The lifecycle.
  "invalid_transition",
  "already_committed",
  "already_released",
  "order_mismatch",
  "order_required",
  "not_expired_yet",
] as const;
export type RedemptionError = (typeof REDEMPTION_ERRORS)[number];

export type RedemptionParams = Readonly<Record<string, string | number>>;

/** A refused redemption: `message` is the translation key, never English. */
export type RedemptionFailure<E extends RedemptionError = RedemptionError> = Err<E> & { readonly params: RedemptionParams };

/** The message key of an error code, e.g. "redemption.errors.insufficient_points". */
export const messageKeyOf = (error: RedemptionError): string => `redemption.errors.${error}`;

export function failure<E extends RedemptionError>(error: E, params: RedemptionParams = {}): RedemptionFailure<E> {
  return { ok: false, error, message: messageKeyOf(error), params };
}

/** A result whose failure carries a message key and its params. */
export type RedemptionResult<T, E extends RedemptionError = RedemptionError> = Ok<T> | RedemptionFailure<E>;
