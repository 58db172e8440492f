/**
 * What Wafa relies on in the webhooks the simulated store emits, checked from the payloads
 * alone (read with zod, recomputed in BigInt), independently of the store's own arithmetic.
 * Used by the tests; returns problems as sentences rather than throwing, so one run reports
 * them all.
 */
import { z } from "zod";
import { parseMoney } from "../../loyalty/money/money";
import { CustomerPayload } from "../../shopify/payloads/customer";
import { OrderPayload } from "../../shopify/payloads/order";
import { ProductPayload } from "../../shopify/payloads/product";
import { RefundPayload } from "../../shopify/payloads/refund";
import type { WebhookTopic } from "../../shopify/webhook-topics";
import type { Emitted } from "./store";

const Amount = z.object({ amount: z.string(), currency_code: z.string() });
const MoneySet = z.object({ shop_money: Amount, presentment_money: Amount });
const SafeId = z.number().int().positive().refine(Number.isSafeInteger, "an id beyond 2^53");

const RawAllocation = z.object({ amount: z.string(), amount_set: MoneySet, discount_application_index: z.int().nonnegative() });

const RawLine = z.object({
  id: SafeId,
  admin_graphql_api_id: z.string(),
  price: z.string(),
  quantity: z.int(),
  current_quantity: z.int(),
  gift_card: z.boolean(),
  discount_allocations: z.array(RawAllocation),
});

const RawShippingLine = z.object({ id: SafeId, price: z.string(), discounted_price: z.string(), discount_allocations: z.array(RawAllocation) });

const RawApplication = z.object({ type: z.enum(["discount_code", "automatic"]), target_type: z.enum(["line_item", "shipping_line"]), title: z.string().optional(), code: z.string().optional() });

const RawRefund = z.object({
  id: SafeId,
  admin_graphql_api_id: z.string(),
  order_id: SafeId,
  refund_line_items: z.array(z.object({ line_item_id: SafeId, quantity: z.int(), subtotal_set: MoneySet })),
});

const RawOrder = z.object({
  id: SafeId,
  admin_graphql_api_id: z.string(),
  currency: z.string(),
  updated_at: z.string(),
  current_subtotal_price: z.string(),
  current_total_discounts: z.string(),
  subtotal_price: z.string(),
  total_tax: z.string(),
  total_price: z.string(),
  total_discounts: z.string(),
  discount_codes: z.array(z.object({ amount: z.string() })),
  discount_applications: z.array(RawApplication),
  line_items: z.array(RawLine),
  shipping_lines: z.array(RawShippingLine),
  refunds: z.array(RawRefund),
});

const RawCustomer = z.object({ id: SafeId, admin_graphql_api_id: z.string(), updated_at: z.string() });

const SCHEMAS: Partial<Record<WebhookTopic, z.ZodType>> = {
  "orders/create": OrderPayload,
  "orders/paid": OrderPayload,
  "orders/updated": OrderPayload,
  "orders/cancelled": OrderPayload,
  "refunds/create": RefundPayload,
  "customers/create": CustomerPayload,
  "customers/update": CustomerPayload,
  "products/create": ProductPayload,
};

/** Exact minor units of a decimal string, or a problem. */
function minorOf(amount: string, currency: string, where: string, problems: string[]): bigint {
  const parsed = parseMoney(amount, currency);
  if (!parsed.ok) {
    problems.push(`${where}: "${amount}" is not an exact ${currency} amount (${parsed.message})`);
    return 0n;
  }
  return BigInt(parsed.value.minor);
}

/** Every money string and `*_set` bag in a payload, wherever it sits, must parse exactly. */
function checkAllMoney(value: unknown, currency: string, path: string, problems: string[]): void {
  const bag = MoneySet.safeParse(value);
  if (bag.success) {
    for (const side of [bag.data.shop_money, bag.data.presentment_money]) {
      if (side.currency_code !== currency) problems.push(`${path}: in ${side.currency_code}, the shop sells in ${currency}`);
      minorOf(side.amount, currency, path, problems);
    }
    return;
  }
  if (Array.isArray(value)) value.forEach((item, index) => checkAllMoney(item, currency, `${path}[${index}]`, problems));
  else if (value !== null && typeof value === "object") {
    for (const [key, nested] of Object.entries(value)) {
      if (MONEY_TEXT_FIELDS.has(key) && typeof nested === "string") minorOf(nested, currency, `${path}.${key}`, problems);
      else checkAllMoney(nested, currency, `${path}.${key}`, problems);
    }
  }
}

const MONEY_TEXT_FIELDS = new Set([
  "price", "amount", "total_discount", "discounted_price", "subtotal_price", "current_subtotal_price", "total_price", "current_total_price",
  "total_discounts", "current_total_discounts", "total_tax", "current_total_tax", "total_line_items_price", "total_outstanding", "total_tip_received",
]);

