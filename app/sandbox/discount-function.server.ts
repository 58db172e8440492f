/**
 * The one place the sandbox runs Wafa's discount Function: the real build
 * (extensions/wafa-discount/dist/function.wasm under node:wasi, through the extension's
 * wasm-runner), on the input Shopify would send, for both targets. Its output is checked
 * with zod before the simulated checkout applies any of it: the Function is an external
 * program, and a malformed result must fail loudly, as Shopify fails the Function run,
 * rather than price an order no real checkout would.
 */
import { z } from "zod";
import { DISCOUNT_FUNCTION_WASM, runDiscountFunction, type DiscountFunctionTarget } from "../../extensions/wafa-discount/wasm-runner";
import { CartLinesOutput, DeliveryOutput } from "./store/function-output";

export type DiscountFunctionOutput = { readonly cartLines: CartLinesOutput; readonly delivery: DeliveryOutput };

function validated<S extends z.ZodType>(target: DiscountFunctionTarget, schema: S, output: unknown): z.output<S> {
  const parsed = schema.safeParse(output);
  if (!parsed.success) throw new Error(`the discount Function's ${target} output is not one the sandbox can apply: ${z.prettifyError(parsed.error)}`);
  return parsed.data;
}

/** Both targets on one input (the same run.graphql query serves both). */
export function runWafaDiscountFunction(input: unknown): DiscountFunctionOutput {
  return {
    cartLines: validated("cart-lines-discounts-generate-run", CartLinesOutput, runDiscountFunction("cart-lines-discounts-generate-run", input)),
    delivery: validated("cart-delivery-options-discounts-generate-run", DeliveryOutput, runDiscountFunction("cart-delivery-options-discounts-generate-run", input)),
  };
}

/**
 * Refuses to start the sandbox without a working Function: checkout would otherwise apply
 * no reward at all and the demo would quietly show redemptions never settling. Runs both
 * targets once on a guest's empty-handed cart (which must apply nothing).
 */
export function assertDiscountFunctionRuns(): void {
  const guestCart = {
    presentmentCurrencyRate: "1.0",
    shop: { localTime: { date: "2026-01-01" } },
    discount: { discountClasses: ["ORDER", "PRODUCT", "SHIPPING"] },
    cart: { buyerIdentity: { customer: null }, cost: { subtotalAmount: { amount: "0.0" } }, lines: [], deliveryGroups: [] },
  };
  let output: DiscountFunctionOutput;
  try {
    output = runWafaDiscountFunction(guestCart);
  } catch (error) {
    throw new Error(`the sandbox prices checkouts with the discount Function (${DISCOUNT_FUNCTION_WASM}), which does not run: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (output.cartLines.operations.length > 0 || output.delivery.operations.length > 0) throw new Error("the discount Function discounts a guest's empty cart");
}
