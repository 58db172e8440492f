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

/**
 * An automatic discount applied at checkout (the app's discount Function): what the order's
 * `discount_applications` entry says, and the minor units it took off each line and the
 * shipping. Each line's `discountMinor` includes its share here; the rest is the code's.
 */
export const AutomaticDiscountState = z.object({
  title: z.string().min(1),
  valueType: z.enum(["fixed_amount", "percentage"]),
  /** The application's `value` as Shopify writes it ("10.0"): the candidate's amount or percentage. */
  value: z.string(),
  allocationMethod: z.enum(["across", "each"]),
  targetSelection: z.enum(["all", "explicit"]),
  targetType: z.enum(["line_item", "shipping_line"]),
  lines: z.array(z.object({ lineId: Id, amountMinor: Minor })),
  shippingMinor: Minor,
});
export type AutomaticDiscountState = z.infer<typeof AutomaticDiscountState>;

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
  /** `discountMinor`: what automatic discounts took off the shipping (states saved before they existed have none). */
  shipping: z.object({ id: Id, title: z.string(), priceMinor: Minor, discountMinor: Minor.default(0), refundedMinor: Minor }).nullable(),
  /** What the customer paid (0 until paid). */
  paidMinor: Minor,
  lines: z.array(LineState).min(1),
  refunds: z.array(RefundState),
  automaticDiscounts: z.array(AutomaticDiscountState).default([]),
}).superRefine((order, context) => {
  // Each line's discount is its code share plus its automatic shares: never less than the latter.
  for (const line of order.lines) {
    const automatic = automaticLineMinor(order.automaticDiscounts, line.id);
    if (automatic > line.discountMinor) context.addIssue({ code: "custom", message: `line ${line.id}: automatic discounts exceed its discount` });
    if (order.discount === null && automatic !== line.discountMinor) context.addIssue({ code: "custom", message: `line ${line.id}: a discount with no code and no automatic discount` });
  }
  const shippingDiscount = order.automaticDiscounts.reduce((sum, discount) => sum + discount.shippingMinor, 0);
  if (shippingDiscount !== (order.shipping?.discountMinor ?? 0)) context.addIssue({ code: "custom", message: "the shipping discount is not its automatic discounts'" });
  if (order.shipping && order.shipping.discountMinor > order.shipping.priceMinor) context.addIssue({ code: "custom", message: "shipping discounted below zero" });
});
export type OrderState = z.infer<typeof OrderState>;

/** What the order's automatic discounts took off one line. */
export function automaticLineMinor(discounts: readonly Pick<AutomaticDiscountState, "lines">[], lineId: number): number {
  return discounts.reduce((sum, discount) => sum + discount.lines.reduce((total, line) => total + (line.lineId === lineId ? line.amountMinor : 0), 0), 0);
}

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
    if (order.automaticDiscounts.some((discount) => discount.lines.some((line) => !lineIds.has(line.lineId)))) problems.push(`order ${order.id} has a discount on a line it does not have`);
    for (const refund of order.refunds) {
      if (refund.lines.some((line) => !lineIds.has(line.lineItemId))) problems.push(`refund ${refund.id} refunds a line its order does not have`);
    }
  }
  return problems;
}
