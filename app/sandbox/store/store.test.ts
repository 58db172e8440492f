import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CustomerPayload } from "../../shopify/payloads/customer";
import { OrderPayload } from "../../shopify/payloads/order";
import { RefundPayload } from "../../shopify/payloads/refund";
import { emittedProblems } from "./emitted-invariants";
import { SandboxStore, SandboxStoreError, type Emitted, type NewOrder, type OrderLineInput } from "./store";

const AT = new Date("2026-03-01T10:00:00Z");
const after = (seconds: number) => new Date(AT.getTime() + seconds * 1000);

const TEE: OrderLineInput = { productId: "8000000000001", title: "Organic Cotton Tee", unitPrice: "19.99", quantity: 3 };
const MUG: OrderLineInput = { productId: "8000000000012", title: "Stoneware Mug", unitPrice: "18.00", quantity: 1 };
const GIFT_CARD: OrderLineInput = { productId: "8000000000020", title: "Gift Card", unitPrice: "50.00", quantity: 1, giftCard: true };

/** Tee 3 × 19.99, mug 18.00, a 50.00 gift card; WELCOME10, 6.95 shipping, 8.875 % tax. */
const BASKET = {
  lines: [TEE, MUG, GIFT_CARD],
  discountCode: { code: "WELCOME10", percent: 10 },
  shippingPrice: "6.95",
  taxRatePercent: 8.875,
} satisfies Partial<NewOrder>;

function storeWithCustomer(currency = "USD") {
  const store = SandboxStore.empty({ shopDomain: "wafa-sandbox.myshopify.com", currency });
  const { customerId } = store.createCustomer({ firstName: "Amara", lastName: "Okafor", email: "amara@example.com" }, AT);
  return { store, customerId };
}

function paidBasket() {
  const { store, customerId } = storeWithCustomer();
  const placed = store.placeOrder({ customerId, paid: true, ...BASKET }, AT);
  const [tee = "", mug = "", giftCard = ""] = placed.lineItemIds;
  return { store, customerId, placed, tee, mug, giftCard };
}

const order = (emitted: Emitted | undefined) => OrderPayload.parse(emitted?.payload);
const topics = (emitted: readonly Emitted[]) => emitted.map((webhook) => webhook.topic);

/** The refusal's code, checking the store was left exactly as it was. */
function refusal(store: SandboxStore, operation: () => unknown): string {
  const before = JSON.stringify(store.toJSON());
  try {
    operation();
  } catch (error) {
    expect(JSON.stringify(store.toJSON())).toBe(before);
    return error instanceof SandboxStoreError ? error.code : `not a SandboxStoreError: ${String(error)}`;
  }
  return "accepted";
}

