/**
 * Renders the store's state as the REST webhook payloads Shopify sends (API 2026-04), in the
 * shape of Shopify's documented samples (app/test/fixtures/shopify-webhooks): customers
 * (customers_create.json), orders (orders_paid.json) and refunds (refunds_create.json).
 * Presentment money is shop money: the simulated store sells in one currency.
 */
import { formatDecimal, money } from "../../loyalty/money/money";
import { orderAmounts, type OrderAmounts } from "./order-amounts";
import { currentQuantity, lineTaxMinor, PPM, ppmToPercentText } from "./order-math";
import type { DemoProduct } from "./catalogue";
import type { CustomerState, LineState, OrderState, RefundState } from "./state";
import { shopifyTimestamp, type UnixSeconds } from "./time";

export type Payload = Readonly<Record<string, unknown>>;

export const gid = (type: string, id: number) => `gid://shopify/${type}/${id}`;

/** Money as one currency renders it: the decimal text and its `*_set` bag. */
function moneyOf(currency: string) {
  const decimal = (minor: number) => formatDecimal(money(minor, currency));
  const set = (minor: number) => {
    const amount = decimal(minor);
    return { shop_money: { amount, currency_code: currency }, presentment_money: { amount, currency_code: currency } };
  };
  return { decimal, set };
}

type Money = ReturnType<typeof moneyOf>;

/** products/create: what Wafa reads (id, title, tags as Shopify's comma-separated string, updated_at) and the usual neighbours. */
export function productPayload(product: DemoProduct, vendor: string, at: UnixSeconds): Payload {
  const id = Number(product.productId);
  const when = shopifyTimestamp(at);
  return {
    id,
    admin_graphql_api_id: gid("Product", id),
    title: product.title,
    vendor,
    product_type: product.giftCard ? "Gift Card" : "",
    handle: product.title.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, ""),
    status: "active",
    tags: product.tags.join(", "),
    created_at: when,
    updated_at: when,
    published_at: when,
  };
}

/** customers/create and customers/update. */
export function customerPayload(customer: CustomerState, currency: string): Payload {
  return {
    id: customer.id,
    created_at: shopifyTimestamp(customer.createdAt),
    updated_at: shopifyTimestamp(customer.updatedAt),
    first_name: customer.firstName,
    last_name: customer.lastName,
    state: "enabled",
    note: null,
    verified_email: true,
    multipass_identifier: null,
    tax_exempt: false,
    email: customer.email,
    phone: customer.phone,
    currency,
    addresses: [],
    tax_exemptions: [],
    tags: "",
    admin_graphql_api_id: gid("Customer", customer.id),
  };
}

/** The customer as an order payload embeds it (no `addresses` or `tags`, as in the sample). */
function orderCustomerPayload(customer: CustomerState, currency: string): Payload {
  const { addresses: _addresses, tags: _tags, ...embedded } = customerPayload(customer, currency);
  return embedded;
}

function taxLines(taxMinor: number, taxPpm: number, $: Money): Payload[] {
  if (taxPpm === 0) return [];
  // `rate` is a display number in Shopify's payload (0.08875); the amounts stay exact.
  return [{ channel_liable: false, price: $.decimal(taxMinor), price_set: $.set(taxMinor), rate: taxPpm / PPM, title: "Sales tax" }];
}

