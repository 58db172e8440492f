import { readFileSync } from "node:fs";
import { assertInputObjectType, buildSchema, executeSync, GraphQLNonNull, parse, validate, validateInputValue } from "graphql";
import { describe, expect, it } from "vitest";
import { applyEvent, requestRedemption } from "../../../app/loyalty/redemption/lifecycle";
import { checkEligibility } from "../../../app/loyalty/redemption/eligibility";
import { evaluateCart } from "../../../app/loyalty/redemption/cart-conditions";
import { functionReservation, reservationMetafieldValue } from "../../../app/loyalty/redemption/reservation-metafield";
import { balanceOf, CATALOGUE, REWARDS } from "../../../app/loyalty/redemption/redemption-fixtures";
import { cartDeliveryOptionsDiscountsGenerateRun, cartLinesDiscountsGenerateRun, type RunInput } from "./run";

const schema = buildSchema(readFileSync(new URL("../schema.graphql", import.meta.url), "utf8"));
const query = parse(readFileSync(new URL("./run.graphql", import.meta.url), "utf8"));
const COLLECTIONS = ["gid://shopify/Collection/11", "gid://shopify/Collection/12"];

/** The input Shopify would send for `query` (checked against the schema by executing the query over it). */
function shopifyInput(input: RunInput): RunInput {
  const result = executeSync({
    schema, document: query, rootValue: input, variableValues: { collectionIds: COLLECTIONS },
    fieldResolver: (source, _args, _context, info) => (source as Record<string, unknown>)[String(info.path.key)],
    typeResolver: (value) => (value as { __typename: string }).__typename,
  });
  if (result.errors) throw new Error(result.errors.map((error) => `${error.message} at ${error.path?.join(".")}`).join("; "));
  expect(result.data).toEqual(input);
  return input;
}

function expectValidOutput(output: unknown, typeName: string): void {
  const errors: string[] = [];
  validateInputValue(output, new GraphQLNonNull(assertInputObjectType(schema.getType(typeName))), (error, path) => errors.push(`${path.join(".")}: ${error.message}`));
  expect(errors).toEqual([]);
}

const CUSTOMER = "gid://shopify/Customer/1001";
const line = (id: number, amount: string, collections: readonly string[] = [], variant = 500 + id, quantity = 1) => ({
  id: `gid://shopify/CartLine/${id}`, quantity, cost: { subtotalAmount: { amount } },
  merchandise: {
    __typename: "ProductVariant" as const, id: `gid://shopify/ProductVariant/${variant}`,
    product: { inCollections: COLLECTIONS.map((collectionId) => ({ collectionId, isMember: collections.includes(collectionId) })) },
  },
});
const reservation = (value: Record<string, unknown>, overrides: Record<string, unknown> = {}) => ({
  id: "1001:key-00000001", title: "Loyalty reward", validThrough: "2026-11-24", value, minimumSubtotal: "0.00", collectionIds: [], ...overrides,
});
function input(options: { reservations?: unknown[] | null; customer?: string | null; owner?: string; date?: string; lines?: ReturnType<typeof line>[]; subtotal?: string; rate?: string; classes?: ("ORDER" | "PRODUCT" | "SHIPPING")[] } = {}): RunInput {
  const lines = options.lines ?? [line(1, "40.00"), line(2, "25.50", [COLLECTIONS[0] ?? ""])];
  const metafield = options.reservations === null ? null : { jsonValue: { version: 1, customerId: options.owner ?? CUSTOMER, reservations: options.reservations ?? [] } };
  return shopifyInput({
    presentmentCurrencyRate: options.rate ?? "1.0",
    shop: { localTime: { date: options.date ?? "2026-11-24" } },
    discount: { discountClasses: options.classes ?? ["ORDER", "PRODUCT", "SHIPPING"] },
    cart: {
      buyerIdentity: options.customer === null ? { customer: null } : { customer: { id: options.customer ?? CUSTOMER, reservation: metafield } },
      cost: { subtotalAmount: { amount: options.subtotal ?? "65.50" } },
      lines,
      deliveryGroups: [{ id: "gid://shopify/CartDeliveryGroup/1" }, { id: "gid://shopify/CartDeliveryGroup/2" }],
    },
  });
}
const run = (runInput: RunInput) => {
  const lines = cartLinesDiscountsGenerateRun(runInput);
  const delivery = cartDeliveryOptionsDiscountsGenerateRun(runInput);
  expectValidOutput(lines, "CartLinesDiscountsGenerateRunResult");
  expectValidOutput(delivery, "CartDeliveryOptionsDiscountsGenerateRunResult");
  return { lines: lines.operations, delivery: delivery.operations };
};

