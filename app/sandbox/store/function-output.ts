/**
 * What the simulated checkout accepts from the discount Function: the output of its two
 * targets (Discount Function API 2026-04, `CartLinesDiscountsGenerateRunResult` and
 * `CartDeliveryOptionsDiscountsGenerateRunResult` in
 * ../../../../shared/shopify/function-schemas/discount-function-2026-04.graphql). The
 * Function is an external program, so its output is validated before a cent of it is
 * applied (STYLE.md habit 5). Strict: an operation, target, value or condition the sandbox
 * does not price (entered codes, delivery options, cart-line conditions) is refused with
 * its path rather than silently dropped, so the demo never shows a discount Shopify would
 * have priced differently.
 */
import { z } from "zod";

/** GraphQL `Decimal`: Shopify takes a string; a JSON number is read as its decimal text. */
const Decimal = z
  .union([z.string(), z.number().transform((value) => String(value))])
  .pipe(z.string().regex(/^\d+(\.\d+)?$/, "expected a non-negative decimal such as 10.00"));

const Percentage = z.strictObject({
  value: Decimal.refine((text) => /^\d+(\.\d{1,4})?$/.test(text) && Number(text) <= 100, "a percentage from 0 to 100 with at most 4 decimals"),
});
const FixedAmount = z.strictObject({ amount: Decimal });
const Message = z.string().nullish();

const OrderCandidate = z.strictObject({
  message: Message,
  targets: z.array(z.strictObject({ orderSubtotal: z.strictObject({ excludedCartLineIds: z.array(z.string()) }) })).min(1),
  value: z.union([z.strictObject({ fixedAmount: FixedAmount }), z.strictObject({ percentage: Percentage })]),
  conditions: z.array(z.strictObject({ orderMinimumSubtotal: z.strictObject({ minimumAmount: Decimal, excludedCartLineIds: z.array(z.string()) }) })).nullish(),
});

const ProductCandidate = z.strictObject({
  message: Message,
  targets: z.array(z.strictObject({ cartLine: z.strictObject({ id: z.string(), quantity: z.int().positive().nullish() }) })).min(1),
  value: z.union([
    z.strictObject({ fixedAmount: FixedAmount.extend({ appliesToEachItem: z.boolean().nullish() }) }),
    z.strictObject({ percentage: Percentage }),
  ]),
});

const DeliveryCandidate = z.strictObject({
  message: Message,
  targets: z.array(z.strictObject({ deliveryGroup: z.strictObject({ id: z.string() }) })).min(1),
  value: z.union([z.strictObject({ fixedAmount: FixedAmount }), z.strictObject({ percentage: Percentage })]),
});

export const CartLinesOutput = z.strictObject({
  operations: z.array(
    z.union([
      z.strictObject({ orderDiscountsAdd: z.strictObject({ candidates: z.array(OrderCandidate), selectionStrategy: z.enum(["FIRST", "MAXIMUM"]) }) }),
      z.strictObject({ productDiscountsAdd: z.strictObject({ candidates: z.array(ProductCandidate), selectionStrategy: z.enum(["ALL", "FIRST", "MAXIMUM"]) }) }),
    ]),
  ),
});
export type CartLinesOutput = z.infer<typeof CartLinesOutput>;

export const DeliveryOutput = z.strictObject({
  operations: z.array(z.strictObject({ deliveryDiscountsAdd: z.strictObject({ candidates: z.array(DeliveryCandidate), selectionStrategy: z.literal("ALL") }) })),
});
export type DeliveryOutput = z.infer<typeof DeliveryOutput>;

export type OrderCandidate = z.infer<typeof OrderCandidate>;
export type ProductCandidate = z.infer<typeof ProductCandidate>;
export type DeliveryCandidate = z.infer<typeof DeliveryCandidate>;

export const DISCOUNT_CLASSES = ["ORDER", "PRODUCT", "SHIPPING"] as const;
export type DiscountClass = (typeof DISCOUNT_CLASSES)[number];

/** One automatic app discount's run at checkout: the discount as the shop has it, and what its Function returned. */
export type FunctionRun = {
  /** The discount's own title, which Shopify shows when a candidate has no message. */
  readonly discountTitle: string;
  readonly discountClasses: readonly DiscountClass[];
  readonly cartLines: CartLinesOutput;
  readonly delivery: DeliveryOutput;
};
