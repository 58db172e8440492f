/**
 * The lines of the history import's bulk operation files (JSONL), read with zod, and the
 * translation of an order with its line items into the same snapshot the webhook path
 * stores (app/shopify/payloads/order.ts), so the two paths converge on one row.
 *
 * Shopify writes each object of a nested connection on its own line, with `__parentId`
 * naming its parent; with `groupObjects: true` the children follow their parent
 * (https://shopify.dev/docs/api/usage/bulk-operations/queries). The assembler below relies
 * on that to emit each order as soon as the next one starts, holding one order in memory.
 */
import { z } from "zod";
import { parseMoney, type Money } from "../../loyalty/money/money";
import type { OrderLine, OrderSnapshot } from "../../loyalty/orders/order-state";
import type { CustomerFacts } from "../../repositories/customers.server";
import { gidOf } from "../payloads/common";

const IsoTimestamp = z.string().transform((text, context) => {
  const date = new Date(text);
  if (Number.isNaN(date.getTime())) {
    context.addIssue({ code: "custom", message: `"${text}" is not a timestamp` });
    return z.NEVER;
  }
  return date;
});

/** A GraphQL `MoneyBag`, read in shop money as exact minor units. */
const MoneyBag = z.object({ shopMoney: z.object({ amount: z.string(), currencyCode: z.string() }) }).transform((bag, context): Money => {
  const parsed = parseMoney(bag.shopMoney.amount, bag.shopMoney.currencyCode);
  if (!parsed.ok) {
    context.addIssue({ code: "custom", message: parsed.message });
    return z.NEVER;
  }
  return parsed.value;
});

export const BulkCustomerLine = z.object({
  id: gidOf("Customer"),
  defaultEmailAddress: z.object({ emailAddress: z.string().nullish() }).nullish(),
  firstName: z.string().nullish(),
  lastName: z.string().nullish(),
  phone: z.string().nullish(),
  createdAt: IsoTimestamp,
  updatedAt: IsoTimestamp,
});
export type BulkCustomerLine = z.infer<typeof BulkCustomerLine>;

export const BulkOrderLine = z.object({
  id: gidOf("Order"),
  name: z.string().nullish(),
  createdAt: IsoTimestamp,
  processedAt: IsoTimestamp.nullish(),
  updatedAt: IsoTimestamp,
  cancelledAt: IsoTimestamp.nullish(),
  test: z.boolean(),
  displayFinancialStatus: z.string().nullish(),
  taxesIncluded: z.boolean().nullish(),
  sourceName: z.string().nullish(),
  discountCodes: z.array(z.string()).default([]),
  customer: z.object({ id: gidOf("Customer") }).nullish(),
  currentSubtotalPriceSet: MoneyBag,
  currentTotalPriceSet: MoneyBag,
  currentTotalDiscountsSet: MoneyBag,
  currentShippingPriceSet: MoneyBag.nullish(),
  currentTotalTaxSet: MoneyBag.nullish(),
  refunds: z.array(z.object({ id: gidOf("Refund") })).default([]),
});
export type BulkOrderLine = z.infer<typeof BulkOrderLine>;

export const BulkLineItemLine = z.object({
  id: gidOf("LineItem"),
  __parentId: gidOf("Order"),
  quantity: z.number().int().nonnegative(),
  currentQuantity: z.number().int().nonnegative(),
  isGiftCard: z.boolean(),
  product: z.object({ id: gidOf("Product") }).nullish(),
  originalUnitPriceSet: MoneyBag,
  totalDiscountSet: MoneyBag,
});
export type BulkLineItemLine = z.infer<typeof BulkLineItemLine>;

/** The customer's personal data as the webhook path stores it. */
export function bulkCustomerFacts(customer: BulkCustomerLine): CustomerFacts {
  return {
    customerGid: customer.id,
    email: customer.defaultEmailAddress?.emailAddress ?? null,
    firstName: customer.firstName ?? null,
    lastName: customer.lastName ?? null,
    phone: customer.phone ?? null,
    shopifyCreatedAt: customer.createdAt,
    shopifyUpdatedAt: customer.updatedAt,
  };
}

export type BulkOrder = { readonly order: BulkOrderLine; readonly lineItems: readonly BulkLineItemLine[] };

export type OrderMapping = { readonly ok: true; readonly snapshot: OrderSnapshot } | { readonly ok: false; readonly message: string };

/**
 * The order as the core's snapshot, field for field what orderFacts makes of the REST
 * payload: `displayFinancialStatus` PARTIALLY_REFUNDED is `financial_status`
 * partially_refunded, `originalUnitPriceSet` is `price_set`, `totalDiscountSet` is the sum
 * of `discount_allocations`, `refunds` are the refunds the current figures already reflect.
 */
