/**
 * The sandbox's simulated Shopify store: customers and orders, and the webhooks Shopify
 * would send as they change. A pure model: no I/O, no clock, no randomness (every
 * operation takes its instant), so the same operations always give the same payloads.
 * Delivery, signing and persistence are the runtime's (../runtime.server.ts).
 *
 * Every operation either refuses its input (a SandboxStoreError, the store unchanged,
 * nothing emitted) or applies it and returns what Shopify would send, in order.
 */
import { z } from "zod";
import { formatDecimal, money, parseMoney } from "../../loyalty/money/money";
import type { WebhookTopic } from "../../shopify/webhook-topics";
import { refuse } from "./errors";
import {
  CancelOptions,
  CustomerPatch,
  LineUnits,
  NewCustomer,
  NewOrder,
  OrderEdit,
  parseInput,
  RefundOptions,
  type OrderLineInput,
} from "./inputs";
import { orderAmounts } from "./order-amounts";
import { cartLineId, type CheckoutCart, type CheckoutPricer } from "./checkout";
import { priceCheckout, type PricedCheckout, type PricedDiscount } from "./checkout-pricing";
import { currentQuantity, lineTaxMinor, lineValueMinor } from "./order-math";
import { customerPayload, gid, orderName, orderPayload, refundPayload, type Payload } from "./payloads";
import { SandboxState, type CustomerState, type LineState, type OrderState, type RefundLineState, type RefundState } from "./state";
import { fromUnixSeconds, nextStamp, toUnixSeconds } from "./time";

export { SandboxStoreError, type SandboxStoreErrorCode } from "./errors";
export type { CheckoutCart, CheckoutLine, CheckoutPricer } from "./checkout";
export type { FunctionRun } from "./function-output";
export type { CancelOptions, CustomerPatch, LineUnits, NewCustomer, NewLine, NewOrder, OrderEdit, OrderLineInput, RefundOptions } from "./inputs";
export type { SandboxState } from "./state";

/**
 * One webhook Shopify would send: its topic, its JSON payload, and when it happened.
 * Payloads are read-only: webhooks emitted together for one state may share one object.
 */
export type Emitted = { topic: WebhookTopic; payload: Payload; at: Date };

/** What every operation returns; those that create something also return its id. */
export type StoreChange = { readonly emitted: Emitted[] };
export type CustomerCreated = StoreChange & { readonly customerId: string };
export type OrderPlaced = StoreChange & { readonly orderId: string; readonly name: string; readonly lineItemIds: string[] };
export type RefundCreated = StoreChange & { readonly refundId: string };
export type OrderCancelled = StoreChange & { readonly refundId: string | null };
export type OrderEdited = StoreChange & { readonly addedLineItemIds: string[] };

export type CustomerSummary = {
  readonly id: string;
  readonly gid: string;
  readonly firstName: string;
  readonly lastName: string;
  readonly email: string;
  readonly phone: string | null;
  readonly createdAt: Date;
  readonly updatedAt: Date;
};

export type OrderLineSummary = {
  readonly lineItemId: string;
  readonly productId: string | null;
  readonly title: string;
  readonly unitPrice: string;
  readonly quantity: number;
  readonly currentQuantity: number;
  readonly refundedQuantity: number;
  readonly removedQuantity: number;
  readonly giftCard: boolean;
};

export type OrderSummary = {
  readonly id: string;
  readonly gid: string;
  readonly name: string;
  readonly customerId: string | null;
  readonly email: string | null;
  readonly test: boolean;
  readonly financialStatus: OrderState["financialStatus"];
  readonly cancelledAt: Date | null;
  readonly createdAt: Date;
  readonly updatedAt: Date;
  readonly currency: string;
  readonly discountCode: string | null;
  /** What the shop's automatic discounts (Wafa's Function) took off at checkout: each application's title and amount. */
  readonly automaticDiscounts: readonly { readonly title: string; readonly amount: string }[];
  /** Decimal amounts in the shop's currency, as the payload shows them. */
  readonly currentSubtotal: string;
  readonly currentTotal: string;
  readonly totalOutstanding: string;
  readonly lines: readonly OrderLineSummary[];
  readonly refunds: readonly { readonly refundId: string; readonly createdAt: Date; readonly amount: string }[];
};