describe("customers", () => {
  it("GIVEN a sign-up WHEN the customer is created THEN customers/create carries Shopify's customer payload", () => {
    const { store, customerId } = storeWithCustomer();
    const [created] = store.customers();
    expect(customerId).toMatch(/^\d+$/);
    const { emitted } = store.createCustomer({ firstName: "Ben", lastName: "Bauer", email: "ben@example.com", phone: "+15550100001" }, AT);
    expect(topics(emitted)).toEqual(["customers/create"]);
    expect(emitted[0]?.payload).toEqual({
      id: expect.any(Number), admin_graphql_api_id: expect.stringMatching(/^gid:\/\/shopify\/Customer\/\d+$/),
      created_at: "2026-03-01T10:00:00+00:00", updated_at: "2026-03-01T10:00:00+00:00",
      first_name: "Ben", last_name: "Bauer", email: "ben@example.com", phone: "+15550100001",
      state: "enabled", note: null, verified_email: true, multipass_identifier: null, tax_exempt: false,
      currency: "USD", addresses: [], tax_exemptions: [], tags: "",
    });
    expect(CustomerPayload.safeParse(emitted[0]?.payload).success).toBe(true);
    expect(created).toMatchObject({ id: customerId, gid: `gid://shopify/Customer/${customerId}`, email: "amara@example.com", phone: null });
  });

  it("GIVEN a customer WHEN they are updated twice in the same second THEN each customers/update has a later updated_at", () => {
    const { store, customerId } = storeWithCustomer();
    const first = store.updateCustomer(customerId, { lastName: "Okafor-Reyes" }, AT).emitted;
    const second = store.updateCustomer(customerId, { phone: "+15550100002" }, AT).emitted;
    expect(topics([...first, ...second])).toEqual(["customers/update", "customers/update"]);
    expect(first[0]?.payload).toMatchObject({ last_name: "Okafor-Reyes", created_at: "2026-03-01T10:00:00+00:00", updated_at: "2026-03-01T10:00:01+00:00" });
    expect(second[0]?.payload).toMatchObject({ phone: "+15550100002", updated_at: "2026-03-01T10:00:02+00:00" });
    expect(store.customer(customerId)).toMatchObject({ lastName: "Okafor-Reyes", phone: "+15550100002" });
  });

  it.each([
    ["an email another customer has", (store: SandboxStore) => store.createCustomer({ firstName: "A", lastName: "B", email: "AMARA@example.com" }, AT), "duplicate_customer"],
    ["an invalid email", (store: SandboxStore) => store.createCustomer({ firstName: "A", lastName: "B", email: "not-an-email" }, AT), "invalid_input"],
    ["a phone that is not E.164", (store: SandboxStore) => store.createCustomer({ firstName: "A", lastName: "B", email: "a@example.com", phone: "555-1234" }, AT), "invalid_input"],
    ["an unknown customer", (store: SandboxStore) => store.updateCustomer("123", { firstName: "X" }, AT), "unknown_customer"],
    ["an empty update", (store: SandboxStore) => store.updateCustomer(store.customers()[0]?.id ?? "", {}, AT), "invalid_input"],
    ["an invalid instant", (store: SandboxStore) => store.createCustomer({ firstName: "A", lastName: "B", email: "a@example.com" }, new Date("nope")), "invalid_input"],
  ])("GIVEN %s THEN the store refuses it and stays as it was", (_name, operation, code) => {
    const { store } = storeWithCustomer();
    expect(refusal(store, () => operation(store))).toBe(code);
  });
});