describe("the input query", () => {
  it("is valid against the Discount Function schema (2026-04)", () => {
    expect(validate(schema, query).map((error) => error.message)).toEqual([]);
  });

  it("the extension points both targets at it, under their 2026 names", () => {
    const toml = readFileSync(new URL("../shopify.extension.toml", import.meta.url), "utf8");
    expect(toml).toContain('target = "cart.lines.discounts.generate.run"');
    expect(toml).toContain('target = "cart.delivery-options.discounts.generate.run"');
    expect(toml.match(/input_query = "src\/run.graphql"/g)).toHaveLength(2);
  });
});

describe("the Function applies nothing WHEN", () => {
  const tenOff = [reservation({ kind: "amount_off", amount: "10.00" }, { minimumSubtotal: "50.00" })];
  it.each([
    ["the shopper is a guest", input({ customer: null, reservations: tenOff })],
    ["the customer has no reservation", input({ reservations: null })],
    ["the reservation list is empty", input({ reservations: [] })],
    ["the reservation belongs to another customer", input({ owner: "gid://shopify/Customer/999", reservations: tenOff })],
    ["the reservation's last day has passed (shop time)", input({ date: "2026-11-25", reservations: tenOff })],
    ["the cart is below the minimum order", input({ subtotal: "49.99", reservations: tenOff })],
    ["the cart is below the minimum once converted (cart in another currency)", input({ subtotal: "50.00", rate: "0.9", reservations: [reservation({ kind: "amount_off", amount: "10.00" }, { minimumSubtotal: "60.00" })] })],
    ["no product is in the reward's collections", input({ reservations: [reservation({ kind: "percent_off", percent: 20 }, { collectionIds: [COLLECTIONS[1]] })] })],
    ["the free product is not in the cart", input({ reservations: [reservation({ kind: "free_product", variantId: "gid://shopify/ProductVariant/9999" })] })],
    ["the discount lacks the order class", input({ classes: ["PRODUCT", "SHIPPING"], reservations: tenOff })],
    ["the metafield is malformed", input({ reservations: [{ id: "x", value: { kind: "amount_off", amount: "ten" } }] })],
    ["the reservation has an unknown kind", input({ reservations: [reservation({ kind: "cash", amount: "10.00" })] })],
  ])("%s", (_, runInput) => {
    expect(run(runInput)).toEqual({ lines: [], delivery: [] });
  });

  it("the metafield has another version", () => {
    const runInput = input({ reservations: tenOff });
    const customer = runInput.cart.buyerIdentity?.customer;
    const tampered = { ...runInput, cart: { ...runInput.cart, buyerIdentity: { customer: { id: CUSTOMER, reservation: { jsonValue: { ...(customer?.reservation?.jsonValue as object), version: 2 } } } } } };
    expect(cartLinesDiscountsGenerateRun(tampered)).toEqual({ operations: [] });
  });
});

