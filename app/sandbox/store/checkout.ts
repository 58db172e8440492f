/**
 * The simulated checkout's cart, as the store hands it to whoever runs the shop's discount
 * Functions (../simulated-checkout.server.ts), and the Function input Shopify would build
 * from it for extensions/wafa-discount/src/run.graphql. Pure: the caller supplies what
 * Shopify would read from the shop (the date in its time zone, the discount's classes and
 * variables, the customer's metafield).
 */
import { formatDecimal, money } from "../../loyalty/money/money";
import type { DiscountClass, FunctionRun } from "./function-output";

export type CheckoutLine = {
  /** The cart line's id in the Function's input and output; the store maps it back to its order line. */
  readonly cartLineId: string;
  readonly variantGid: string;
  readonly productId: number;
  readonly quantity: number;
  readonly unitPriceMinor: number;
  readonly giftCard: boolean;
};

export type CheckoutCart = {
  readonly currency: string;
  readonly customerGid: string | null;
  readonly lines: readonly CheckoutLine[];
  /** The one shipping rate chosen, or null when nothing ships (no delivery group). */
  readonly shippingMinor: number | null;
};

/** Runs the shop's automatic app discounts on a cart: one run per discount, in the shop's order. */
export type CheckoutPricer = (cart: CheckoutCart) => readonly FunctionRun[];

/** The simulated store ships each order as one delivery group. */
export const DELIVERY_GROUP_ID = "gid://shopify/CartDeliveryGroup/1";

export const cartLineId = (index: number) => `gid://shopify/CartLine/${index + 1}`;

export type FunctionInputContext = {
  /** `shop.localTime.date`: the day in the shop's time zone (YYYY-MM-DD). */
  readonly localDate: string;
  readonly discountClasses: readonly DiscountClass[];
  /** `$collectionIds`, from the discount's `$app:wafa.function-variables` metafield. */
  readonly collectionIds: readonly string[];
  /** The customer's `$app:wafa.reservation` metafield, parsed (`jsonValue`), or null when it has none. */
  readonly reservation: unknown;
  readonly collectionsOf: (productId: number) => readonly string[];
};

/**
 * The input Shopify sends both targets for run.graphql. The store sells in one currency, so
 * the presentment rate is 1 and every amount is the shop's.
 */
export function functionInput(cart: CheckoutCart, context: FunctionInputContext) {
  const decimal = (minor: number) => formatDecimal(money(minor, cart.currency));
  const subtotalMinor = cart.lines.reduce((sum, line) => sum + line.unitPriceMinor * line.quantity, 0);
  return {
    presentmentCurrencyRate: "1.0",
    shop: { localTime: { date: context.localDate } },
    discount: { discountClasses: [...context.discountClasses] },
    cart: {
      buyerIdentity: {
        customer: cart.customerGid === null ? null : { id: cart.customerGid, reservation: context.reservation === null ? null : { jsonValue: context.reservation } },
      },
      cost: { subtotalAmount: { amount: decimal(subtotalMinor) } },
      lines: cart.lines.map((line) => {
        const memberOf = new Set(context.collectionsOf(line.productId));
        return {
          id: line.cartLineId,
          quantity: line.quantity,
          cost: { subtotalAmount: { amount: decimal(line.unitPriceMinor * line.quantity) } },
          merchandise: {
            __typename: "ProductVariant",
            id: line.variantGid,
            // `inCollections(ids:)` answers for each id asked, member or not.
            product: { inCollections: context.collectionIds.map((collectionId) => ({ collectionId, isMember: memberOf.has(collectionId) })) },
          },
        };
      }),
      deliveryGroups: cart.shippingMinor === null ? [] : [{ id: DELIVERY_GROUP_ID }],
    },
  };
}