export function bulkOrderSnapshot({ order, lineItems }: BulkOrder): OrderMapping {
  const currency = order.currentSubtotalPriceSet.currency;
  const amounts = [order.currentTotalPriceSet, order.currentTotalDiscountsSet, order.currentShippingPriceSet, order.currentTotalTaxSet];
  const lineAmounts = lineItems.flatMap((item) => [item.originalUnitPriceSet, item.totalDiscountSet]);
  if ([...amounts, ...lineAmounts].some((amount) => amount && amount.currency !== currency)) {
    return { ok: false, message: `order ${order.id}: shop money amounts are not all in ${currency}` };
  }
  const lines: OrderLine[] = lineItems.map((item) => ({
    lineItemId: item.id,
    productId: item.product?.id ?? null,
    quantity: item.quantity,
    currentQuantity: item.currentQuantity,
    giftCard: item.isGiftCard,
    unitPriceMinor: item.originalUnitPriceSet.minor,
    discountMinor: item.totalDiscountSet.minor,
  }));
  return {
    ok: true,
    snapshot: {
      orderId: order.id,
      name: order.name ?? null,
      customerId: order.customer?.id ?? null,
      test: order.test,
      financialStatus: order.displayFinancialStatus ? order.displayFinancialStatus.toLowerCase() : null,
      cancelledAt: order.cancelledAt ?? null,
      createdAt: order.createdAt,
      processedAt: order.processedAt ?? null,
      updatedAt: order.updatedAt,
      currency,
      subtotalMinor: order.currentSubtotalPriceSet.minor,
      totalMinor: order.currentTotalPriceSet.minor,
      discountsMinor: order.currentTotalDiscountsSet.minor,
      shippingMinor: order.currentShippingPriceSet?.minor ?? 0,
      taxMinor: order.currentTotalTaxSet?.minor ?? 0,
      taxesIncluded: order.taxesIncluded ?? false,
      includedRefundIds: order.refunds.map((refund) => refund.id).sort(),
      lines,
      discountCodes: order.discountCodes,
      sourceName: order.sourceName ?? null,
    },
  };
}

/** What one JSONL line turned out to be, once its order (if any) is complete. */
export type HistoryRecord =
  | { readonly kind: "customer"; readonly facts: CustomerFacts }
  | { readonly kind: "order"; readonly snapshot: OrderSnapshot }
  | { readonly kind: "skipped"; readonly message: string };

/** Every line is an object with an id; a child names its parent. Checked by hand: zod would copy every line once more. */
function objectLine(json: unknown): { readonly id: string; readonly parentId: string | undefined } | null {
  if (typeof json !== "object" || json === null || Array.isArray(json)) return null;
  const { id, __parentId: parentId } = json as { id?: unknown; __parentId?: unknown };
  if (typeof id !== "string" || (parentId !== undefined && typeof parentId !== "string")) return null;
  return { id, parentId };
}

const typeOfGid = (gid: string) => /^gid:\/\/shopify\/(\w+)\//.exec(gid)?.[1] ?? null;

/**
 * Reassembles orders from their lines as they stream by: an order is complete when the next
 * root object (or the end of the file) arrives. A bad line is skipped with a message that
 * names it; a bad line item drops its whole order (a partial order would store a wrong
 * subtotal split), and so does a line item whose order is not the one being assembled.
 */
export class HistoryRecordAssembler {
  #current: { order: BulkOrderLine; lineItems: BulkLineItemLine[] } | null = null;
  #currentProblem: string | null = null;
  #openedAt: number | null = null;

  /** An order is being assembled: its lines are not all seen yet. */
  get assembling(): boolean {
    return this.#current !== null || this.#currentProblem !== null;
  }

  /** The line number where the order being assembled began. */
  get openedAt(): number | null {
    return this.assembling ? this.#openedAt : null;
  }

  /** Feeds one line (its 1-based number for messages); returns the records it completed. */
  push(text: string, lineNumber: number): HistoryRecord[] {
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      // It may have been one of the current order's line items: that order cannot be trusted.
      if (this.#current) this.#currentProblem = `order ${this.#current.order.id} skipped: line ${lineNumber} is not JSON`;
      this.#current = null;
      return [{ kind: "skipped", message: `line ${lineNumber}: not JSON` }];
    }
    const object = objectLine(json);
    if (!object) return [{ kind: "skipped", message: `line ${lineNumber}: an object with an id was expected` }];
    if (object.parentId !== undefined) return this.#child(json, object.parentId, lineNumber);
    const completed = this.finish();
    const type = typeOfGid(object.id);
    if (type === "Customer") {
      const customer = BulkCustomerLine.safeParse(json);
      return [...completed, customer.success ? { kind: "customer", facts: bulkCustomerFacts(customer.data) } : skipped(lineNumber, customer.error)];
    }
    if (type === "Order") {
      this.#openedAt = lineNumber;
      const order = BulkOrderLine.safeParse(json);
      if (order.success) this.#current = { order: order.data, lineItems: [] };
      else {
        this.#currentProblem = describe(lineNumber, order.error);
        this.#current = null;
      }
      return completed;
    }
    return [...completed, { kind: "skipped", message: `line ${lineNumber}: unexpected object ${object.id}` }];
  }

  /** Emits the order being assembled (call at the end of the file). */
  finish(): HistoryRecord[] {
    const current = this.#current;
    const problem = this.#currentProblem;
    this.#current = null;
    this.#currentProblem = null;
    if (problem !== null) return [{ kind: "skipped", message: problem }];
    if (!current) return [];
    const mapped = bulkOrderSnapshot(current);
    return [mapped.ok ? { kind: "order", snapshot: mapped.snapshot } : { kind: "skipped", message: mapped.message }];
  }

  #child(json: unknown, parentId: string, lineNumber: number): HistoryRecord[] {
    if (this.#currentProblem !== null) return [];
    if (!this.#current || this.#current.order.id !== parentId) {
      return [{ kind: "skipped", message: `line ${lineNumber}: line item of ${parentId}, which is not the order just before it` }];
    }
    const item = BulkLineItemLine.safeParse(json);
    if (!item.success) {
      this.#currentProblem = `${describe(lineNumber, item.error)} (order ${this.#current.order.id} skipped)`;
      this.#current = null;
      return [];
    }
    this.#current.lineItems.push(item.data);
    return [];
  }
}

function describe(lineNumber: number, error: z.ZodError): string {
  const issue = error.issues[0];
  return `line ${lineNumber}: ${issue ? `${issue.path.join(".") || "line"}: ${issue.message}` : "invalid"}`;
}

const skipped = (lineNumber: number, error: z.ZodError): HistoryRecord => ({ kind: "skipped", message: describe(lineNumber, error) });