/** current_subtotal = Σ (price × current_quantity − allocations × current_quantity / quantity, rounded down). */
export function expectedCurrentSubtotal(order: z.infer<typeof RawOrder>, problems: string[] = []): bigint {
  let total = 0n;
  for (const line of order.line_items) {
    const price = minorOf(line.price, order.currency, `line ${line.id} price`, problems);
    const discount = line.discount_allocations.reduce((sum, allocation) => sum + minorOf(allocation.amount, order.currency, `line ${line.id} allocation`, problems), 0n);
    if (line.gift_card && discount !== 0n) problems.push(`gift-card line ${line.id} is discounted`);
    const current = BigInt(line.current_quantity);
    total += price * current - (discount * current) / BigInt(line.quantity);
  }
  return total;
}

function checkOrder(order: z.infer<typeof RawOrder>, problems: string[]): void {
  const where = `order ${order.id} at ${order.updated_at}`;
  if (order.admin_graphql_api_id !== `gid://shopify/Order/${order.id}`) problems.push(`${where}: gid ${order.admin_graphql_api_id}`);
  const expected = expectedCurrentSubtotal(order, problems);
  const actual = minorOf(order.current_subtotal_price, order.currency, where, problems);
  if (expected !== actual) problems.push(`${where}: current_subtotal_price is ${actual} minor units, its lines say ${expected}`);
  checkDiscounts(order, where, problems);
  for (const line of order.line_items) {
    if (line.current_quantity < 0 || line.current_quantity > line.quantity) problems.push(`${where}: line ${line.id} has current_quantity ${line.current_quantity} of ${line.quantity}`);
    if (line.admin_graphql_api_id !== `gid://shopify/LineItem/${line.id}`) problems.push(`${where}: line gid ${line.admin_graphql_api_id}`);
  }
}

/**
 * Discounts: every allocation names an application of its kind of line, the allocations
 * (lines and shipping) sum to total_discounts, the codes' amounts to their applications'
 * allocations, a shipping line's discounted price is its price less its allocations, and
 * total_price is the subtotal, tax and discounted shipping.
 */
function checkDiscounts(order: z.infer<typeof RawOrder>, where: string, problems: string[]): void {
  const minor = (amount: string) => minorOf(amount, order.currency, where, problems);
  const allocations = [
    ...order.line_items.flatMap((line) => line.discount_allocations.map((allocation) => ({ allocation, on: "line_item" }))),
    ...order.shipping_lines.flatMap((line) => line.discount_allocations.map((allocation) => ({ allocation, on: "shipping_line" }))),
  ];
  for (const { allocation, on } of allocations) {
    const application = order.discount_applications[allocation.discount_application_index];
    if (application?.target_type !== on) problems.push(`${where}: an allocation on a ${on} names application ${allocation.discount_application_index}, ${application ? `a ${application.target_type} one` : "which does not exist"}`);
    if (application?.type === "automatic" && !application.title) problems.push(`${where}: automatic application ${allocation.discount_application_index} has no title`);
  }
  const sumOf = (entries: typeof allocations) => entries.reduce((sum, { allocation }) => sum + minor(allocation.amount), 0n);
  const totalDiscounts = minor(order.total_discounts);
  if (sumOf(allocations) !== totalDiscounts) problems.push(`${where}: discount allocations sum to ${sumOf(allocations)}, total_discounts is ${totalDiscounts}`);
  const codes = order.discount_codes.reduce((sum, code) => sum + minor(code.amount), 0n);
  const byCode = sumOf(allocations.filter(({ allocation }) => order.discount_applications[allocation.discount_application_index]?.type === "discount_code"));
  if (order.discount_codes.length > 0 && codes !== byCode) problems.push(`${where}: discount codes say ${codes}, their allocations ${byCode}`);
  let shippingMinor = 0n;
  for (const line of order.shipping_lines) {
    const discounted = minor(line.discounted_price);
    if (discounted !== minor(line.price) - sumOf(line.discount_allocations.map((allocation) => ({ allocation, on: "shipping_line" })))) problems.push(`${where}: shipping line ${line.id} discounted_price is not its price less its allocations`);
    shippingMinor += discounted;
  }
  const total = minor(order.subtotal_price) + minor(order.total_tax) + shippingMinor;
  if (total !== minor(order.total_price)) problems.push(`${where}: total_price is ${minor(order.total_price)}, subtotal, tax and shipping say ${total}`);
}

type OrderHistory = { previous: z.infer<typeof RawOrder> | null; previousText: string | null; pendingRefundMinor: bigint | null };