describe("the Function applies the reservation WHEN its conditions hold", () => {
  it("a fixed amount off the order, with the minimum repeated for Shopify in the shop's currency", () => {
    const { lines, delivery } = run(input({ reservations: [reservation({ kind: "amount_off", amount: "10.00" }, { minimumSubtotal: "50.00", title: "$10 off" })] }));
    expect(lines).toEqual([{
      orderDiscountsAdd: {
        selectionStrategy: "FIRST",
        candidates: [{
          message: "$10 off", targets: [{ orderSubtotal: { excludedCartLineIds: [] } }], value: { fixedAmount: { amount: "10.000" } },
          conditions: [{ orderMinimumSubtotal: { minimumAmount: "50.00", excludedCartLineIds: [] } }],
        }],
      },
    }]);
    expect(delivery).toEqual([]);
  });

  it("a fixed amount converted to the cart's currency, rounded toward zero", () => {
    const { lines } = run(input({ rate: "0.923456789", reservations: [reservation({ kind: "amount_off", amount: "10.00" })] }));
    expect(lines).toMatchObject([{ orderDiscountsAdd: { candidates: [{ value: { fixedAmount: { amount: "9.2345" } } }] } }]);
  });

  it("a percentage off the order", () => {
    const { lines } = run(input({ reservations: [reservation({ kind: "percent_off", percent: 15 })] }));
    expect(lines).toMatchObject([{ orderDiscountsAdd: { candidates: [{ value: { percentage: { value: "15" } } }] } }]);
  });

  it("a percentage off the lines in the reward's collections only", () => {
    const { lines } = run(input({ reservations: [reservation({ kind: "percent_off", percent: 20 }, { collectionIds: [COLLECTIONS[0]] })] }));
    expect(lines).toEqual([{
      productDiscountsAdd: { selectionStrategy: "ALL", candidates: [{ message: "Loyalty reward", targets: [{ cartLine: { id: "gid://shopify/CartLine/2" } }], value: { percentage: { value: "20" } } }] },
    }]);
  });

  it("a free product: one unit of its line, free", () => {
    const cart = [line(1, "40.00"), line(3, "18.00", [], 70, 2)];
    const { lines } = run(input({ lines: cart, subtotal: "58.00", reservations: [reservation({ kind: "free_product", variantId: "gid://shopify/ProductVariant/70" })] }));
    expect(lines).toEqual([{
      productDiscountsAdd: { selectionStrategy: "ALL", candidates: [{ message: "Loyalty reward", targets: [{ cartLine: { id: "gid://shopify/CartLine/3", quantity: 1 } }], value: { percentage: { value: "100" } } }] },
    }]);
  });

  it("free shipping on every delivery group", () => {
    const { lines, delivery } = run(input({ reservations: [reservation({ kind: "free_shipping", maxAmount: null })] }));
    expect(lines).toEqual([]);
    expect(delivery).toEqual([{
      deliveryDiscountsAdd: {
        selectionStrategy: "ALL",
        candidates: [{
          message: "Loyalty reward", value: { percentage: { value: "100" } },
          targets: [{ deliveryGroup: { id: "gid://shopify/CartDeliveryGroup/1" } }, { deliveryGroup: { id: "gid://shopify/CartDeliveryGroup/2" } }],
        }],
      },
    }]);
  });

  it("free shipping up to a cap, on one delivery group", () => {
    const { delivery } = run(input({ reservations: [reservation({ kind: "free_shipping", maxAmount: "8.00" })] }));
    expect(delivery).toMatchObject([{ deliveryDiscountsAdd: { candidates: [{ value: { fixedAmount: { amount: "8.000" } }, targets: [{ deliveryGroup: { id: "gid://shopify/CartDeliveryGroup/1" } }] }] } }]);
  });

  it("several rewards at once: an order discount, a free product and free shipping", () => {
    const cart = [line(1, "40.00"), line(3, "18.00", [], 70)];
    const { lines, delivery } = run(input({
      lines: cart, subtotal: "58.00",
      reservations: [
        reservation({ kind: "amount_off", amount: "5.00" }, { id: "a" }),
        reservation({ kind: "free_product", variantId: "gid://shopify/ProductVariant/70" }, { id: "b" }),
        reservation({ kind: "free_shipping", maxAmount: null }, { id: "c" }),
      ],
    }));
    expect(lines.map((operation) => Object.keys(operation)[0])).toEqual(["orderDiscountsAdd", "productDiscountsAdd"]);
    expect(delivery).toHaveLength(1);
  });

  it("the last valid day still applies", () => {
    expect(run(input({ date: "2026-11-24", reservations: [reservation({ kind: "percent_off", percent: 5 })] })).lines).toHaveLength(1);
  });
});