function lineItemPayload(line: LineState, order: OrderState, $: Money): Payload {
  const current = currentQuantity(line);
  const taxable = !line.giftCard;
  return {
    id: line.id,
    admin_graphql_api_id: gid("LineItem", line.id),
    attributed_staffs: [],
    current_quantity: current,
    fulfillable_quantity: order.cancelledAt === null ? current : 0,
    fulfillment_service: "manual",
    fulfillment_status: null,
    gift_card: line.giftCard,
    grams: 0,
    name: line.title,
    price: $.decimal(line.unitPriceMinor),
    price_set: $.set(line.unitPriceMinor),
    product_exists: line.productId !== null,
    product_id: line.productId,
    properties: [],
    quantity: line.quantity,
    requires_shipping: !line.giftCard,
    sales_line_item_group_id: null,
    sku: line.sku,
    taxable,
    title: line.title,
    total_discount: $.decimal(line.discountMinor),
    total_discount_set: $.set(line.discountMinor),
    variant_id: line.variantId,
    variant_inventory_management: line.giftCard ? null : "shopify",
    variant_title: null,
    vendor: line.vendor,
    tax_lines: taxable ? taxLines(lineTaxMinor(line, line.quantity, order.taxPpm), order.taxPpm, $) : [],
    duties: [],
    discount_allocations: lineAllocations(line, order).map(({ index, minor }) => ({ amount: $.decimal(minor), amount_set: $.set(minor), discount_application_index: index })),
  };
}

/**
 * A line's share of each discount application, by its index in `discount_applications`
 * (the code's first, then the automatic ones): the code's share is what the line's discount
 * holds beyond its automatic shares.
 */
function lineAllocations(line: LineState, order: OrderState): { index: number; minor: number }[] {
  const first = order.discount ? 1 : 0;
  const automatic = order.automaticDiscounts.flatMap((discount, position) =>
    discount.lines.filter((share) => share.lineId === line.id).map((share) => ({ index: first + position, minor: share.amountMinor })));
  const codeMinor = line.discountMinor - automatic.reduce((sum, share) => sum + share.minor, 0);
  return [...(order.discount && codeMinor > 0 ? [{ index: 0, minor: codeMinor }] : []), ...automatic];
}

/** The code's whole discount: every line's share of it. */
function codeDiscountMinor(order: OrderState): number {
  return order.lines.reduce((sum, line) => sum + lineAllocations(line, order).reduce((total, share) => total + (share.index === 0 && order.discount ? share.minor : 0), 0), 0);
}

function shippingLinePayload(order: OrderState, shipping: NonNullable<OrderState["shipping"]>, $: Money): Payload {
  const discounted = shipping.priceMinor - shipping.discountMinor;
  const first = order.discount ? 1 : 0;
  const allocations = order.automaticDiscounts.flatMap((discount, position) =>
    discount.shippingMinor > 0 ? [{ amount: $.decimal(discount.shippingMinor), amount_set: $.set(discount.shippingMinor), discount_application_index: first + position }] : []);
  return {
    id: shipping.id,
    carrier_identifier: null,
    code: shipping.title,
    current_discounted_price_set: $.set(discounted - shipping.refundedMinor),
    discount_allocations: allocations,
    discounted_price: $.decimal(discounted),
    discounted_price_set: $.set(discounted),
    is_removed: false,
    phone: null,
    price: $.decimal(shipping.priceMinor),
    price_set: $.set(shipping.priceMinor),
    requested_fulfillment_service_id: null,
    source: "shopify",
    title: shipping.title,
    tax_lines: [],
  };
}

/**
 * `discount_codes` and `discount_applications`: the code's application first, then each
 * automatic discount's, titled with the Function candidate's message (the reward's name).
 * An automatic application has a title and no code (AutomaticDiscountApplication in the
 * Admin API: allocation method, target selection and type, title, value).
 */
function discountPayloads(order: OrderState, $: Money) {
  const automatic = order.automaticDiscounts.map((discount) => ({
    target_type: discount.targetType,
    type: "automatic",
    value: discount.value,
    value_type: discount.valueType,
    allocation_method: discount.allocationMethod,
    target_selection: discount.targetSelection,
    title: discount.title,
  }));
  if (!order.discount) return { discount_codes: [], discount_applications: automatic };
  const { code, percentPpm } = order.discount;
  return {
    discount_codes: [{ code, amount: $.decimal(codeDiscountMinor(order)), type: "percentage" }],
    discount_applications: [
      { target_type: "line_item", type: "discount_code", value: ppmToPercentText(percentPpm), value_type: "percentage", allocation_method: "across", target_selection: "all", code },
      ...automatic,
    ],
  };
}

