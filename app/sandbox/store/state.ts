/**
 * The simulated store's whole state: plain JSON (numbers, strings, booleans, nulls, arrays),
 * so it can be saved and loaded as is. Loading validates it (STYLE.md habit 5), including
 * the cross-references the operations rely on, so a hand-edited or stale file fails loudly
 * instead of producing payloads Shopify never would.
 */
import { z } from "zod";
import { isCurrencyCode } from "../../loyalty/money/currency";

const SafeInteger = z.number().int().refine(Number.isSafeInteger, "expected a safe integer");
const Count = SafeInteger.nonnegative();
const Id = SafeInteger.positive();
/** Unix seconds (see ./time.ts). */
const Instant = Count;
const Minor = Count;
const Ppm = Count.max(1_000_000);

export const CustomerState = z.object({
  id: Id,
  firstName: z.string(),
  lastName: z.string(),
  email: z.string(),
  phone: z.string().nullable(),
  createdAt: Instant,
  updatedAt: Instant,
});
export type CustomerState = z.infer<typeof CustomerState>;

export const LineState = z.object({
  id: Id,
  productId: Id.nullable(),
  variantId: Id.nullable(),
  title: z.string(),
  sku: z.string(),
  vendor: z.string().nullable(),
  unitPriceMinor: Minor,
  quantity: SafeInteger.positive(),
  refunded: Count,
  removed: Count,
  giftCard: z.boolean(),
  discountMinor: Minor,
}).refine((line) => line.refunded + line.removed <= line.quantity, "more units refunded or removed than ordered");
export type LineState = z.infer<typeof LineState>;

export const RefundLineState = z.object({
  id: Id,
  lineItemId: Id,
  quantity: SafeInteger.positive(),
  subtotalMinor: Minor,
  taxMinor: Minor,
});
export type RefundLineState = z.infer<typeof RefundLineState>;

export const RefundState = z.object({
  id: Id,
  createdAt: Instant,
  note: z.string().nullable(),
  lines: z.array(RefundLineState),
  /** Shipping refunded by this refund, if any. */
  shipping: z.object({ id: Id, amountMinor: Minor }).nullable(),
  /** The money returned; null when nothing was left to return. */
  transaction: z.object({ id: Id, amountMinor: Minor }).nullable(),
});
export type RefundState = z.infer<typeof RefundState>;

export const FinancialStatus = z.enum(["pending", "paid", "partially_refunded", "refunded", "voided"]);
export type FinancialStatus = z.infer<typeof FinancialStatus>;

export const OrderState = z.object({
  id: Id,
  number: SafeInteger.positive(),
  customerId: Id.nullable(),
  email: z.string().nullable(),
  test: z.boolean(),
  financialStatus: FinancialStatus,
  cancelledAt: Instant.nullable(),
  createdAt: Instant,
  updatedAt: Instant,
  discount: z.object({ code: z.string(), percentPpm: Ppm }).nullable(),
  taxPpm: Ppm,
  shipping: z.object({ id: Id, title: z.string(), priceMinor: Minor, refundedMinor: Minor }).nullable(),
  /** What the customer paid (0 until paid). */
  paidMinor: Minor,
  lines: z.array(LineState).min(1),
  refunds: z.array(RefundState),
});
export type OrderState = z.infer<typeof OrderState>;

export const SandboxState = z.object({
  version: z.literal(1),
  shopDomain: z.string().min(1),
  currency: z.string().refine(isCurrencyCode, "expected an ISO 4217 currency code"),
  idBase: Id,
  /** Ids handed out so far: the next id is idBase + nextId + 1. */
  nextId: Count,
  nextOrderNumber: SafeInteger.positive(),
  /** The one variant id given to each product the store has sold. */
  products: z.array(z.object({ productId: Id, variantId: Id })),
  customers: z.array(CustomerState),
  orders: z.array(OrderState),
}).superRefine((state, context) => {
  for (const message of referenceProblems(state)) context.addIssue({ code: "custom", message });
});
export type SandboxState = z.infer<typeof SandboxState>;

/** Ids the store hands out, per object: each must be unique and below the counter. */
function allocatedIds(state: z.infer<typeof SandboxState>): number[] {
  return [
    ...state.customers.map((customer) => customer.id),
    ...state.products.map((product) => product.variantId),
    ...state.orders.flatMap((order) => [
      order.id,
      ...(order.shipping ? [order.shipping.id] : []),
      ...order.lines.map((line) => line.id),
      ...order.refunds.flatMap((refund) => [
        refund.id,
        ...refund.lines.map((line) => line.id),
        ...(refund.shipping ? [refund.shipping.id] : []),
        ...(refund.transaction ? [refund.transaction.id] : []),
      ]),
    ]),
  ];
}

function referenceProblems(state: z.infer<typeof SandboxState>): string[] {
  const problems: string[] = [];
  const ids = allocatedIds(state);
  if (new Set(ids).size !== ids.length) problems.push("an id is used twice");
  const ceiling = state.idBase + state.nextId;
  if (ids.some((id) => id > ceiling)) problems.push(`an id is above the counter (${ceiling}): new ids would collide`);
  if (!Number.isSafeInteger(ceiling)) problems.push("the id counter is beyond 2^53");
  const customerIds = new Set(state.customers.map((customer) => customer.id));
  for (const order of state.orders) {
    if (order.customerId !== null && !customerIds.has(order.customerId)) problems.push(`order ${order.id} belongs to an unknown customer`);
    const lineIds = new Set(order.lines.map((line) => line.id));
    for (const refund of order.refunds) {
      if (refund.lines.some((line) => !lineIds.has(line.lineItemId))) problems.push(`refund ${refund.id} refunds a line its order does not have`);
    }
  }
  return problems;
}
