/**
 * The lines of the history import's bulk operation files (JSONL), and the translation of an
 * order with its line items into the same snapshot the webhook path stores
 * (app/shopify/payloads/order.ts), so the two paths converge on one row.
 *
 * Shopify writes each object of a nested connection on its own line, with `__parentId`
 * naming its parent; with `groupObjects: true` the children follow their parent
 * (https://shopify.dev/docs/api/usage/bulk-operations/queries). The assembler below relies
 * on that to emit each order as soon as the next one starts, holding one order in memory.
 *
 * Lines are checked by hand rather than with zod: an import reads millions of them and
 * zod's copies were a tenth of its time (docs/decisions/0013-history-import.md). The
 * checks are the ones the schemas made (types, GIDs, timestamps, exact money in one
 * currency), and a bad line is still reported with its line number and the field at fault.
 */
import { parseMoney } from "../../loyalty/money/money";
import type { OrderLine, OrderSnapshot } from "../../loyalty/orders/order-state";
import type { CustomerFacts } from "../../repositories/customers.server";

/** A field that is not what the query asks for: `path` names it in the skipped line's message. */
class LineProblem extends Error {
  constructor(readonly path: string, message: string) {
    super(message);
  }
}

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json => typeof value === "object" && value !== null && !Array.isArray(value);

function objectAt(parent: Json, key: string, path: string): Json {
  const value = parent[key];
  if (!isObject(value)) throw new LineProblem(path, "expected an object");
  return value;
}

function optionalObject(parent: Json, key: string, path: string): Json | null {
  const value = parent[key];
  return value === undefined || value === null ? null : objectAt(parent, key, path);
}

function text(parent: Json, key: string, path = key): string {
  const value = parent[key];
  if (typeof value !== "string") throw new LineProblem(path, "expected a string");
  return value;
}

function optionalText(parent: Json, key: string, path = key): string | null {
  const value = parent[key];
  return value === undefined || value === null ? null : text(parent, key, path);
}

function flag(parent: Json, key: string): boolean {
  const value = parent[key];
  if (typeof value !== "boolean") throw new LineProblem(key, "expected a boolean");
  return value;
}

function count(parent: Json, key: string): number {
  const value = parent[key];
  if (typeof value !== "number" || !Number.isSafeInteger(value) || value < 0) throw new LineProblem(key, "expected a whole number, 0 or more");
  return value;
}

function timestamp(parent: Json, key: string): Date {
  const value = text(parent, key);
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) throw new LineProblem(key, `"${value}" is not a timestamp`);
  return date;
}

function optionalTimestamp(parent: Json, key: string): Date | null {
  const value = parent[key];
  return value === undefined || value === null ? null : timestamp(parent, key);
}

const GID_PATTERNS = new Map<string, RegExp>();

function gid(parent: Json, key: string, type: string, path = key): string {
  const value = text(parent, key, path);
  let pattern = GID_PATTERNS.get(type);
  if (!pattern) {
    pattern = new RegExp(`^gid://shopify/${type}/\\d+$`);
    GID_PATTERNS.set(type, pattern);
  }
  if (!pattern.test(value)) throw new LineProblem(path, `expected a gid://shopify/${type}/… id`);
  return value;
}

/** `{ id }` of a linked object, or null. */
function optionalRef(parent: Json, key: string, type: string): string | null {
  const ref = optionalObject(parent, key, key);
  return ref ? gid(ref, "id", type, `${key}.id`) : null;
}

/** A GraphQL `MoneyBag` in shop money, as exact minor units of `currency` (the order's). */
function shopMoney(parent: Json, key: string, currency: string | null): { readonly minor: number; readonly currency: string } {
  const money = objectAt(objectAt(parent, key, key), "shopMoney", `${key}.shopMoney`);
  const code = text(money, "currencyCode", `${key}.shopMoney.currencyCode`);
  if (currency !== null && code !== currency) throw new LineProblem(key, `shop money amounts are not all in ${currency}`);
  const parsed = parseMoney(text(money, "amount", `${key}.shopMoney.amount`), code);
  if (!parsed.ok) throw new LineProblem(`${key}.shopMoney.amount`, parsed.message);
  return parsed.value;
}