export const orderName = (order: OrderState) => `#${order.number}`;

/** orders/create, orders/paid, orders/updated and orders/cancelled: the order as it is now. */
export function orderPayload(order: OrderState, customer: CustomerState | null, currency: string): Payload {
  const $ = moneyOf(currency);
  const amounts = orderAmounts(order);
  return {
    ...orderHeader(order, currency),
    ...orderMoney(amounts, $),
    ...discountPayloads(order, $),
    tax_lines: taxLines(amounts.taxMinor, order.taxPpm, $),
    customer: customer ? orderCustomerPayload(customer, currency) : null,
    fulfillments: [],
    line_items: order.lines.map((line) => lineItemPayload(line, order, $)),
    payment_terms: null,
    refunds: order.refunds.map((refund) => refundPayload(order, refund, currency)),
    shipping_lines: order.shipping ? [shippingLinePayload(order, order.shipping, $)] : [],
    returns: [],
    line_item_groups: [],
  };
}

/** Who, when and what state: everything but money and lines. */
function orderHeader(order: OrderState, currency: string): Payload {
  const created = shopifyTimestamp(order.createdAt);
  return {
    id: order.id,
    admin_graphql_api_id: gid("Order", order.id),
    app_id: null, browser_ip: null, buyer_accepts_marketing: false, cart_token: null, checkout_token: null, client_details: null,
    cancel_reason: order.cancelledAt === null ? null : "customer",
    cancelled_at: order.cancelledAt === null ? null : shopifyTimestamp(order.cancelledAt),
    closed_at: null, confirmation_number: null, confirmed: true,
    contact_email: order.email,
    created_at: created,
    currency,
    customer_locale: "en", device_id: null, duties_included: false,
    email: order.email,
    estimated_taxes: false,
    financial_status: order.financialStatus,
    fulfillment_status: null,
    landing_site: null, landing_site_ref: null, location_id: null, merchant_of_record_app_id: null,
    name: orderName(order),
    note: null, note_attributes: [],
    number: order.number - 1000,
    order_number: order.number,
    payment_gateway_names: ["bogus"],
    phone: null, po_number: null,
    presentment_currency: currency,
    processed_at: created,
    reference: null, referring_site: null, source_identifier: null,
    source_name: "web",
    source_url: null,
    tags: "",
    tax_exempt: false,
    taxes_included: false,
    test: order.test,
    total_weight: 0,
    updated_at: shopifyTimestamp(order.updatedAt),
    user_id: null,
  };
}

/** The order's totals, as ordered and as they stand now, each as text and as a `*_set`. */
function orderMoney(amounts: OrderAmounts, $: Money): Payload {
  return {
    current_shipping_price_set: $.set(amounts.currentShippingMinor),
    current_subtotal_price: $.decimal(amounts.currentSubtotalMinor),
    current_subtotal_price_set: $.set(amounts.currentSubtotalMinor),
    current_total_additional_fees_set: null,
    current_total_discounts: $.decimal(amounts.currentDiscountsMinor),
    current_total_discounts_set: $.set(amounts.currentDiscountsMinor),
    current_total_duties_set: null,
    current_total_price: $.decimal(amounts.currentTotalMinor),
    current_total_price_set: $.set(amounts.currentTotalMinor),
    current_total_tax: $.decimal(amounts.currentTaxMinor),
    current_total_tax_set: $.set(amounts.currentTaxMinor),
    original_total_additional_fees_set: null,
    original_total_duties_set: null,
    subtotal_price: $.decimal(amounts.subtotalMinor),
    subtotal_price_set: $.set(amounts.subtotalMinor),
    total_cash_rounding_payment_adjustment_set: $.set(0),
    total_cash_rounding_refund_adjustment_set: $.set(0),
    total_discounts: $.decimal(amounts.discountsMinor),
    total_discounts_set: $.set(amounts.discountsMinor),
    total_line_items_price: $.decimal(amounts.lineItemsMinor),
    total_line_items_price_set: $.set(amounts.lineItemsMinor),
    total_outstanding: $.decimal(amounts.outstandingMinor),
    total_price: $.decimal(amounts.totalMinor),
    total_price_set: $.set(amounts.totalMinor),
    total_shipping_price_set: $.set(amounts.shippingMinor),
    total_tax: $.decimal(amounts.taxMinor),
    total_tax_set: $.set(amounts.taxMinor),
    total_tip_received: $.decimal(0),
  };
}