/** A new order state: a later updated_at if it changed, and any refund just emitted taken off. */
function checkOrderSequence(order: z.infer<typeof RawOrder>, text: string, history: OrderHistory, problems: string[]): void {
  const { previous, previousText } = history;
  if (previous && previousText !== null) {
    const later = Date.parse(order.updated_at) > Date.parse(previous.updated_at);
    const same = order.updated_at === previous.updated_at;
    if (text === previousText ? !same : !later) problems.push(`order ${order.id}: state at ${order.updated_at} follows ${previous.updated_at} (${text === previousText ? "same state, different time" : "changed state, not later"})`);
    if (history.pendingRefundMinor !== null) {
      const drop = expectedCurrentSubtotal(previous) - expectedCurrentSubtotal(order);
      const reported = minorOf(previous.current_subtotal_price, order.currency, "", problems) - minorOf(order.current_subtotal_price, order.currency, "", problems);
      if (reported !== history.pendingRefundMinor || drop !== history.pendingRefundMinor) {
        problems.push(`order ${order.id}: a refund of ${history.pendingRefundMinor} lowered current_subtotal_price by ${reported}`);
      }
    }
  }
  history.previous = order;
  history.previousText = text;
  history.pendingRefundMinor = null;
}

/** Checks a run of emitted webhooks, in emission order. Returns every problem found. */
export function emittedProblems(emitted: readonly Emitted[]): string[] {
  const problems: string[] = [];
  const orders = new Map<number, OrderHistory>();
  const customers = new Map<number, string>();
  for (const [index, webhook] of emitted.entries()) {
    // As delivered: through JSON, so nothing but JSON values survives.
    const text = JSON.stringify(webhook.payload);
    const payload: unknown = JSON.parse(text);
    const where = `#${index} ${webhook.topic}`;
    const schema = SCHEMAS[webhook.topic];
    if (!schema) problems.push(`${where}: Wafa has no payload schema for this topic`);
    const parsed = schema?.safeParse(payload);
    if (parsed && !parsed.success) problems.push(`${where}: ${z.prettifyError(parsed.error)}`);
    if (webhook.topic.startsWith("orders/")) checkOrderWebhook(payload, text, orders, where, problems);
    else if (webhook.topic === "refunds/create") checkRefundWebhook(payload, orders, where, problems);
    else if (webhook.topic.startsWith("customers/")) checkCustomerWebhook(payload, customers, where, problems);
    // products/create carries nothing the other topics refer to: its schema is the check.
  }
  return problems;
}

function checkOrderWebhook(payload: unknown, text: string, orders: Map<number, OrderHistory>, where: string, problems: string[]): void {
  const order = RawOrder.safeParse(payload);
  if (!order.success) {
    problems.push(`${where}: ${z.prettifyError(order.error)}`);
    return;
  }
  checkAllMoney(payload, order.data.currency, where, problems);
  checkOrder(order.data, problems);
  const history = orders.get(order.data.id) ?? { previous: null, previousText: null, pendingRefundMinor: null };
  orders.set(order.data.id, history);
  checkOrderSequence(order.data, text, history, problems);
}

function checkRefundWebhook(payload: unknown, orders: Map<number, OrderHistory>, where: string, problems: string[]): void {
  const refund = RawRefund.safeParse(payload);
  if (!refund.success) {
    problems.push(`${where}: ${z.prettifyError(refund.error)}`);
    return;
  }
  const history = orders.get(refund.data.order_id);
  if (!history?.previous) {
    problems.push(`${where}: a refund for order ${refund.data.order_id}, never created`);
    return;
  }
  const currency = history.previous.currency;
  checkAllMoney(payload, currency, where, problems);
  if (refund.data.admin_graphql_api_id !== `gid://shopify/Refund/${refund.data.id}`) problems.push(`${where}: gid ${refund.data.admin_graphql_api_id}`);
  history.pendingRefundMinor = refund.data.refund_line_items.reduce((sum, item) => sum + minorOf(item.subtotal_set.shop_money.amount, currency, where, problems), 0n);
}

function checkCustomerWebhook(payload: unknown, customers: Map<number, string>, where: string, problems: string[]): void {
  const customer = RawCustomer.safeParse(payload);
  if (!customer.success) {
    problems.push(`${where}: ${z.prettifyError(customer.error)}`);
    return;
  }
  if (customer.data.admin_graphql_api_id !== `gid://shopify/Customer/${customer.data.id}`) problems.push(`${where}: gid ${customer.data.admin_graphql_api_id}`);
  const previous = customers.get(customer.data.id);
  if (previous !== undefined && !(Date.parse(customer.data.updated_at) > Date.parse(previous))) {
    problems.push(`${where}: customer ${customer.data.id} updated_at ${customer.data.updated_at} does not follow ${previous}`);
  }
  customers.set(customer.data.id, customer.data.updated_at);
}
