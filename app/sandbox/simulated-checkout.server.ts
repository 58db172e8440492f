/**
 * The simulated store's checkout, as Shopify runs discount Functions: for each active
 * automatic app discount that runs Wafa's Function (the simulated ones of
 * ./admin/app-discount.ts), the input run.graphql asks for is built from the cart and what
 * the simulated Admin API holds (the customer's `$app:wafa.reservation` metafield, the
 * discount's classes and its `$app:wafa.function-variables` for `$collectionIds`, the
 * shop's date), and both targets run as the built Wasm. The store then applies what they
 * return (./store/checkout-pricing.ts). No discount, no run: as in Shopify, a shop whose
 * program was never launched has no Wafa discount, and checkout applies no reward.
 */
import { z } from "zod";
import { formatLocalDate, localDateOf } from "../loyalty/calendar/calendar";
import { sandboxAutomaticDiscounts, SANDBOX_DISCOUNT_FUNCTION } from "./admin/app-discount";
import { sandboxMetafield } from "./admin/redemption-operations";
import { runWafaDiscountFunction } from "./discount-function.server";
import { functionInput, type CheckoutCart, type CheckoutPricer } from "./store/checkout";
import { demoCollectionIdsOf } from "./store/catalogue";
import { DISCOUNT_CLASSES, type FunctionRun } from "./store/function-output";
import { SANDBOX_TIME_ZONE } from "./store/time";

const NAMESPACE = "$app:wafa";
const FunctionVariables = z.object({ collectionIds: z.array(z.string()) });

/** The discount's `$collectionIds`; none when its metafield is missing or not the JSON Wafa writes. */
function collectionIdsOf(discountId: string): string[] {
  const value = sandboxMetafield(discountId, NAMESPACE, "function-variables");
  if (value === null) return [];
  const parsed = FunctionVariables.safeParse(JSON.parse(value));
  return parsed.success ? parsed.data.collectionIds : [];
}

/** The customer's reservation metafield as `jsonValue` gives it, or null when there is none. */
function reservationOf(customerGid: string | null): unknown {
  const value = customerGid === null ? null : sandboxMetafield(customerGid, NAMESPACE, "reservation");
  return value === null ? null : (JSON.parse(value) as unknown);
}

/** Prices carts of `shop` at `at` with the shop's active Wafa discounts. */
export function sandboxCheckout(shop: string, at: Date): CheckoutPricer {
  return (cart: CheckoutCart): FunctionRun[] => {
    const discounts = sandboxAutomaticDiscounts(shop).filter(
      (discount) => discount.typename === "DiscountAutomaticApp" && discount.functionId === SANDBOX_DISCOUNT_FUNCTION.id && discount.status === "ACTIVE",
    );
    const localDate = formatLocalDate(localDateOf(at, SANDBOX_TIME_ZONE));
    return discounts.map((discount) => {
      const discountClasses = DISCOUNT_CLASSES.filter((discountClass) => discount.discountClasses.includes(discountClass));
      const input = functionInput(cart, {
        localDate, discountClasses, collectionIds: collectionIdsOf(discount.id), reservation: reservationOf(cart.customerGid), collectionsOf: demoCollectionIdsOf,
      });
      return { discountTitle: discount.title, discountClasses, ...runWafaDiscountFunction(input) };
    });
  };
}
