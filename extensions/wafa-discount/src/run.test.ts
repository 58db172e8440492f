import { readFileSync } from "node:fs";
import { validate } from "graphql";
import { describe, expect, it } from "vitest";
import { applyEvent, requestRedemption } from "../../../app/loyalty/redemption/lifecycle";
import { checkEligibility } from "../../../app/loyalty/redemption/eligibility";
import { evaluateCart } from "../../../app/loyalty/redemption/cart-conditions";
import { functionReservation, reservationMetafieldValue } from "../../../app/loyalty/redemption/reservation-metafield";
import { balanceOf, CATALOGUE, REWARDS } from "../../../app/loyalty/redemption/redemption-fixtures";
import { COLLECTIONS, CUSTOMER, IMPLEMENTATIONS, input, line, query, reservation, runBoth, schema } from "./run-fixtures";

// Every case runs against the TypeScript spec and against the built Wasm module; for the
// Wasm, runBoth also checks the whole output equals the spec's (docs/decisions/0019-discount-function-wasm.md).

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

describe.each(IMPLEMENTATIONS)("$name", (implementation) => {
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
      // Decimals are strings (Shopify's Decimal scalar, and what the app writes): a JSON number is malformed (0019).
      ["the amount is a JSON number, not a decimal string", input({ reservations: [reservation({ kind: "amount_off", amount: 10 })] })],
      ["the minimum is a JSON number, not a decimal string", input({ reservations: [reservation({ kind: "percent_off", percent: 10 }, { minimumSubtotal: 0 })] })],
      ["the cart is below a 43-digit minimum by a fraction of a cent once converted", input({
        subtotal: "92345678901234567890123456788999999999999.99076543210987654321098765432109", rate: "0.923456789012345678901234567890",
        reservations: [reservation({ kind: "percent_off", percent: 10 }, { minimumSubtotal: "99999999999999999999999999999999999999999.99" })],
      })],
    ])("%s", (_, runInput) => {
      expect(runBoth(implementation, runInput)).toEqual({ lines: [], delivery: [] });
    });

    it("the metafield has another version", () => {
      const runInput = input({ reservations: tenOff });
      const customer = runInput.cart.buyerIdentity?.customer;
      const tampered = { ...runInput, cart: { ...runInput.cart, buyerIdentity: { customer: { id: CUSTOMER, reservation: { jsonValue: { ...(customer?.reservation?.jsonValue as object), version: 2 } } } } } };
      expect(implementation.cartLines(tampered)).toEqual({ operations: [] });
    });
  });

  describe("the Function applies the reservation WHEN its conditions hold", () => {
    it("a fixed amount off the order, with the minimum repeated for Shopify in the shop's currency", () => {
      const { lines, delivery } = runBoth(implementation, input({ reservations: [reservation({ kind: "amount_off", amount: "10.00" }, { minimumSubtotal: "50.00", title: "$10 off" })] }));
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
      const { lines } = runBoth(implementation, input({ rate: "0.923456789", reservations: [reservation({ kind: "amount_off", amount: "10.00" })] }));
      expect(lines).toMatchObject([{ orderDiscountsAdd: { candidates: [{ value: { fixedAmount: { amount: "9.2345" } } }] } }]);
    });

    it("decimals of any length, exactly: a 39-digit amount at a 30-digit rate (beyond any machine integer)", () => {
      const { lines } = runBoth(implementation, input({ rate: "0.923456789012345678901234567890", reservations: [reservation({ kind: "amount_off", amount: "1234567890123456789012345678901234567.89" })] }));
      expect(lines).toMatchObject([{ orderDiscountsAdd: { candidates: [{ value: { fixedAmount: { amount: "1140070099631153798714830058746502057.9745" } } }] } }]);
    });

    it("the cart meets a 43-digit minimum exactly once converted", () => {
      const { lines } = runBoth(implementation, input({
        subtotal: "92345678901234567890123456788999999999999.99076543210987654321098765432110", rate: "0.923456789012345678901234567890",
        reservations: [reservation({ kind: "percent_off", percent: 10 }, { minimumSubtotal: "99999999999999999999999999999999999999999.99" })],
      }));
      expect(lines).toHaveLength(1);
    });

    it("an amount padded with whitespace JavaScript's trim removes (no-break space, BOM) still applies", () => {
      const { lines } = runBoth(implementation, input({ reservations: [reservation({ kind: "amount_off", amount: "\u00a010.00\ufeff" })] }));
      expect(lines).toMatchObject([{ orderDiscountsAdd: { candidates: [{ value: { fixedAmount: { amount: "10.000" } } }] } }]);
    });

    it("a percentage off the order", () => {
      const { lines } = runBoth(implementation, input({ reservations: [reservation({ kind: "percent_off", percent: 15 })] }));
      expect(lines).toMatchObject([{ orderDiscountsAdd: { candidates: [{ value: { percentage: { value: "15" } } }] } }]);
    });

    it("a percentage off the lines in the reward's collections only", () => {
      const { lines } = runBoth(implementation, input({ reservations: [reservation({ kind: "percent_off", percent: 20 }, { collectionIds: [COLLECTIONS[0]] })] }));
      expect(lines).toEqual([{
        productDiscountsAdd: { selectionStrategy: "ALL", candidates: [{ message: "Loyalty reward", targets: [{ cartLine: { id: "gid://shopify/CartLine/2" } }], value: { percentage: { value: "20" } } }] },
      }]);
    });

    it("a free product: one unit of its line, free", () => {
      const cart = [line(1, "40.00"), line(3, "18.00", [], 70, 2)];
      const { lines } = runBoth(implementation, input({ lines: cart, subtotal: "58.00", reservations: [reservation({ kind: "free_product", variantId: "gid://shopify/ProductVariant/70" })] }));
      expect(lines).toEqual([{
        productDiscountsAdd: { selectionStrategy: "ALL", candidates: [{ message: "Loyalty reward", targets: [{ cartLine: { id: "gid://shopify/CartLine/3", quantity: 1 } }], value: { percentage: { value: "100" } } }] },
      }]);
    });

    it("free shipping on every delivery group", () => {
      const { lines, delivery } = runBoth(implementation, input({ reservations: [reservation({ kind: "free_shipping", maxAmount: null })] }));
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
      const { delivery } = runBoth(implementation, input({ reservations: [reservation({ kind: "free_shipping", maxAmount: "8.00" })] }));
      expect(delivery).toMatchObject([{ deliveryDiscountsAdd: { candidates: [{ value: { fixedAmount: { amount: "8.000" } }, targets: [{ deliveryGroup: { id: "gid://shopify/CartDeliveryGroup/1" } }] }] } }]);
    });

    it("several rewards at once: an order discount, a free product and free shipping", () => {
      const cart = [line(1, "40.00"), line(3, "18.00", [], 70)];
      const { lines, delivery } = runBoth(implementation, input({
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
      expect(runBoth(implementation, input({ date: "2026-11-24", reservations: [reservation({ kind: "percent_off", percent: 5 })] })).lines).toHaveLength(1);
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
        const applied = runBoth(implementation, input({ lines: cart, subtotal: (subtotal / 100).toFixed(2), reservations: json.reservations })).lines;
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
});