function optionalShopMoney(parent: Json, key: string, currency: string): number {
  const value = parent[key];
  return value === undefined || value === null ? 0 : shopMoney(parent, key, currency).minor;
}

function texts(parent: Json, key: string): string[] {
  const value = parent[key];
  if (value === undefined) return [];
  if (!Array.isArray(value) || !value.every((entry) => typeof entry === "string")) throw new LineProblem(key, "expected a list of strings");
  return value as string[];
}

function refIds(parent: Json, key: string, type: string): string[] {
  const value = parent[key];
  if (value === undefined) return [];
  if (!Array.isArray(value)) throw new LineProblem(key, "expected a list");
  return value.map((entry, index) => {
    if (!isObject(entry)) throw new LineProblem(`${key}.${index}`, "expected an object");
    return gid(entry, "id", type, `${key}.${index}.id`);
  });
}

/** The customer's personal data as the webhook path stores it. */
export function bulkCustomerFacts(line: Json): CustomerFacts {
  const email = optionalObject(line, "defaultEmailAddress", "defaultEmailAddress");
  return {
    customerGid: gid(line, "id", "Customer"),
    email: email ? optionalText(email, "emailAddress", "defaultEmailAddress.emailAddress") : null,
    firstName: optionalText(line, "firstName"),
    lastName: optionalText(line, "lastName"),
    phone: optionalText(line, "phone"),
    shopifyCreatedAt: timestamp(line, "createdAt"),
    shopifyUpdatedAt: timestamp(line, "updatedAt"),
  };
}

type MutableSnapshot = { -readonly [K in keyof OrderSnapshot]: OrderSnapshot[K] } & { lines: OrderLine[] };

/**
 * The order as the core's snapshot, field for field what orderFacts makes of the REST
 * payload: `displayFinancialStatus` PARTIALLY_REFUNDED is `financial_status`
 * partially_refunded, `refunds` are the refunds the current figures already reflect. Its
 * line items are added as they are read (bulkOrderLine).
 */
function bulkOrderSnapshot(line: Json): MutableSnapshot {
  const subtotal = shopMoney(line, "currentSubtotalPriceSet", null);
  const { currency } = subtotal;
  const status = optionalText(line, "displayFinancialStatus");
  const taxesIncluded = line.taxesIncluded;
  if (taxesIncluded !== undefined && taxesIncluded !== null && typeof taxesIncluded !== "boolean") throw new LineProblem("taxesIncluded", "expected a boolean");
  return {
    orderId: gid(line, "id", "Order"),
    name: optionalText(line, "name"),
    customerId: optionalRef(line, "customer", "Customer"),
    test: flag(line, "test"),
    financialStatus: status === null ? null : status.toLowerCase(),
    cancelledAt: optionalTimestamp(line, "cancelledAt"),
    createdAt: timestamp(line, "createdAt"),
    processedAt: optionalTimestamp(line, "processedAt"),
    updatedAt: timestamp(line, "updatedAt"),
    currency,
    subtotalMinor: subtotal.minor,
    totalMinor: shopMoney(line, "currentTotalPriceSet", currency).minor,
    discountsMinor: shopMoney(line, "currentTotalDiscountsSet", currency).minor,
    shippingMinor: optionalShopMoney(line, "currentShippingPriceSet", currency),
    taxMinor: optionalShopMoney(line, "currentTotalTaxSet", currency),
    taxesIncluded: taxesIncluded ?? false,
    includedRefundIds: refIds(line, "refunds", "Refund").sort(),
    lines: [],
    discountCodes: texts(line, "discountCodes"),
    sourceName: optionalText(line, "sourceName"),
  };
}