describe("placing an order", () => {
  it("GIVEN a paid checkout THEN orders/create and orders/paid carry the same paid order, priced exactly", () => {
    const { placed, customerId } = paidBasket();
    expect(topics(placed.emitted)).toEqual(["orders/create", "orders/paid"]);
    expect(placed.emitted[0]?.payload).toEqual(placed.emitted[1]?.payload);
    expect(placed.name).toBe("#1001");
    // Discountable 3 × 19.99 + 18.00 = 77.97; 10 % = 7.797 → 7.80, split 6.00 / 1.80 by
    // largest remainder. Subtotal (59.97 − 6.00) + (18.00 − 1.80) + 50.00 gift card = 120.17.
    // Tax 8.875 % per line: 53.97 → 4.79, 16.20 → 1.44 (half up); gift cards untaxed.
    expect(placed.emitted[0]?.payload).toMatchObject({
      name: "#1001", order_number: 1001, financial_status: "paid", fulfillment_status: null, test: false,
      currency: "USD", presentment_currency: "USD", taxes_included: false, source_name: "web", tags: "", note: null,
      cancelled_at: null, cancel_reason: null, created_at: "2026-03-01T10:00:00+00:00", processed_at: "2026-03-01T10:00:00+00:00",
      updated_at: "2026-03-01T10:00:00+00:00", email: "amara@example.com",
      total_line_items_price: "127.97", total_discounts: "7.80", subtotal_price: "120.17", current_subtotal_price: "120.17",
      total_tax: "6.23", current_total_tax: "6.23", total_price: "133.35", current_total_price: "133.35", total_outstanding: "0.00",
      total_shipping_price_set: { shop_money: { amount: "6.95", currency_code: "USD" } },
      discount_codes: [{ code: "WELCOME10", amount: "7.80", type: "percentage" }],
      discount_applications: [{ type: "discount_code", value_type: "percentage", value: "10.0", code: "WELCOME10", allocation_method: "across" }],
      tax_lines: [{ price: "6.23", rate: 0.08875, title: "Sales tax" }],
      customer: { id: Number(customerId), admin_graphql_api_id: `gid://shopify/Customer/${customerId}`, email: "amara@example.com", state: "enabled" },
      line_items: [
        { title: "Organic Cotton Tee", price: "19.99", quantity: 3, current_quantity: 3, total_discount: "6.00", gift_card: false, taxable: true,
          product_id: 8000000000001, discount_allocations: [{ amount: "6.00", discount_application_index: 0 }], tax_lines: [{ price: "4.79" }] },
        { title: "Stoneware Mug", price: "18.00", total_discount: "1.80", discount_allocations: [{ amount: "1.80" }], tax_lines: [{ price: "1.44" }] },
        { title: "Gift Card", price: "50.00", gift_card: true, taxable: false, requires_shipping: false, discount_allocations: [], tax_lines: [] },
      ],
    });
    expect(emittedProblems(placed.emitted)).toEqual([]);
  });

  it("GIVEN a checkout awaiting payment WHEN it is paid THEN orders/paid and orders/updated follow with nothing outstanding", () => {
    const { store, customerId } = storeWithCustomer();
    const placed = store.placeOrder({ customerId, paid: false, ...BASKET }, AT);
    expect(topics(placed.emitted)).toEqual(["orders/create"]);
    expect(placed.emitted[0]?.payload).toMatchObject({ financial_status: "pending", total_outstanding: "133.35" });
    const paid = store.payOrder(placed.orderId, after(3600)).emitted;
    expect(topics(paid)).toEqual(["orders/paid", "orders/updated"]);
    expect(paid[0]?.payload).toEqual(paid[1]?.payload);
    expect(paid[0]?.payload).toMatchObject({ financial_status: "paid", total_outstanding: "0.00", updated_at: "2026-03-01T11:00:00+00:00", created_at: "2026-03-01T10:00:00+00:00" });
    expect(refusal(store, () => store.payOrder(placed.orderId, after(7200)))).toBe("order_not_pending");
    expect(emittedProblems([...placed.emitted, ...paid])).toEqual([]);
  });

  it("GIVEN a guest checkout THEN the order has no customer, the checkout email, and its own name", () => {
    const { store } = storeWithCustomer();
    store.placeOrder({ customerId: null, paid: true, lines: [MUG] }, AT);
    const guest = store.placeOrder({ customerId: null, email: "guest@example.net", paid: true, test: true, lines: [MUG] }, AT);
    expect(guest.emitted[0]?.payload).toMatchObject({ name: "#1002", customer: null, email: "guest@example.net", test: true, shipping_lines: [], tax_lines: [] });
    expect(order(guest.emitted[0])).toMatchObject({ customer: null, test: true, name: "#1002" });
  });

  it("GIVEN ids THEN they are safe JSON numbers matching their gids, and a custom idBase moves them", () => {
    const store = SandboxStore.empty({ shopDomain: "s.myshopify.com", currency: "USD", idBase: 5_000 });
    const { customerId } = store.createCustomer({ firstName: "A", lastName: "B", email: "a@example.com" }, AT);
    const placed = store.placeOrder({ customerId, paid: true, lines: [MUG] }, AT);
    expect(customerId).toBe("5001");
    const payload = OrderPayload.parse(placed.emitted[0]?.payload);
    expect(payload.admin_graphql_api_id).toBe(`gid://shopify/Order/${placed.orderId}`);
    expect(placed.emitted[0]?.payload).toMatchObject({ id: Number(placed.orderId), line_items: [{ id: Number(placed.lineItemIds[0]) }] });
    expect(store.order(`gid://shopify/Order/${placed.orderId}`)?.name).toBe("#1001");
  });

  it.each([
    ["an unknown customer", { customerId: "42" }, "unknown_customer"],
    ["no lines", { lines: [] }, "invalid_input"],
    ["a price finer than a cent", { lines: [{ ...MUG, unitPrice: "18.001" }] }, "invalid_input"],
    ["a negative quantity", { lines: [{ ...MUG, quantity: -1 }] }, "invalid_input"],
    ["a product id that is not a Shopify id", { lines: [{ ...MUG, productId: "mug" }] }, "invalid_input"],
    ["a discount above 100 %", { discountCode: { code: "ALL", percent: 150 } }, "invalid_input"],
    ["a tax rate that is not a short decimal", { taxRatePercent: 0.1 + 0.2 }, "invalid_input"],
    ["a misspelt field", { shipping_price: "5.00" }, "invalid_input"],
  ])("GIVEN %s THEN the order is refused and nothing changes", (_name, change, code) => {
    const { store, customerId } = storeWithCustomer();
    expect(refusal(store, () => store.placeOrder({ customerId, paid: true, lines: [MUG], ...change }, AT))).toBe(code);
    expect(store.orders()).toEqual([]);
  });
});

