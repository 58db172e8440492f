/**
 * Idempotency keys a client sends with a request it may retry (a redemption, a manual
 * adjustment): 8–64 letters, digits, `-` and `_`, so a UUID, a ULID or a nanoid fits and a
 * key can never carry a `:` into the domain keys built from it.
 */
const IDEMPOTENCY_KEY = /^[A-Za-z0-9_-]{8,64}$/;

export function isValidIdempotencyKey(key: string): boolean {
  return IDEMPOTENCY_KEY.test(key);
}
