import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { OrderPayload } from "../../shopify/payloads/order";
import { runWafaDiscountFunction } from "../discount-function.server";
import { demoCollectionIdsOf, DEMO_COLLECTIONS, DEMO_PRODUCTS } from "./catalogue";
import { functionInput, type CheckoutPricer } from "./checkout";
import { decimalToMinor, percentPpm, restDecimal } from "./checkout-pricing";
import { emittedProblems } from "./emitted-invariants";
import { CartLinesOutput, DeliveryOutput, type DiscountClass } from "./function-output";
import { SandboxStore, type Emitted, type NewOrder, type OrderLineInput } from "./store";

// The simulated checkout priced by the real discount Function (its built Wasm) on the
// reservations a member holds, checked against amounts computed by hand from the order math:
// product discounts first, then one order discount, then shipping; every discount's
// allocations sum exactly to it, and the payloads keep every invariant Wafa relies on.

const AT = new Date("2026-03-01T10:00:00Z");
const CLOTHING = DEMO_COLLECTIONS[0]!.id;
const ALL_CLASSES: DiscountClass[] = ["ORDER", "PRODUCT", "SHIPPING"];

const TEE: OrderLineInput = { productId: "8000000000001", title: "Organic Cotton Tee", unitPrice: "19.99", quantity: 3 };
const MUG: OrderLineInput = { productId: "8000000000012", title: "Stoneware Mug", unitPrice: "18.00", quantity: 1 };
const GIFT_CARD: OrderLineInput = { productId: "8000000000020", title: "Gift Card", unitPrice: "50.00", quantity: 1, giftCard: true };

type Reservation = { title: string; value: Record<string, unknown>; minimumSubtotal?: string; collectionIds?: string[]; validThrough?: string };

/** The shop's one Wafa discount running the Function, reading `reservations` from the customer's metafield. */
function wafaCheckout(reservations: readonly Reservation[], discountClasses: DiscountClass[] = ALL_CLASSES): CheckoutPricer {
  return (cart) => {
    const reservation = {
      version: 1, customerId: cart.customerGid,
      reservations: reservations.map((entry, index) => ({ id: `r-${index}`, validThrough: "2026-03-01", minimumSubtotal: "0.00", collectionIds: [], ...entry })),
    };
    const input = functionInput(cart, { localDate: "2026-03-01", discountClasses, collectionIds: [CLOTHING], reservation, collectionsOf: demoCollectionIdsOf });
    return [{ discountTitle: "Wafa rewards", discountClasses, ...runWafaDiscountFunction(input) }];
  };
}

function place(order: Partial<NewOrder>, reservations: readonly Reservation[], discountClasses?: DiscountClass[]) {
  const store = SandboxStore.empty({ shopDomain: "wafa-sandbox.myshopify.com", currency: "USD" });
  const customer = store.createCustomer({ firstName: "Amara", lastName: "Okafor", email: "amara@example.com" }, AT);
  const placed = store.placeOrder({ customerId: customer.customerId, paid: true, lines: [TEE, MUG], ...order }, AT, wafaCheckout(reservations, discountClasses));
  const emitted: Emitted[] = [...customer.emitted, ...placed.emitted];
  const payload = placed.emitted[0]?.payload as Record<string, unknown> & { line_items: Array<Record<string, unknown>>; shipping_lines: Array<Record<string, unknown>> };
  expect(OrderPayload.safeParse(payload).success).toBe(true);
  return { store, placed, payload, emitted, customerId: customer.customerId };
}

/** Each line's allocations as [application index, amount]. */
const allocations = (payload: { line_items: Array<Record<string, unknown>> }) =>
  payload.line_items.map((line) => (line.discount_allocations as Array<{ amount: string; discount_application_index: number }>).map((entry) => [entry.discount_application_index, entry.amount]));

const TEN_OFF: Reservation = { title: "$10 off", value: { kind: "amount_off", amount: "10.00" } };