describe("refunds", () => {
  it("GIVEN a paid order WHEN one tee is refunded THEN the refund's subtotal is exactly what current_subtotal loses", () => {
    const { store, placed, tee } = paidBasket();
    const refund = store.refundLines(placed.orderId, [{ lineItemId: tee, quantity: 1 }], after(86_400), { note: "Too small" });
    expect(topics(refund.emitted)).toEqual(["refunds/create", "orders/updated"]);
    // Tee at 3 units: 59.97 − 6.00 = 53.97; at 2: 39.98 − 4.00 = 35.98; refunded 17.99.
    // Tax at 3: 4.79, at 2: 3.19 (35.98 × 8.875 % = 3.193), refunded 1.60.
    expect(refund.emitted[0]?.payload).toMatchObject({
      id: Number(refund.refundId), order_id: Number(placed.orderId), note: "Too small", restock: false, user_id: null,
      refund_line_items: [{ quantity: 1, line_item_id: Number(tee), restock_type: "no_restock", subtotal: 17.99, total_tax: 1.6,
        subtotal_set: { shop_money: { amount: "17.99" } }, total_tax_set: { shop_money: { amount: "1.60" } },
        line_item: { id: Number(tee), gift_card: false, current_quantity: 2 } }],
      refund_shipping_lines: [], order_adjustments: [], duties: [], return: null,
      transactions: [{ kind: "refund", status: "success", gateway: "bogus", amount: "19.59", currency: "USD" }],
    });
    expect(RefundPayload.safeParse(refund.emitted[0]?.payload).success).toBe(true);
    const updated = refund.emitted[1]?.payload;
    expect(updated).toMatchObject({ financial_status: "partially_refunded", current_subtotal_price: "102.18", subtotal_price: "120.17", current_total_discounts: "5.80", total_outstanding: "0.00" });
    expect(order(refund.emitted[1]).refunds).toHaveLength(1);
    expect(OrderPayload.parse(updated).refunds[0]).toEqual(RefundPayload.parse(refund.emitted[0]?.payload));
    expect(emittedProblems([...placed.emitted, ...refund.emitted])).toEqual([]);
  });

  it("GIVEN every unit refunded THEN the order is refunded only once its shipping is refunded too", () => {
    const { store, placed, tee, mug, giftCard } = paidBasket();
    const lines = store.refundLines(placed.orderId, [{ lineItemId: tee, quantity: 3 }, { lineItemId: mug, quantity: 1 }, { lineItemId: giftCard, quantity: 1 }], after(60));
    expect(lines.emitted[1]?.payload).toMatchObject({ financial_status: "partially_refunded", current_subtotal_price: "0.00", current_total_price: "6.95" });
    const shipping = store.refundLines(placed.orderId, [], after(120), { refundShipping: true });
    expect(shipping.emitted[0]?.payload).toMatchObject({ refund_line_items: [], refund_shipping_lines: [{ full_refund: true, subtotal_amount_set: { shop_money: { amount: "6.95" } } }], transactions: [{ amount: "6.95" }] });
    expect(shipping.emitted[1]?.payload).toMatchObject({ financial_status: "refunded", current_total_price: "0.00", total_outstanding: "0.00" });
    expect(emittedProblems([...placed.emitted, ...lines.emitted, ...shipping.emitted])).toEqual([]);
  });

  it.each([
    ["more units than remain", (tee: string) => [{ lineItemId: tee, quantity: 4 }], {}, "too_many_units"],
    ["an unknown line", () => [{ lineItemId: "999", quantity: 1 }], {}, "unknown_line_item"],
    ["the same line twice", (tee: string) => [{ lineItemId: tee, quantity: 1 }, { lineItemId: tee, quantity: 1 }], {}, "invalid_input"],
    ["nothing at all", () => [], {}, "invalid_input"],
    ["zero units", (tee: string) => [{ lineItemId: tee, quantity: 0 }], {}, "invalid_input"],
  ])("GIVEN a refund of %s THEN it is refused", (_name, lines, options, code) => {
    const { store, placed, tee } = paidBasket();
    expect(refusal(store, () => store.refundLines(placed.orderId, lines(tee), after(60), options))).toBe(code);
  });

  it("GIVEN an unpaid order, or no shipping left THEN a refund is refused", () => {
    const { store, customerId } = storeWithCustomer();
    const pending = store.placeOrder({ customerId, paid: false, lines: [MUG] }, AT);
    expect(refusal(store, () => store.refundLines(pending.orderId, [{ lineItemId: pending.lineItemIds[0] ?? "", quantity: 1 }], AT))).toBe("order_not_paid");
    const unshipped = store.placeOrder({ customerId, paid: true, lines: [MUG] }, AT);
    expect(refusal(store, () => store.refundLines(unshipped.orderId, [], AT, { refundShipping: true }))).toBe("nothing_to_refund");
    expect(refusal(store, () => store.refundLines("1", [], AT, { refundShipping: true }))).toBe("unknown_order");
  });
});