function refundLineItemsPayload(order: OrderState, refund: RefundState, $: Money): Payload[] {
  return refund.lines.map((refundLine) => {
    const line = order.lines.find((candidate) => candidate.id === refundLine.lineItemId);
    if (!line) throw new Error(`refund ${refund.id} refunds line ${refundLine.lineItemId}, which order ${order.id} does not have`);
    return {
      id: refundLine.id,
      quantity: refundLine.quantity,
      line_item_id: line.id,
      location_id: null,
      restock_type: "no_restock",
      // Shopify sends these two as JSON numbers (display values); the `_set` amounts are exact.
      subtotal: Number($.decimal(refundLine.subtotalMinor)),
      total_tax: Number($.decimal(refundLine.taxMinor)),
      subtotal_set: $.set(refundLine.subtotalMinor),
      total_tax_set: $.set(refundLine.taxMinor),
      line_item: lineItemPayload(line, order, $),
    };
  });
}

function refundShippingLinesPayload(order: OrderState, refund: RefundState, $: Money): Payload[] {
  if (!refund.shipping || !order.shipping) return [];
  const { id, amountMinor } = refund.shipping;
  return [{
    id,
    shipping_line_id: order.shipping.id,
    full_refund: amountMinor === order.shipping.priceMinor - order.shipping.discountMinor,
    subtotal_amount_set: $.set(amountMinor),
    tax_amount_set: $.set(0),
    shipping_line: shippingLinePayload(order, order.shipping, $),
  }];
}

function transactionsPayload(order: OrderState, refund: RefundState, currency: string, $: Money): Payload[] {
  if (!refund.transaction) return [];
  const { id, amountMinor } = refund.transaction;
  const at = shopifyTimestamp(refund.createdAt);
  const unsettled = () => ({ amount: $.decimal(0), currency });
  return [{
    id,
    order_id: order.id,
    kind: "refund",
    gateway: "bogus",
    status: "success",
    message: "Bogus Gateway: Forced success",
    created_at: at,
    test: order.test,
    authorization: null,
    location_id: null,
    user_id: null,
    parent_id: null,
    processed_at: at,
    device_id: null,
    error_code: null,
    source_name: "web",
    receipt: {},
    amount: $.decimal(amountMinor),
    currency,
    payment_id: `${orderName(order)}.${order.refunds.indexOf(refund) + 2}`,
    total_unsettled_set: { presentment_money: unsettled(), shop_money: unsettled() },
    manual_payment_gateway: false,
    amount_rounding: null,
    admin_graphql_api_id: gid("OrderTransaction", id),
  }];
}

/** refunds/create, and each entry of an order payload's `refunds`. */
export function refundPayload(order: OrderState, refund: RefundState, currency: string): Payload {
  const $ = moneyOf(currency);
  const at = shopifyTimestamp(refund.createdAt);
  return {
    id: refund.id,
    order_id: order.id,
    created_at: at,
    note: refund.note,
    user_id: null,
    processed_at: at,
    duties: [],
    total_duties_set: $.set(0),
    return: null,
    restock: false,
    refund_shipping_lines: refundShippingLinesPayload(order, refund, $),
    admin_graphql_api_id: gid("Refund", refund.id),
    order_adjustments: [],
    refund_line_items: refundLineItemsPayload(order, refund, $),
    transactions: transactionsPayload(order, refund, currency, $),
  };
}