describe("the simulated checkout priced by the discount Function", () => {
  it("GIVEN a $10-off reward WHEN the member checks out 3 tees and a mug (77.97) THEN an automatic order discount of exactly 10.00, split 7.69 / 2.31 by value", () => {
    const { payload, emitted } = place({}, [TEN_OFF]);
    expect(payload.discount_applications).toEqual([
      { type: "automatic", title: "$10 off", value: "10.0", value_type: "fixed_amount", allocation_method: "across", target_selection: "all", target_type: "line_item" },
    ]);
    expect(payload.discount_codes).toEqual([]);
    // 1000 × 5997 / 7797 = 769.14 and 1000 × 1800 / 7797 = 230.86: the leftover cent goes to the larger remainder.
    expect(allocations(payload)).toEqual([[[0, "7.69"]], [[0, "2.31"]]]);
    expect(payload).toMatchObject({ total_line_items_price: "77.97", subtotal_price: "67.97", total_discounts: "10.00", total_price: "67.97", current_total_price: "67.97" });
    expect(payload.line_items.map((line) => line.total_discount)).toEqual(["7.69", "2.31"]);
    expect(emittedProblems(emitted)).toEqual([]);
  });

  it("GIVEN 15 % off the order THEN 11.6955 rounds half up to 11.70, allocated 9.00 / 2.70", () => {
    const { payload, emitted } = place({}, [{ title: "15% off", value: { kind: "percent_off", percent: 15 } }]);
    expect(payload.discount_applications).toMatchObject([{ type: "automatic", title: "15% off", value: "15.0", value_type: "percentage", target_selection: "all" }]);
    // 1170 × 5997 / 7797 = 899.89, 1170 × 1800 / 7797 = 270.11.
    expect(allocations(payload)).toEqual([[[0, "9.00"]], [[0, "2.70"]]]);
    expect(payload).toMatchObject({ subtotal_price: "66.27", total_discounts: "11.70" });
    expect(emittedProblems(emitted)).toEqual([]);
  });

  it("GIVEN 20 % off Clothing THEN a product discount on the tees only (20 % of 59.97 = 11.99), the mug at full price", () => {
    const { payload, emitted } = place({}, [{ title: "20% off clothing", value: { kind: "percent_off", percent: 20 }, collectionIds: [CLOTHING] }]);
    expect(payload.discount_applications).toEqual([
      { type: "automatic", title: "20% off clothing", value: "20.0", value_type: "percentage", allocation_method: "across", target_selection: "explicit", target_type: "line_item" },
    ]);
    expect(allocations(payload)).toEqual([[[0, "11.99"]], []]);
    expect(payload).toMatchObject({ subtotal_price: "65.98", total_discounts: "11.99" });
    expect(emittedProblems(emitted)).toEqual([]);
  });

  it("GIVEN a free mug WHEN the cart has two mugs THEN one mug's price comes off that line only", () => {
    const store = SandboxStore.empty({ shopDomain: "wafa-sandbox.myshopify.com", currency: "USD" });
    const mugVariant = `gid://shopify/ProductVariant/${store.variantIdOf(Number(MUG.productId))}`;
    const customer = store.createCustomer({ firstName: "Ben", lastName: "Bauer", email: "ben@example.com" }, AT);
    const placed = store.placeOrder({ customerId: customer.customerId, paid: true, lines: [TEE, { ...MUG, quantity: 2 }] }, AT, wafaCheckout([{ title: "Free mug", value: { kind: "free_product", variantId: mugVariant } }]));
    const payload = placed.emitted[0]?.payload as Parameters<typeof allocations>[0] & Record<string, unknown>;
    expect(payload.discount_applications).toEqual([
      { type: "automatic", title: "Free mug", value: "100.0", value_type: "percentage", allocation_method: "across", target_selection: "explicit", target_type: "line_item" },
    ]);
    expect(allocations(payload)).toEqual([[], [[0, "18.00"]]]);
    expect(payload).toMatchObject({ total_line_items_price: "95.97", subtotal_price: "77.97", total_discounts: "18.00" });
    expect(emittedProblems([...customer.emitted, ...placed.emitted])).toEqual([]);
  });

  it("GIVEN free shipping THEN the 6.95 rate is discounted on the shipping line, and total_discounts counts it as Shopify's sample does", () => {
    const { payload, emitted } = place({ shippingPrice: "6.95" }, [{ title: "Free shipping", value: { kind: "free_shipping", maxAmount: null } }]);
    expect(payload.discount_applications).toEqual([
      { type: "automatic", title: "Free shipping", value: "100.0", value_type: "percentage", allocation_method: "each", target_selection: "all", target_type: "shipping_line" },
    ]);
    expect(payload.shipping_lines[0]).toMatchObject({ price: "6.95", discounted_price: "0.00", discount_allocations: [{ amount: "6.95", discount_application_index: 0 }] });
    expect(allocations(payload)).toEqual([[], []]);
    expect(payload).toMatchObject({
      subtotal_price: "77.97", total_discounts: "6.95", total_price: "77.97",
      total_shipping_price_set: { shop_money: { amount: "6.95" } }, current_shipping_price_set: { shop_money: { amount: "0.00" } },
    });
    expect(emittedProblems(emitted)).toEqual([]);
  });

  it("GIVEN free shipping up to 5.00 THEN 5.00 of the 6.95 rate comes off, and refunding the shipping returns the 1.95 paid", () => {
    const { store, placed, payload, emitted } = place({ shippingPrice: "6.95" }, [{ title: "Shipping up to $5", value: { kind: "free_shipping", maxAmount: "5.00" } }]);
    expect(payload.discount_applications).toMatchObject([{ title: "Shipping up to $5", value: "5.0", value_type: "fixed_amount", target_type: "shipping_line" }]);
    expect(payload.shipping_lines[0]).toMatchObject({ price: "6.95", discounted_price: "1.95" });
    expect(payload).toMatchObject({ total_discounts: "5.00", total_price: "79.92" });
    const refund = store.refundLines(placed.orderId, [], AT, { refundShipping: true });
    expect(refund.emitted[0]?.payload).toMatchObject({ refund_shipping_lines: [{ full_refund: true, subtotal_amount_set: { shop_money: { amount: "1.95" } } }], transactions: [{ amount: "1.95" }] });
    expect(emittedProblems([...emitted, ...refund.emitted])).toEqual([]);
  });

  it("GIVEN $10 off from 100.00 WHEN the cart is 77.97 THEN no discount at all: the order costs what its lines do", () => {
    const { payload, store, placed } = place({}, [{ ...TEN_OFF, minimumSubtotal: "100.00" }]);
    expect(payload).toMatchObject({ discount_applications: [], discount_codes: [], total_discounts: "0.00", total_price: "77.97" });
    expect(allocations(payload)).toEqual([[], []]);
    expect(store.order(placed.orderId)?.automaticDiscounts).toEqual([]);
  });

  it("GIVEN $10 off from 70.00 WHEN the cart is 77.97 THEN the minimum is reached and the reward applies", () => {
    const { payload } = place({}, [{ ...TEN_OFF, minimumSubtotal: "70.00" }]);
    expect(payload).toMatchObject({ total_discounts: "10.00", discount_applications: [{ title: "$10 off" }] });
  });

  it("GIVEN the merchant's discount has no ORDER class THEN an order reward does not apply; a product reward still does", () => {
    expect(place({}, [TEN_OFF], ["PRODUCT", "SHIPPING"]).payload).toMatchObject({ discount_applications: [], total_discounts: "0.00" });
    const clothing = place({}, [{ title: "20% off clothing", value: { kind: "percent_off", percent: 20 }, collectionIds: [CLOTHING] }], ["PRODUCT"]);
    expect(clothing.payload).toMatchObject({ total_discounts: "11.99" });
  });

  it("GIVEN a gift card in the cart THEN the order discount skips it (Shopify never discounts gift cards)", () => {
    const { payload, emitted } = place({ lines: [TEE, GIFT_CARD] }, [TEN_OFF]);
    expect(allocations(payload)).toEqual([[[0, "10.00"]], []]);
    expect(emittedProblems(emitted)).toEqual([]);
  });

  it("GIVEN WELCOME10 (7.80 on 77.97) and a $10 reward THEN the larger order discount applies alone: the reward, no code", () => {
    const { payload, emitted } = place({ discountCode: { code: "WELCOME10", percent: 10 } }, [TEN_OFF]);
    expect(payload).toMatchObject({ discount_codes: [], total_discounts: "10.00", discount_applications: [{ type: "automatic", title: "$10 off" }] });
    expect(emittedProblems(emitted)).toEqual([]);
  });

  it("GIVEN SUMMER15 (11.70) and a $10 reward THEN the code applies and the reward does not", () => {
    const { payload } = place({ discountCode: { code: "SUMMER15", percent: 15 } }, [TEN_OFF]);
    expect(payload).toMatchObject({ discount_codes: [{ code: "SUMMER15", amount: "11.70" }], total_discounts: "11.70" });
    expect((payload.discount_applications as unknown[]).length).toBe(1);
  });

  it("GIVEN 20 % off Clothing and WELCOME10 THEN both apply: the product discount first, the code on what it left", () => {
    const { payload, emitted } = place({ discountCode: { code: "WELCOME10", percent: 10 } }, [{ title: "20% off clothing", value: { kind: "percent_off", percent: 20 }, collectionIds: [CLOTHING] }]);
    // Tees 59.97 − 11.99 = 47.98, mug 18.00: 10 % of 65.98 = 6.598 → 6.60, split 4.80 / 1.80.
    expect(payload.discount_applications).toMatchObject([{ type: "discount_code", code: "WELCOME10" }, { type: "automatic", title: "20% off clothing" }]);
    expect(allocations(payload)).toEqual([[[0, "4.80"], [1, "11.99"]], [[0, "1.80"]]]);
    expect(payload).toMatchObject({ discount_codes: [{ code: "WELCOME10", amount: "6.60" }], total_discounts: "18.59", subtotal_price: "59.38" });
    expect(emittedProblems(emitted)).toEqual([]);
  });

  it("GIVEN a guest THEN the Function has no customer and nothing applies", () => {
    const store = SandboxStore.empty({ shopDomain: "wafa-sandbox.myshopify.com", currency: "USD" });
    const placed = store.placeOrder({ customerId: null, email: "guest@example.com", paid: true, lines: [TEE] }, AT, wafaCheckout([TEN_OFF]));
    expect(placed.emitted[0]?.payload).toMatchObject({ discount_applications: [], total_discounts: "0.00" });
  });

  it("GIVEN a discounted order WHEN a tee is refunded and a unit removed THEN every payload still adds up", () => {
    const { store, placed, emitted } = place({ shippingPrice: "4.00" }, [TEN_OFF, { title: "Free shipping", value: { kind: "free_shipping", maxAmount: null } }]);
    const [tee = "", mug = ""] = placed.lineItemIds;
    const refund = store.refundLines(placed.orderId, [{ lineItemId: tee, quantity: 1 }], AT);
    const edit = store.editOrder(placed.orderId, { removeUnits: [{ lineItemId: mug, quantity: 1 }] }, AT);
    expect(emittedProblems([...emitted, ...refund.emitted, ...edit.emitted])).toEqual([]);
    // The tees' value at 3 units less their value at 2, the 7.69 prorated and rounded down: (59.97 − 7.69) − (39.98 − 5.12).
    expect(refund.emitted[0]?.payload).toMatchObject({ refund_line_items: [{ subtotal_set: { shop_money: { amount: "17.42" } } }] });
  });

  it("GIVEN random carts and rewards THEN every discount's allocations sum to it, no line goes below zero and every payload keeps the invariants", () => {
    const products = DEMO_PRODUCTS.filter((product) => !product.giftCard);
    const reward = fc.oneof(
      fc.integer({ min: 1, max: 20_000 }).map((cents): Reservation => ({ title: "Amount off", value: { kind: "amount_off", amount: (cents / 100).toFixed(2) } })),
      fc.integer({ min: 1, max: 100 }).map((percent): Reservation => ({ title: "Percent off", value: { kind: "percent_off", percent }, collectionIds: percent % 2 === 0 ? [CLOTHING] : [] })),
      fc.constant<Reservation>({ title: "Free shipping", value: { kind: "free_shipping", maxAmount: null } }),
    );
    fc.assert(
      fc.property(
        fc.array(fc.record({ product: fc.nat(products.length - 1), quantity: fc.integer({ min: 1, max: 4 }) }), { minLength: 1, maxLength: 4 }),
        fc.array(reward, { maxLength: 3 }),
        fc.boolean(),
        (cart, rewards, ships) => {
          const lines = cart.map(({ product, quantity }) => {
            const item = products[product] ?? products[0]!;
            return { productId: item.productId, title: item.title, unitPrice: (item.priceCents / 100).toFixed(2), quantity };
          });
          const { payload, emitted, store, placed } = place({ lines, ...(ships ? { shippingPrice: "5.00" } : {}) }, rewards);
          expect(emittedProblems(emitted)).toEqual([]);
          for (const line of payload.line_items) expect(Number(line.total_discount)).toBeLessThanOrEqual(Number(line.price) * Number(line.quantity));
          const summary = store.order(placed.orderId);
          const fromApplications = (summary?.automaticDiscounts ?? []).reduce((sum, discount) => sum + decimalToMinor(discount.amount, "USD"), 0);
          expect(fromApplications).toBe(decimalToMinor(String(payload.total_discounts), "USD"));
        },
      ),
      { numRuns: 60 },
    );
  });
});