describe("the app's reservation and the Function agree", () => {
  const now = new Date("2026-11-24T15:00:00Z");
  function reserved(rewardId: string) {
    const eligible = checkEligibility(
      { rewards: CATALOGUE, member: { customerId: "1001", tierId: null, balance: balanceOf(5000) }, prior: [], timeZone: "America/New_York", currency: "USD", now },
      { rewardId, points: null, idempotencyKey: "key-00000001" },
    );
    if (!eligible.ok) throw new Error(eligible.error);
    const held = applyEvent(requestRedemption(eligible.value, 1, now, 30 * 60_000), { type: "reserve", available: 5000 }, { now, actor: "test" });
    if (!held.ok) throw new Error(held.error);
    return held.value.redemption;
  }

  it.each([
    ["$5 off", REWARDS.fiveOff, { minimumOrderMinor: 5000, collectionIds: [] }, "orderDiscountsAdd"],
    ["10% off a collection", REWARDS.tenPercent, { minimumOrderMinor: 0, collectionIds: [COLLECTIONS[0] ?? ""] }, "productDiscountsAdd"],
    ["a free mug", REWARDS.freeMug, { minimumOrderMinor: 0, collectionIds: [] }, "productDiscountsAdd"],
  ] as const)("%s: the Function applies what the app reserved, and only where the core's cart check passes", (_, reward, conditions, operation) => {
    const redemption = reserved(reward.id);
    const entry = functionReservation(redemption, conditions, reward.name, "USD", "America/New_York");
    expect(entry).not.toBeNull();
    const json = JSON.parse(JSON.stringify(reservationMetafieldValue(CUSTOMER, entry ? [entry] : []))) as { reservations: unknown[] };
    for (const subtotal of [4999, 5000, 6550]) {
      const cart = [line(1, (subtotal - 1800) / 100 + "", [COLLECTIONS[0] ?? ""]), line(3, "18.00", [], 70)];
      const applied = run(input({ lines: cart, subtotal: (subtotal / 100).toFixed(2), reservations: json.reservations })).lines;
      const core = evaluateCart(redemption.value, conditions, {
        currency: "USD", subtotalMinor: subtotal, shippingMinor: null,
        lines: [
          { id: "gid://shopify/CartLine/1", variantId: "gid://shopify/ProductVariant/501", quantity: 1, subtotalMinor: subtotal - 1800, collectionIds: [COLLECTIONS[0] ?? ""] },
          { id: "gid://shopify/CartLine/3", variantId: "gid://shopify/ProductVariant/70", quantity: 1, subtotalMinor: 1800, collectionIds: [] },
        ],
      });
      expect(applied.map((op) => Object.keys(op)[0])).toEqual(core.ok ? [operation] : []);
    }
  });

  it("a reservation the service already materialised as a code is not the Function's to apply", () => {
    const redemption = reserved("five-off");
    const coded = applyEvent(redemption, { type: "materialise", materialisation: { kind: "discount_code", code: "WAFA-1", discountId: "d1" } }, { now, actor: "test" });
    if (!coded.ok) throw new Error(coded.error);
    expect(functionReservation(coded.value.redemption, REWARDS.fiveOff.conditions, "$5 off", "USD", "UTC")).toBeNull();
  });
});