describe("cancelling", () => {
  it("GIVEN a paid, partly refunded order WHEN cancelled with a refund THEN the rest is refunded, then it is cancelled", () => {
    const { store, placed, tee } = paidBasket();
    const partial = store.refundLines(placed.orderId, [{ lineItemId: tee, quantity: 1 }], AT);
    const cancelled = store.cancelOrder(placed.orderId, AT, { refund: true });
    expect(topics(cancelled.emitted)).toEqual(["refunds/create", "orders/cancelled", "orders/updated"]);
    // 133.35 paid, 19.59 already returned: the cancellation returns the other 113.76.
    expect(cancelled.emitted[0]?.payload).toMatchObject({ id: Number(cancelled.refundId), transactions: [{ amount: "113.76" }] });
    expect(cancelled.emitted[1]?.payload).toEqual(cancelled.emitted[2]?.payload);
    expect(cancelled.emitted[1]?.payload).toMatchObject({
      financial_status: "refunded", cancel_reason: "customer", cancelled_at: "2026-03-01T10:00:02+00:00", updated_at: "2026-03-01T10:00:02+00:00",
      current_subtotal_price: "0.00", current_total_price: "0.00", total_outstanding: "0.00",
    });
    expect(order(cancelled.emitted[1]).refunds).toHaveLength(2);
    expect(emittedProblems([...placed.emitted, ...partial.emitted, ...cancelled.emitted])).toEqual([]);
  });

  it("GIVEN a pending order WHEN cancelled THEN it is voided, without a refund", () => {
    const { store, customerId } = storeWithCustomer();
    const placed = store.placeOrder({ customerId, paid: false, ...BASKET }, AT);
    const cancelled = store.cancelOrder(placed.orderId, after(60), { refund: true });
    expect(cancelled.refundId).toBeNull();
    expect(topics(cancelled.emitted)).toEqual(["orders/cancelled", "orders/updated"]);
    expect(cancelled.emitted[0]?.payload).toMatchObject({ financial_status: "voided", cancel_reason: "customer", total_outstanding: "0.00", refunds: [] });
  });

  it("GIVEN a paid order WHEN cancelled without a refund THEN it stays paid", () => {
    const { store, placed } = paidBasket();
    const cancelled = store.cancelOrder(placed.orderId, after(60), { refund: false });
    expect(topics(cancelled.emitted)).toEqual(["orders/cancelled", "orders/updated"]);
    expect(cancelled.emitted[0]?.payload).toMatchObject({ financial_status: "paid", cancelled_at: "2026-03-01T10:01:00+00:00", current_subtotal_price: "120.17" });
  });

  it("GIVEN a cancelled order THEN it accepts no further operation", () => {
    const { store, placed, tee, customerId } = paidBasket();
    store.cancelOrder(placed.orderId, AT, { refund: true });
    const operations = [
      () => store.payOrder(placed.orderId, AT),
      () => store.refundLines(placed.orderId, [{ lineItemId: tee, quantity: 1 }], AT),
      () => store.cancelOrder(placed.orderId, AT, { refund: true }),
      () => store.editOrder(placed.orderId, { add: [MUG] }, AT),
      () => store.changeOrderCustomer(placed.orderId, null, AT),
    ];
    for (const operation of operations) expect(refusal(store, operation)).toBe("order_cancelled");
    expect(store.customer(customerId)).not.toBeNull();
  });
});