/** A line item: `originalUnitPriceSet` is `price_set`, `totalDiscountSet` the sum of `discount_allocations`. */
function bulkOrderLine(line: Json, currency: string): OrderLine {
  return {
    lineItemId: gid(line, "id", "LineItem"),
    productId: optionalRef(line, "product", "Product"),
    quantity: count(line, "quantity"),
    currentQuantity: count(line, "currentQuantity"),
    giftCard: flag(line, "isGiftCard"),
    unitPriceMinor: shopMoney(line, "originalUnitPriceSet", currency).minor,
    discountMinor: shopMoney(line, "totalDiscountSet", currency).minor,
  };
}

/** What one JSONL line turned out to be, once its order (if any) is complete. */
export type HistoryRecord =
  | { readonly kind: "customer"; readonly facts: CustomerFacts }
  | { readonly kind: "order"; readonly snapshot: OrderSnapshot }
  | { readonly kind: "skipped"; readonly message: string };

const NOTHING: readonly HistoryRecord[] = Object.freeze([]);

const describe = (lineNumber: number, problem: unknown): string => {
  if (problem instanceof LineProblem) return `line ${lineNumber}: ${problem.path}: ${problem.message}`;
  throw problem;
};

const typeOfGid = (gid: string) => /^gid:\/\/shopify\/(\w+)\//.exec(gid)?.[1] ?? null;

/**
 * Reassembles orders from their lines as they stream by: an order is complete when the next
 * root object (or the end of the file) arrives. A bad line is skipped with a message that
 * names it; a bad line item drops its whole order (a partial order would store a wrong
 * subtotal split), and so does a line item whose order is not the one being assembled.
 */
export class HistoryRecordAssembler {
  #current: MutableSnapshot | null = null;
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
  push(line: string, lineNumber: number): readonly HistoryRecord[] {
    let json: unknown;
    try {
      json = JSON.parse(line);
    } catch {
      // It may have been one of the current order's line items: that order cannot be trusted.
      if (this.#current) this.#currentProblem = `order ${this.#current.orderId} skipped: line ${lineNumber} is not JSON`;
      this.#current = null;
      return [{ kind: "skipped", message: `line ${lineNumber}: not JSON` }];
    }
    if (!isObject(json) || typeof json.id !== "string" || (json.__parentId !== undefined && typeof json.__parentId !== "string")) {
      return [{ kind: "skipped", message: `line ${lineNumber}: an object with an id was expected` }];
    }
    if (typeof json.__parentId === "string") return this.#child(json, json.__parentId, lineNumber);
    const completed = this.finish();
    const type = typeOfGid(json.id);
    if (type === "Customer") {
      let record: HistoryRecord;
      try {
        record = { kind: "customer", facts: bulkCustomerFacts(json) };
      } catch (problem) {
        record = { kind: "skipped", message: describe(lineNumber, problem) };
      }
      return completed.length === 0 ? [record] : [...completed, record];
    }
    if (type === "Order") {
      this.#openedAt = lineNumber;
      try {
        this.#current = bulkOrderSnapshot(json);
      } catch (problem) {
        this.#currentProblem = describe(lineNumber, problem);
      }
      return completed;
    }
    return [...completed, { kind: "skipped", message: `line ${lineNumber}: unexpected object ${json.id}` }];
  }

  /** Emits the order being assembled (call at the end of the file). */
  finish(): readonly HistoryRecord[] {
    const current = this.#current;
    const problem = this.#currentProblem;
    this.#current = null;
    this.#currentProblem = null;
    if (problem !== null) return [{ kind: "skipped", message: problem }];
    return current ? [{ kind: "order", snapshot: current }] : NOTHING;
  }

  #child(json: Json, parentId: string, lineNumber: number): readonly HistoryRecord[] {
    if (this.#currentProblem !== null) return NOTHING;
    const current = this.#current;
    if (!current || current.orderId !== parentId) {
      return [{ kind: "skipped", message: `line ${lineNumber}: line item of ${parentId}, which is not the order just before it` }];
    }
    try {
      current.lines.push(bulkOrderLine(json, current.currency));
    } catch (problem) {
      this.#currentProblem = `${describe(lineNumber, problem)} (order ${current.orderId} skipped)`;
      this.#current = null;
    }
    return NOTHING;
  }
}
