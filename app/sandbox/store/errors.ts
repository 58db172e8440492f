/**
 * Why the simulated store refused an operation. Shopify would refuse the same request (an
 * unpaid order cannot be refunded, a cancelled one cannot change), so the store throws
 * before changing anything: its state is as it was, and nothing is emitted.
 */
export type SandboxStoreErrorCode =
  | "invalid_input"
  | "unknown_customer"
  | "unknown_order"
  | "unknown_line_item"
  | "duplicate_customer"
  | "order_cancelled"
  | "order_not_paid"
  | "order_not_pending"
  | "order_refunded"
  | "too_many_units"
  | "nothing_to_refund"
  | "invalid_state";

export class SandboxStoreError extends Error {
  readonly code: SandboxStoreErrorCode;

  constructor(code: SandboxStoreErrorCode, message: string) {
    super(message);
    this.name = "SandboxStoreError";
    this.code = code;
  }
}

export function refuse(code: SandboxStoreErrorCode, message: string): never {
  throw new SandboxStoreError(code, message);
}