describe("editing and reassigning", () => {
  it("GIVEN a paid order WHEN units are removed and a line added THEN only orders/updated is sent, with the new quantities", () => {
    const { store, placed, tee } = paidBasket();
    const edited = store.editOrder(placed.orderId, { removeUnits: [{ lineItemId: tee, quantity: 2 }], add: [{ ...MUG, quantity: 2 }] }, AT);
    expect(topics(edited.emitted)).toEqual(["orders/updated"]);
    expect(edited.addedLineItemIds).toHaveLength(1);
    // Tee at 1 unit: 19.99 − 2.00 = 17.99; + mug 16.20 + gift card 50.00 + new mugs, undiscounted, 36.00.
    expect(edited.emitted[0]?.payload).toMatchObject({
      financial_status: "paid", updated_at: "2026-03-01T10:00:01+00:00", current_subtotal_price: "120.19",
      line_items: [{ quantity: 3, current_quantity: 1 }, { current_quantity: 1 }, { gift_card: true }, { id: Number(edited.addedLineItemIds[0]), quantity: 2, current_quantity: 2, discount_allocations: [] }],
    });
    expect(refusal(store, () => store.editOrder(placed.orderId, { removeUnits: [{ lineItemId: tee, quantity: 2 }] }, AT))).toBe("too_many_units");
    expect(refusal(store, () => store.editOrder(placed.orderId, {}, AT))).toBe("invalid_input");
    expect(emittedProblems([...placed.emitted, ...edited.emitted])).toEqual([]);
  });

  it("GIVEN a guest order WHEN a customer claims it THEN orders/updated carries the customer and their email", () => {
    const { store, customerId } = storeWithCustomer();
    const guest = store.placeOrder({ customerId: null, email: "guest@example.net", paid: true, lines: [MUG] }, AT);
    const claimed = store.changeOrderCustomer(guest.orderId, customerId, AT).emitted;
    expect(topics(claimed)).toEqual(["orders/updated"]);
    expect(claimed[0]?.payload).toMatchObject({ email: "amara@example.com", customer: { id: Number(customerId) }, updated_at: "2026-03-01T10:00:01+00:00" });
    const released = store.changeOrderCustomer(guest.orderId, null, AT).emitted;
    expect(released[0]?.payload).toMatchObject({ customer: null, updated_at: "2026-03-01T10:00:02+00:00" });
    expect(refusal(store, () => store.changeOrderCustomer(guest.orderId, null, AT))).toBe("invalid_input");
  });
});