/**
 * Ids are idBase + a counter: deterministic, distinct across object types, and far below
 * 2^53 so they survive JSON.parse (real Shopify ids can exceed it; see app/shopify/json.ts).
 */
export const DEFAULT_ID_BASE = 7_000_000_000_000;
const FIRST_ORDER_NUMBER = 1001;

type Units = { readonly line: LineState; readonly quantity: number };
type DraftLine = Pick<LineState, "title" | "sku" | "vendor" | "unitPriceMinor" | "quantity" | "giftCard"> & { readonly productId: number };

export class SandboxStore {
  readonly #state: SandboxState;
  readonly #customers = new Map<number, CustomerState>();
  readonly #orders = new Map<number, OrderState>();
  readonly #variants = new Map<number, number>();

  private constructor(state: SandboxState) {
    this.#state = state;
    for (const customer of state.customers) this.#customers.set(customer.id, customer);
    for (const order of state.orders) this.#orders.set(order.id, order);
    for (const product of state.products) this.#variants.set(product.productId, product.variantId);
  }

  static empty(options: { shopDomain: string; currency: string; idBase?: number }): SandboxStore {
    const state = {
      version: 1, shopDomain: options.shopDomain, currency: options.currency, idBase: options.idBase ?? DEFAULT_ID_BASE,
      nextId: 0, nextOrderNumber: FIRST_ORDER_NUMBER, products: [], customers: [], orders: [],
    };
    return new SandboxStore(parseInput(SandboxState, state, "a new store"));
  }

  /** Loads a state saved by toJSON, validated (a corrupt file is refused, not half-loaded). */
  static fromJSON(state: unknown): SandboxStore {
    const parsed = SandboxState.safeParse(state);
    if (!parsed.success) return refuse("invalid_state", `not a sandbox store state: ${z.prettifyError(parsed.error)}`);
    return new SandboxStore(parsed.data);
  }

