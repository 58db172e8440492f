import { isValidIdempotencyKey } from "../idempotency";

/**
 * Idempotency: the client sends a key with each redemption request (a UUID it keeps across
 * retries). The redemption's id is the customer's ledger key plus that key, so one key can
 * only ever name one customer's redemption, and its journals' domain keys derive from the
 * id: the ledger's unique key per shop turns a replayed request into a no-op.
 *
 * A redemption writes at most three journals (docs/decisions/0015-redemption.md):
 * - `redeem:<id>:hold`   available → held, when it is reserved;
 * - `redeem:<id>:settle` held → redeemed/donated (commit) OR held → available (release).
 *   Commit and release share one key on purpose: whichever is written first wins and the
 *   other fails the unique constraint, so a late "order paid" and an expiry cannot both
 *   settle the same hold, whatever order they run in;
 * - `redeem:<id>:return` redeemed → available, when a paid order that used it is cancelled.
 */

export { isValidIdempotencyKey };

/**
 * The redemption's id: unique per shop, stable across retries of the same request. Customer
 * keys are GIDs (`gid://shopify/Customer/1`) and contain colons; the idempotency key cannot,
 * so the id still splits unambiguously at its last colon.
 */
export function redemptionIdOf(customerId: string, idempotencyKey: string): string {
  if (customerId.trim() === "") throw new Error(`not a customer ledger key: "${customerId}"`);
  if (!isValidIdempotencyKey(idempotencyKey)) throw new Error(`not a valid idempotency key: "${idempotencyKey}"`);
  return `${customerId}:${idempotencyKey}`;
}

export const holdKey = (redemptionId: string): string => `redeem:${redemptionId}:hold`;
export const settleKey = (redemptionId: string): string => `redeem:${redemptionId}:settle`;
export const returnKey = (redemptionId: string): string => `redeem:${redemptionId}:return`;