describe("saving and loading", () => {
  it("GIVEN a store with history WHEN saved as JSON and loaded THEN it is the same store and behaves the same", () => {
    const { store, placed, tee } = paidBasket();
    store.refundLines(placed.orderId, [{ lineItemId: tee, quantity: 1 }], AT, { refundShipping: true });
    store.placeOrder({ customerId: null, paid: false, lines: [GIFT_CARD] }, AT);
    const loaded = SandboxStore.fromJSON(JSON.parse(JSON.stringify(store.toJSON())));
    expect(loaded.toJSON()).toEqual(store.toJSON());
    const next = (target: SandboxStore) => target.cancelOrder(placed.orderId, after(60), { refund: true }).emitted;
    expect(next(loaded)).toEqual(next(store));
    expect(loaded.toJSON()).toEqual(store.toJSON());
  });

  it("GIVEN what toJSON returns WHEN it is changed THEN the store is not", () => {
    const { store } = paidBasket();
    const state = store.toJSON();
    state.orders.length = 0;
    expect(store.orders()).toHaveLength(1);
  });

  it.each([
    ["not a state", () => ({ hello: "world" })],
    ["a refund of a line its order lacks", (state: ReturnType<SandboxStore["toJSON"]>) => {
      state.nextId += 2;
      const refundLine = { id: state.idBase + state.nextId, lineItemId: 1, quantity: 1, subtotalMinor: 0, taxMinor: 0 };
      state.orders[0]?.refunds.push({ id: state.idBase + state.nextId - 1, createdAt: 0, note: null, lines: [refundLine], shipping: null, transaction: null });
      return state;
    }],
    ["ids above the counter", (state: ReturnType<SandboxStore["toJSON"]>) => ({ ...state, nextId: 0 })],
    ["an order of an unknown customer", (state: ReturnType<SandboxStore["toJSON"]>) => ({ ...state, customers: [] })],
  ])("GIVEN %s THEN loading refuses it", (_name, corrupt) => {
    const { store } = paidBasket();
    expect(() => SandboxStore.fromJSON(corrupt(store.toJSON()))).toThrow(expect.objectContaining({ code: "invalid_state" }));
  });
});

describe("other currencies", () => {
  it("GIVEN a yen store THEN amounts have no decimals and stay exact", () => {
    const { store, customerId } = storeWithCustomer("JPY");
    const placed = store.placeOrder({ customerId, paid: true, lines: [{ ...TEE, unitPrice: "1999" }], discountCode: { code: "TEN", percent: 10 }, taxRatePercent: 10 }, AT);
    // 5997 − 600 (599.7 rounded) = 5397; tax 539.7 → 540.
    expect(placed.emitted[0]?.payload).toMatchObject({ currency: "JPY", current_subtotal_price: "5397", total_tax: "540", total_price: "5937" });
    expect(emittedProblems(placed.emitted)).toEqual([]);
    expect(refusal(store, () => store.placeOrder({ customerId, paid: true, lines: [{ ...TEE, unitPrice: "19.99" }] }, AT))).toBe("invalid_input");
  });
});