  /** The whole state as plain JSON; fromJSON(toJSON()) is the same store. */
  toJSON(): SandboxState {
    return structuredClone(this.#state);
  }

  get shopDomain(): string {
    return this.#state.shopDomain;
  }

  get currency(): string {
    return this.#state.currency;
  }

  // ── Customers ────────────────────────────────────────────────────────────

  createCustomer(input: NewCustomer, at: Date): CustomerCreated {
    const data = parseInput(NewCustomer, input, "createCustomer");
    const phone = data.phone ?? null;
    this.#assertContactFree(data.email, phone, null);
    const seconds = toUnixSeconds(checkedInstant(at));
    const customer: CustomerState = {
      id: this.#allocateId(), firstName: data.firstName, lastName: data.lastName, email: data.email, phone, createdAt: seconds, updatedAt: seconds,
    };
    this.#state.customers.push(customer);
    this.#customers.set(customer.id, customer);
    return { customerId: String(customer.id), emitted: [this.#customerEmitted("customers/create", customer, at)] };
  }

  updateCustomer(customerId: string, patch: CustomerPatch, at: Date): StoreChange {
    const customer = this.#customer(customerId);
    const data = parseInput(CustomerPatch, patch, "updateCustomer");
    const email = data.email ?? customer.email;
    const phone = data.phone === undefined ? customer.phone : data.phone;
    this.#assertContactFree(email, phone, customer.id);
    customer.updatedAt = nextStamp(customer.updatedAt, checkedInstant(at));
    Object.assign(customer, { firstName: data.firstName ?? customer.firstName, lastName: data.lastName ?? customer.lastName, email, phone });
    return { emitted: [this.#customerEmitted("customers/update", customer, at)] };
  }

  // ── Orders ───────────────────────────────────────────────────────────────

  /**
   * Places an order as a checkout would. With `checkout`, the cart is first priced by the
   * shop's automatic discounts (the app's discount Function, run by the caller): what they
   * return is applied as Shopify would and shows on the order as `automatic` applications.
   */
  placeOrder(input: NewOrder, at: Date, checkout?: CheckoutPricer): OrderPlaced {
    const data = parseInput(NewOrder, input, "placeOrder");
    const customer = data.customerId === null ? null : this.#customer(data.customerId);
    const drafts = data.lines.map((line, index) => this.#draftLine(line, `line ${index + 1}`));
    const shippingMinor = data.shippingPrice === undefined ? null : this.#priceMinor(data.shippingPrice, "shipping price");
    const seconds = toUnixSeconds(checkedInstant(at));
    const priced = this.#priceCheckout(drafts, { customer, shippingMinor, codePercentPpm: data.discountCode?.percent ?? null, checkout });

    // Ids in the order they were always given (order, then each line), so a seed stays the same.
    const id = this.#allocateId();
    const lines = drafts.map((draft, index) => this.#line(draft, (priced.codeLineMinor?.[index] ?? 0) + sumAt(priced.automatic, index)));
    const order: OrderState = {
      id, number: this.#state.nextOrderNumber++, customerId: customer?.id ?? null,
      email: customer?.email ?? data.email ?? null, test: data.test ?? false, financialStatus: data.paid ? "paid" : "pending",
      cancelledAt: null, createdAt: seconds, updatedAt: seconds,
      discount: data.discountCode && priced.codeLineMinor ? { code: data.discountCode.code, percentPpm: data.discountCode.percent } : null,
      taxPpm: data.taxRatePercent ?? 0, shipping: null, paidMinor: 0, refunds: [], lines,
      automaticDiscounts: priced.automatic.map(({ lineMinor, ...application }) => ({
        ...application,
        lines: lines.flatMap((line, index) => ((lineMinor[index] ?? 0) > 0 ? [{ lineId: line.id, amountMinor: lineMinor[index] ?? 0 }] : [])),
      })),
    };
    if (shippingMinor !== null) {
      const discountMinor = priced.automatic.reduce((total, discount) => total + discount.shippingMinor, 0);
      order.shipping = { id: this.#allocateId(), title: "Standard", priceMinor: shippingMinor, discountMinor, refundedMinor: 0 };
    }
    if (data.paid) order.paidMinor = orderAmounts(order).currentTotalMinor;
    this.#state.orders.push(order);
    this.#orders.set(order.id, order);
    return {
      orderId: String(order.id),
      name: orderName(order),
      lineItemIds: order.lines.map((line) => String(line.id)),
      emitted: this.#orderEmitted(order, data.paid ? ["orders/create", "orders/paid"] : ["orders/create"], at),
    };
  }

  /** A pending order is paid in full. */
  payOrder(orderId: string, at: Date): StoreChange {
    const order = this.#openOrder(orderId);
    if (order.financialStatus !== "pending") refuse("order_not_pending", `order ${orderName(order)} is ${order.financialStatus}, not pending`);
    order.updatedAt = nextStamp(order.updatedAt, checkedInstant(at));
    order.financialStatus = "paid";
    order.paidMinor = orderAmounts(order).currentTotalMinor;
    return { emitted: this.#orderEmitted(order, ["orders/paid", "orders/updated"], at) };
  }

  /** Refunds units of a paid order's lines (and its shipping, if asked), returning the money. */
  refundLines(orderId: string, lines: LineUnits, at: Date, options: RefundOptions = {}): RefundCreated {
    const order = this.#openOrder(orderId);
    if (order.financialStatus === "pending") refuse("order_not_paid", `order ${orderName(order)} is not paid: there is nothing to refund`);
    const units = this.#units(order, parseInput(LineUnits, lines, "refundLines"), "refund");
    const { refundShipping = false, note = null } = parseInput(RefundOptions, options, "refundLines options");
    const shippingMinor = refundShipping ? remainingShippingMinor(order) : 0;
    if (refundShipping && shippingMinor === 0) refuse("nothing_to_refund", `order ${orderName(order)} has no shipping left to refund`);
    if (units.length === 0 && !refundShipping) refuse("invalid_input", "a refund needs line items or shipping");
    checkedInstant(at);

    const refund = this.#recordRefund(order, { units, shippingMinor, note, at, returnEverything: false });
    order.financialStatus = nothingLeft(order) ? "refunded" : "partially_refunded";
    return { refundId: String(refund.id), emitted: [this.#refundEmitted(order, refund, at), ...this.#orderEmitted(order, ["orders/updated"], at)] };
  }

  /**
   * Cancels an order. A pending order is voided; a paid one, if `refund`, gets back all that
   * is left (units, shipping and money) in one refund first. Cancelled orders are final.
   */
  cancelOrder(orderId: string, at: Date, options: CancelOptions): OrderCancelled {
    const order = this.#openOrder(orderId);
    const { refund: refundRequested } = parseInput(CancelOptions, options, "cancelOrder options");
    checkedInstant(at);
    const emitted: Emitted[] = [];
    let refund: RefundState | null = null;
    if (order.financialStatus === "pending") {
      order.financialStatus = "voided";
    } else if (refundRequested && somethingToReturn(order)) {
      const units = order.lines.filter((line) => currentQuantity(line) > 0).map((line) => ({ line, quantity: currentQuantity(line) }));
      refund = this.#recordRefund(order, { units, shippingMinor: remainingShippingMinor(order), note: "Order cancelled", at, returnEverything: true });
      order.financialStatus = "refunded";
      emitted.push(this.#refundEmitted(order, refund, at));
    }
    // The refund and the cancellation are one state of the order: the same updated_at.
    if (!refund) order.updatedAt = nextStamp(order.updatedAt, at);
    order.cancelledAt = order.updatedAt;
    emitted.push(...this.#orderEmitted(order, ["orders/cancelled", "orders/updated"], at));
    return { refundId: refund ? String(refund.id) : null, emitted };
  }

  /**
   * An order edit: added units become new line items (undiscounted, as Shopify adds them),
   * removed units lower `current_quantity`. Shopify sends orders/edited too, but Wafa does
   * not subscribe to it, so only orders/updated is emitted.
   */
  editOrder(orderId: string, edit: OrderEdit, at: Date): OrderEdited {
    const order = this.#openOrder(orderId);
    if (order.financialStatus === "refunded") refuse("order_refunded", `order ${orderName(order)} is refunded and can no longer be edited`);
    const data = parseInput(OrderEdit, edit, "editOrder");
    const removals = this.#units(order, data.removeUnits ?? [], "remove");
    const drafts = (data.add ?? []).map((line, index) => this.#draftLine(line, `added line ${index + 1}`));
    order.updatedAt = nextStamp(order.updatedAt, checkedInstant(at));
    for (const { line, quantity } of removals) line.removed += quantity;
    const added = drafts.map((draft) => this.#line(draft, 0));
    order.lines.push(...added);
    return { addedLineItemIds: added.map((line) => String(line.id)), emitted: this.#orderEmitted(order, ["orders/updated"], at) };
  }

  /** Gives the order to another customer, or makes it a guest order (null). */
  changeOrderCustomer(orderId: string, customerId: string | null, at: Date): StoreChange {
    const order = this.#openOrder(orderId);
    const customer = customerId === null ? null : this.#customer(customerId);
    if ((customer?.id ?? null) === order.customerId) refuse("invalid_input", `order ${orderName(order)} already belongs to ${customerId ?? "no customer"}`);
    order.updatedAt = nextStamp(order.updatedAt, checkedInstant(at));
    order.customerId = customer?.id ?? null;
    if (customer) order.email = customer.email;
    return { emitted: this.#orderEmitted(order, ["orders/updated"], at) };
  }

  /**
   * The product's one variant id, given now if it has none yet, so that a variant chosen in
   * the resource picker is the one later orders of the product carry. Emits no webhook.
   */
  variantIdOf(productId: number): number {
    return this.#variantOf(productId);
  }

  // ── Reading ──────────────────────────────────────────────────────────────

  customers(): CustomerSummary[] {
    return this.#state.customers.map(customerSummary);
  }

  customer(customerId: string): CustomerSummary | null {
    const customer = this.#findCustomer(customerId);
    return customer ? customerSummary(customer) : null;
  }

  orders(): OrderSummary[] {
    return this.#state.orders.map((order) => this.#orderSummary(order));
  }

  order(orderId: string): OrderSummary | null {
    const id = idFrom("Order", orderId);
    const order = id === null ? undefined : this.#orders.get(id);
    return order ? this.#orderSummary(order) : null;
  }

  // ── Internals ────────────────────────────────────────────────────────────

  #allocateId(): number {
    this.#state.nextId += 1;
    const id = this.#state.idBase + this.#state.nextId;
    if (!Number.isSafeInteger(id)) throw new Error(`the id counter passed 2^53 (idBase ${this.#state.idBase})`);
    return id;
  }

  #variantOf(productId: number): number {
    const known = this.#variants.get(productId);
    if (known !== undefined) return known;
    const variantId = this.#allocateId();
    this.#variants.set(productId, variantId);
    this.#state.products.push({ productId, variantId });
    return variantId;
  }

  #findCustomer(reference: string): CustomerState | undefined {
    const id = idFrom("Customer", reference);
    return id === null ? undefined : this.#customers.get(id);
  }

  #customer(reference: string): CustomerState {
    return this.#findCustomer(reference) ?? refuse("unknown_customer", `no customer ${reference} in the sandbox store`);
  }

  /** An order that can still change: known and not cancelled. */
  #openOrder(reference: string): OrderState {
    const id = idFrom("Order", reference);
    const order = (id === null ? undefined : this.#orders.get(id)) ?? refuse("unknown_order", `no order ${reference} in the sandbox store`);
    if (order.cancelledAt !== null) refuse("order_cancelled", `order ${orderName(order)} is cancelled and accepts no further changes`);
    return order;
  }

  /** Email and phone identify one customer each in Shopify. */
  #assertContactFree(email: string, phone: string | null, self: number | null): void {
    const taken = this.#state.customers.find((other) =>
      other.id !== self && (other.email.toLowerCase() === email.toLowerCase() || (phone !== null && other.phone === phone)));
    if (taken) refuse("duplicate_customer", `customer ${taken.id} already has this email or phone`);
  }

  #priceMinor(text: string, what: string): number {
    const parsed = parseMoney(text, this.#state.currency);
    if (!parsed.ok) return refuse("invalid_input", `${what}: ${parsed.message}`);
    return parsed.value.minor;
  }

  /** A line checked and priced, before it gets ids (so a refused order allocates none). */
  #draftLine(line: OrderLineInput, what: string): DraftLine {
    const productId = idFrom("Product", line.productId) ?? refuse("invalid_input", `${what}: product id "${line.productId}" is not a Shopify id`);
    return {
      productId, title: line.title.trim(), sku: line.sku ?? "", vendor: line.vendor ?? null,
      unitPriceMinor: this.#priceMinor(line.unitPrice, `${what} unit price`), quantity: line.quantity, giftCard: line.giftCard ?? false,
    };
  }

  /** The cart as the discount Functions see it (each product's one variant), priced with what they return and the code. */
  #priceCheckout(
    drafts: readonly DraftLine[],
    options: { customer: CustomerState | null; shippingMinor: number | null; codePercentPpm: number | null; checkout: CheckoutPricer | undefined },
  ): PricedCheckout {
    const lines = drafts.map((draft, index) => ({ cartLineId: cartLineId(index), unitPriceMinor: draft.unitPriceMinor, quantity: draft.quantity, giftCard: draft.giftCard }));
    const runs = options.checkout ? options.checkout(this.#checkoutCart(drafts, options.customer, options.shippingMinor)) : [];
    return priceCheckout(lines, { currency: this.#state.currency, shippingMinor: options.shippingMinor, codePercentPpm: options.codePercentPpm, runs });
  }

  #checkoutCart(drafts: readonly DraftLine[], customer: CustomerState | null, shippingMinor: number | null): CheckoutCart {
    const lines = drafts.map((draft, index) => ({
      cartLineId: cartLineId(index), variantGid: gid("ProductVariant", this.#variantOf(draft.productId)), productId: draft.productId,
      quantity: draft.quantity, unitPriceMinor: draft.unitPriceMinor, giftCard: draft.giftCard,
    }));
    return { currency: this.#state.currency, customerGid: customer ? gid("Customer", customer.id) : null, lines, shippingMinor };
  }

  #line(draft: DraftLine, discountMinor: number): LineState {
    return { id: this.#allocateId(), variantId: this.#variantOf(draft.productId), refunded: 0, removed: 0, discountMinor, ...draft };
  }

  /** Resolves requested units to the order's lines: each line once, never beyond what is left. */
  #units(order: OrderState, requests: ReadonlyArray<{ lineItemId: string; quantity: number }>, verb: string): Units[] {
    const seen = new Set<number>();
    return requests.map(({ lineItemId, quantity }) => {
      const id = idFrom("LineItem", lineItemId);
      const line = order.lines.find((candidate) => candidate.id === id) ?? refuse("unknown_line_item", `order ${orderName(order)} has no line item ${lineItemId}`);
      if (seen.has(line.id)) refuse("invalid_input", `line item ${lineItemId} is listed twice`);
      seen.add(line.id);
      const left = currentQuantity(line);
      if (quantity > left) refuse("too_many_units", `cannot ${verb} ${quantity} of line item ${lineItemId}: ${left} left`);
      return { line, quantity };
    });
  }

  /**
   * Records a refund as the order's next state. Each line's refunded subtotal is its value
   * before less its value after, so `current_subtotal_price` drops by exactly the refund's
   * line subtotals. The money returned is that (with tax and shipping), capped at what the
   * customer paid; a cancellation returns everything paid.
   */
  #recordRefund(order: OrderState, request: { units: Units[]; shippingMinor: number; note: string | null; at: Date; returnEverything: boolean }): RefundState {
    const createdAt = nextStamp(order.updatedAt, request.at);
    const id = this.#allocateId();
    const lines = request.units.map((units) => this.#refundLine(order, units));
    const shipping = request.shippingMinor > 0 ? { id: this.#allocateId(), amountMinor: request.shippingMinor } : null;
    if (order.shipping) order.shipping.refundedMinor += request.shippingMinor;
    const value = lines.reduce((sum, line) => sum + line.subtotalMinor + line.taxMinor, request.shippingMinor);
    const kept = order.paidMinor - orderAmounts(order).refundedMinor;
    const amountMinor = request.returnEverything ? kept : Math.min(value, kept);
    const refund: RefundState = {
      id, createdAt, note: request.note, lines, shipping, transaction: amountMinor > 0 ? { id: this.#allocateId(), amountMinor } : null,
    };
    order.refunds.push(refund);
    order.updatedAt = createdAt;
    return refund;
  }

  #refundLine(order: OrderState, { line, quantity }: Units): RefundLineState {
    const before = currentQuantity(line);
    const after = before - quantity;
    line.refunded += quantity;
    return {
      id: this.#allocateId(),
      lineItemId: line.id,
      quantity,
      subtotalMinor: lineValueMinor(line, before) - lineValueMinor(line, after),
      taxMinor: lineTaxMinor(line, before, order.taxPpm) - lineTaxMinor(line, after, order.taxPpm),
    };
  }

  #orderEmitted(order: OrderState, topics: WebhookTopic[], at: Date): Emitted[] {
    const customer = order.customerId === null ? null : (this.#customers.get(order.customerId) ?? null);
    // The webhooks of one operation carry the same state, so they share one (read-only)
    // payload: building it once per topic doubled the demo seed's time.
    const payload = orderPayload(order, customer, this.#state.currency);
    return topics.map((topic) => ({ topic, payload, at: new Date(at.getTime()) }));
  }

  #refundEmitted(order: OrderState, refund: RefundState, at: Date): Emitted {
    return { topic: "refunds/create", payload: refundPayload(order, refund, this.#state.currency), at: new Date(at.getTime()) };
  }

  #customerEmitted(topic: "customers/create" | "customers/update", customer: CustomerState, at: Date): Emitted {
    return { topic, payload: customerPayload(customer, this.#state.currency), at: new Date(at.getTime()) };
  }

  #orderSummary(order: OrderState): OrderSummary {
    const amounts = orderAmounts(order);
    const decimal = (minor: number) => formatMinor(minor, this.#state.currency);
    return {
      id: String(order.id), gid: gid("Order", order.id), name: orderName(order),
      customerId: order.customerId === null ? null : String(order.customerId), email: order.email, test: order.test,
      financialStatus: order.financialStatus, cancelledAt: order.cancelledAt === null ? null : fromUnixSeconds(order.cancelledAt),
      createdAt: fromUnixSeconds(order.createdAt), updatedAt: fromUnixSeconds(order.updatedAt), currency: this.#state.currency,
      discountCode: order.discount?.code ?? null,
      automaticDiscounts: order.automaticDiscounts.map((discount) => ({
        title: discount.title, amount: decimal(discount.lines.reduce((sum, line) => sum + line.amountMinor, discount.shippingMinor)),
      })),
      currentSubtotal: decimal(amounts.currentSubtotalMinor), currentTotal: decimal(amounts.currentTotalMinor),
      totalOutstanding: decimal(amounts.outstandingMinor),
      lines: order.lines.map((line) => ({
        lineItemId: String(line.id), productId: line.productId === null ? null : String(line.productId), title: line.title,
        unitPrice: decimal(line.unitPriceMinor), quantity: line.quantity, currentQuantity: currentQuantity(line),
        refundedQuantity: line.refunded, removedQuantity: line.removed, giftCard: line.giftCard,
      })),
      refunds: order.refunds.map((refund) => ({
        refundId: String(refund.id), createdAt: fromUnixSeconds(refund.createdAt), amount: decimal(refund.transaction?.amountMinor ?? 0),
      })),
    };
  }
}

function customerSummary(customer: CustomerState): CustomerSummary {
  return {
    id: String(customer.id), gid: gid("Customer", customer.id), firstName: customer.firstName, lastName: customer.lastName,
    email: customer.email, phone: customer.phone, createdAt: fromUnixSeconds(customer.createdAt), updatedAt: fromUnixSeconds(customer.updatedAt),
  };
}

/** Reads "7000000000001" or "gid://shopify/<type>/7000000000001" as a numeric id, or null. */
function idFrom(type: string, reference: string): number | null {
  const match = /^(?:gid:\/\/shopify\/([A-Za-z]+)\/)?(\d{1,16})$/.exec(reference.trim());
  if (!match || (match[1] !== undefined && match[1] !== type)) return null;
  const id = Number(match[2]);
  return Number.isSafeInteger(id) && id > 0 ? id : null;
}

function checkedInstant(at: Date): Date {
  if (!(at instanceof Date) || Number.isNaN(at.getTime())) refuse("invalid_input", `not a valid instant: ${String(at)}`);
  return at;
}

/** What the customer paid for shipping (after its discounts) and has not had back. */
function remainingShippingMinor(order: OrderState): number {
  return order.shipping ? order.shipping.priceMinor - order.shipping.discountMinor - order.shipping.refundedMinor : 0;
}

/** What the automatic discounts took off the line at `index`. */
function sumAt(discounts: readonly PricedDiscount[], index: number): number {
  return discounts.reduce((total, discount) => total + (discount.lineMinor[index] ?? 0), 0);
}

/** Fully refunded: no units left on any line and no shipping left to refund. */
function nothingLeft(order: OrderState): boolean {
  return order.lines.every((line) => currentQuantity(line) === 0) && remainingShippingMinor(order) === 0;
}

function somethingToReturn(order: OrderState): boolean {
  return !nothingLeft(order) || order.paidMinor > orderAmounts(order).refundedMinor;
}

function formatMinor(minor: number, currency: string): string {
  return formatDecimal(money(minor, currency));
}
