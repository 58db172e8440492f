/**
 * What the store's operations accept. The sandbox's routes pass merchant-typed forms
 * straight through, so every input is validated here (STYLE.md habit 5) and a mistake is a
 * SandboxStoreError("invalid_input"), never a strange payload. Strict objects, so a
 * misspelt field is an error rather than silently ignored.
 */
import { z } from "zod";
import { refuse } from "./errors";
import { readableIssues } from "./readable-issues";
import { PPM, percentToPpm } from "./order-math";

/** A percentage as a JS number with at most 4 decimals ("8.875"), read as exact ppm. */
const percent = (what: string, options: { allowZero: boolean }) =>
  z.number().transform((value, context) => {
    const ppm = percentToPpm(value);
    if (ppm === null || ppm > PPM || (!options.allowZero && ppm === 0)) {
      context.addIssue({ code: "custom", message: `${what} must be a percentage ${options.allowZero ? "from 0" : "above 0"} up to 100, with at most 4 decimals` });
      return z.NEVER;
    }
    return ppm;
  });

/** A decimal amount as Shopify writes it ("19.99"); read in the shop's currency by the store. */
const Decimal = z.string().regex(/^\d+(\.\d+)?$/, "expected a decimal amount such as 19.99");
/** E.164, as Shopify stores customer phone numbers. */
const Phone = z.string().regex(/^\+[1-9]\d{6,14}$/, "expected an E.164 phone number such as +15550100001");
const Name = z.string("Enter a name.").trim().min(1, "Enter a name.");
const Quantity = z.int().positive().max(10_000);
/** An id as "7000000000001" or "gid://shopify/<Type>/7000000000001". */
const IdRef = z.string().min(1);

export const NewCustomer = z.strictObject({ firstName: Name, lastName: Name, email: z.email("Enter an email address such as salma@example.com."), phone: Phone.nullish() });
export type NewCustomer = z.input<typeof NewCustomer>;

export const CustomerPatch = z
  .strictObject({ firstName: Name, lastName: Name, email: z.email("Enter an email address such as salma@example.com."), phone: Phone.nullable() })
  .partial()
  .refine((patch) => Object.values(patch).some((value) => value !== undefined), "nothing to update");
export type CustomerPatch = z.input<typeof CustomerPatch>;

const NewLine = z.strictObject({
  productId: IdRef,
  title: Name,
  unitPrice: Decimal,
  quantity: Quantity,
  sku: z.string().optional(),
  vendor: z.string().nullish(),
});
export type NewLine = z.input<typeof NewLine>;

export const OrderLineInput = NewLine.extend({ giftCard: z.boolean().optional() });
export type OrderLineInput = z.input<typeof OrderLineInput>;

export const NewOrder = z.strictObject({
  customerId: IdRef.nullable(),
  /** The checkout email of a guest; a customer's order uses the customer's email. */
  email: z.email().nullish(),
  lines: z.array(OrderLineInput).min(1, "an order needs at least one line"),
  paid: z.boolean(),
  test: z.boolean().optional(),
  discountCode: z.strictObject({ code: Name, percent: percent("a discount", { allowZero: false }) }).optional(),
  shippingPrice: Decimal.optional(),
  taxRatePercent: percent("a tax rate", { allowZero: true }).optional(),
});
export type NewOrder = z.input<typeof NewOrder>;

export const LineUnits = z.array(z.strictObject({ lineItemId: IdRef, quantity: Quantity }));
export type LineUnits = z.input<typeof LineUnits>;

export const RefundOptions = z.strictObject({ refundShipping: z.boolean().optional(), note: z.string().nullish() });
export type RefundOptions = z.input<typeof RefundOptions>;

export const CancelOptions = z.strictObject({ refund: z.boolean() });
export type CancelOptions = z.input<typeof CancelOptions>;

export const OrderEdit = z
  .strictObject({ add: z.array(NewLine).optional(), removeUnits: LineUnits.optional() })
  .refine((edit) => (edit.add?.length ?? 0) + (edit.removeUnits?.length ?? 0) > 0, "an edit must add or remove something");
export type OrderEdit = z.input<typeof OrderEdit>;

/** Validates an operation's input, refusing it with every problem zod found. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown, what: string): z.output<S> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) return refuse("invalid_input", `${what}: ${readableIssues(parsed.error)}`);
  return parsed.data;
}