describe("any sequence of operations", () => {
  type Command =
    | { kind: "place"; guest: boolean; paid: boolean; lines: Array<{ cents: number; quantity: number; giftCard: boolean }>; discount: number | null; shippingCents: number | null; tax: number }
    | { kind: "pay" | "cancel" | "reassign"; order: number; flag: boolean }
    | { kind: "refund" | "remove"; order: number; line: number; units: number; flag: boolean }
    | { kind: "add"; order: number; cents: number; units: number };

  const line = fc.record({ cents: fc.integer({ min: 0, max: 50_000 }), quantity: fc.integer({ min: 1, max: 5 }), giftCard: fc.boolean() });
  const place = fc.record({
    kind: fc.constant("place" as const), guest: fc.boolean(), paid: fc.boolean(), lines: fc.array(line, { minLength: 1, maxLength: 4 }),
    discount: fc.option(fc.constantFrom(5, 10, 12.5, 33.3333, 100)), shippingCents: fc.option(fc.integer({ min: 0, max: 2_000 })), tax: fc.constantFrom(0, 6, 7.25, 8.875, 20),
  });
  const command: fc.Arbitrary<Command> = fc.oneof(
    { arbitrary: place, weight: 2 },
    { arbitrary: fc.record({ kind: fc.constantFrom("pay" as const, "cancel" as const, "reassign" as const), order: fc.nat(), flag: fc.boolean() }), weight: 3 },
    { arbitrary: fc.record({ kind: fc.constantFrom("refund" as const, "remove" as const), order: fc.nat(), line: fc.nat(), units: fc.integer({ min: 1, max: 3 }), flag: fc.boolean() }), weight: 5 },
    { arbitrary: fc.record({ kind: fc.constant("add" as const), order: fc.nat(), cents: fc.integer({ min: 0, max: 10_000 }), units: fc.integer({ min: 1, max: 3 }) }), weight: 1 },
  );
  // Every run starts with an order, so the operations after it have something to act on.
  const steps = fc.tuple(place, fc.array(command, { maxLength: 30 })).chain(([first, rest]) =>
    fc.tuple(...[first, ...rest].map((step) => fc.tuple(fc.constant<Command>(step), fc.integer({ min: 0, max: 2 })))));
  const price = (cents: number) => `${Math.trunc(cents / 100)}.${String(cents % 100).padStart(2, "0")}`;

  function apply(store: SandboxStore, customerId: string, step: Command, at: Date): Emitted[] {
    const orders = store.orders();
    const target = orders.length === 0 || step.kind === "place" ? undefined : orders[step.order % orders.length];
    const lineId = (index: number) => target?.lines[index % target.lines.length]?.lineItemId ?? "";
    switch (step.kind) {
      case "place":
        return store.placeOrder({
          customerId: step.guest ? null : customerId, paid: step.paid, taxRatePercent: step.tax,
          lines: step.lines.map((item, index) => ({ productId: String(index + 1), title: `Product ${index + 1}`, unitPrice: price(item.cents), quantity: item.quantity, giftCard: item.giftCard })),
          ...(step.discount === null ? {} : { discountCode: { code: "CODE", percent: step.discount } }),
          ...(step.shippingCents === null ? {} : { shippingPrice: price(step.shippingCents) }),
        }, at).emitted;
      case "pay":
        return store.payOrder(target?.id ?? "", at).emitted;
      case "cancel":
        return store.cancelOrder(target?.id ?? "", at, { refund: step.flag }).emitted;
      case "reassign":
        return store.changeOrderCustomer(target?.id ?? "", step.flag ? null : customerId, at).emitted;
      case "refund":
        return store.refundLines(target?.id ?? "", [{ lineItemId: lineId(step.line), quantity: step.units }], at, { refundShipping: step.flag }).emitted;
      case "remove":
        return store.editOrder(target?.id ?? "", { removeUnits: [{ lineItemId: lineId(step.line), quantity: step.units }] }, at).emitted;
      case "add":
        return store.editOrder(target?.id ?? "", { add: [{ productId: "99", title: "Added", unitPrice: price(step.cents), quantity: step.units }] }, at).emitted;
    }
  }

  it("GIVEN random operations, some refused THEN every emitted state holds Wafa's invariants and refusals change nothing", () => {
    fc.assert(
      fc.property(steps, (run) => {
        const { store, customerId } = storeWithCustomer();
        const emitted: Emitted[] = [];
        let clock = AT.getTime();
        for (const [step, seconds] of run) {
          clock += seconds * 1000;
          const before = JSON.stringify(store.toJSON());
          try {
            emitted.push(...apply(store, customerId, step, new Date(clock)));
          } catch (error) {
            if (!(error instanceof SandboxStoreError)) throw error;
            expect(JSON.stringify(store.toJSON())).toBe(before);
          }
        }
        expect(emittedProblems(emitted)).toEqual([]);
        expect(SandboxStore.fromJSON(JSON.parse(JSON.stringify(store.toJSON()))).toJSON()).toEqual(store.toJSON());
      }),
      { numRuns: 150 },
    );
  });
});