describe("what the checkout accepts from the Function", () => {
  it.each([
    ["an entered-code operation it does not price", { operations: [{ enteredDiscountCodesAccept: { codes: [] } }] }],
    ["a percentage above 100", { operations: [{ orderDiscountsAdd: { candidates: [{ targets: [{ orderSubtotal: { excludedCartLineIds: [] } }], value: { percentage: { value: "150" } } }], selectionStrategy: "FIRST" } }] }],
    ["a negative amount", { operations: [{ orderDiscountsAdd: { candidates: [{ targets: [{ orderSubtotal: { excludedCartLineIds: [] } }], value: { fixedAmount: { amount: "-5" } } }], selectionStrategy: "FIRST" } }] }],
    ["a candidate with no target", { operations: [{ productDiscountsAdd: { candidates: [{ targets: [], value: { percentage: { value: "10" } } }], selectionStrategy: "ALL" } }] }],
    ["a cart-line condition it does not evaluate", { operations: [{ orderDiscountsAdd: { candidates: [{ targets: [{ orderSubtotal: { excludedCartLineIds: [] } }], value: { percentage: { value: "10" } }, conditions: [{ cartLineMinimumQuantity: { ids: [], minimumQuantity: 2 } }] }], selectionStrategy: "FIRST" } }] }],
    ["no operations list", {}],
  ])("GIVEN %s THEN the output is refused", (_what, output) => {
    expect(CartLinesOutput.safeParse(output).success).toBe(false);
  });

  it("GIVEN a delivery-option target (the store has delivery groups only) THEN the output is refused", () => {
    const output = { operations: [{ deliveryDiscountsAdd: { candidates: [{ targets: [{ deliveryOption: { handle: "express" } }], value: { percentage: { value: "100" } } }], selectionStrategy: "ALL" } }] };
    expect(DeliveryOutput.safeParse(output).success).toBe(false);
  });

  it("GIVEN the Function's decimals THEN they read exactly: rounded half up to the currency, percentages in ppm, REST values trimmed", () => {
    expect([decimalToMinor("10.000", "USD"), decimalToMinor("10.005", "USD"), decimalToMinor("10.0049", "USD"), decimalToMinor("1500.4", "JPY")]).toEqual([1000, 1001, 1000, 1500]);
    expect([percentPpm("10"), percentPpm("12.5"), percentPpm("100")]).toEqual([100_000, 125_000, 1_000_000]);
    expect([restDecimal("10.000"), restDecimal("12.50"), restDecimal("100")]).toEqual(["10.0", "12.5", "100.0"]);
  });
});
