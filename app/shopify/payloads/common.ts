import { z } from "zod";
import { isCurrencyCode } from "../../loyalty/money/currency";
import { parseMoney } from "../../loyalty/money/money";

/** A Shopify numeric id, as a string whatever JSON form it arrived in (see ../json.ts). */
export const NumericId = z.union([
  z.string().regex(/^\d+$/, "expected a numeric id"),
  z.number().int().nonnegative().refine(Number.isSafeInteger, "an id beyond 2^53 lost precision"),
]).transform(String);

export const gidOf = (type: string) =>
  z.string().regex(new RegExp(`^gid://shopify/${type}/\\d+$`), `expected a gid://shopify/${type}/… id`);

export const toGid = (type: string, id: string) => `gid://shopify/${type}/${id}`;

/**
 * The field rules of every webhook payload, one per kind of field, so a value Shopify never
 * sends is refused the same way wherever it appears (issue 10, item 4). A payload that
 * breaks one is parked as a dead letter with the reason (webhook-handler.server.ts), never
 * applied: a negative refund would add points, an order in no currency would be priced in
 * nothing, a year-9999 order would sort after every real state of the order for ever.
 */

/** Earliest instant a Shopify order, refund, customer or product can carry (Shopify opened in 2006). */
export const EARLIEST_TIMESTAMP = new Date("2000-01-01T00:00:00Z");
/** How far past the receiving server's clock a timestamp may be (clock skew, never more). */
export const MAX_CLOCK_SKEW_MS = 7 * 24 * 3600 * 1000;

/** Shopify timestamps: ISO 8601 with an offset ("2021-12-31T19:00:00-05:00"), between 2000 and (about) now. */
export const Timestamp = z.string().transform((text, context) => {
  const date = new Date(text);
  if (Number.isNaN(date.getTime())) {
    context.addIssue({ code: "custom", message: `"${text}" is not a timestamp` });
    return z.NEVER;
  }
  if (date.getTime() < EARLIEST_TIMESTAMP.getTime() || date.getTime() > Date.now() + MAX_CLOCK_SKEW_MS) {
    context.addIssue({ code: "custom", message: `"${text}" is not a plausible date (before 2000 or in the future)` });
    return z.NEVER;
  }
  return date;
});

/**
 * Largest amount Wafa accepts, in minor units (10^12: ten billion dollars, a trillion yen):
 * no real order comes near, and every product the earning rules take of amounts (× quantity,
 * × points per amount) stays an exact integer below 2^53.
 */
export const MAX_AMOUNT_MINOR = 1_000_000_000_000;
/** Largest unit count of a line or refunded line (a line total stays within MAX_AMOUNT_MINOR anyway). */
export const MAX_QUANTITY = 1_000_000;

/** A unit count: Shopify's quantities are never negative. */
export const Quantity = z.number().int("expected a whole quantity").nonnegative("a quantity is never negative").max(MAX_QUANTITY, `a quantity is at most ${MAX_QUANTITY}`);

/** ISO 4217 (and Shopify's CurrencyCode enum): see loyalty/money/currency.ts. */
export const CurrencyCode = z.string().superRefine((code, context) => {
  if (!isCurrencyCode(code)) context.addIssue({ code: "custom", message: `"${code}" is not an ISO 4217 currency code` });
});

const MoneyAmount = z.object({ amount: z.string(), currency_code: CurrencyCode });

/**
 * A `*_set` money bag, read in shop money as exact minor units. Every one Wafa reads (prices,
 * subtotals, totals, discounts, shipping, tax, refunded subtotals) is never negative in
 * Shopify's payloads; only order adjustments (a refund's `order_adjustments`, such as a
 * refund discrepancy) carry signed amounts, and Wafa does not read them.
 */
export const ShopMoney = z.object({ shop_money: MoneyAmount }).transform((bag, context) => {
  const parsed = parseMoney(bag.shop_money.amount, bag.shop_money.currency_code);
  if (!parsed.ok) {
    context.addIssue({ code: "custom", message: parsed.message });
    return z.NEVER;
  }
  if (parsed.value.minor < 0) {
    context.addIssue({ code: "custom", message: `"${bag.shop_money.amount}" is negative: Shopify never sends a negative amount here` });
    return z.NEVER;
  }
  if (parsed.value.minor > MAX_AMOUNT_MINOR) {
    context.addIssue({ code: "custom", message: `"${bag.shop_money.amount}" ${bag.shop_money.currency_code} is beyond any real order` });
    return z.NEVER;
  }
  return parsed.value;
});

export const OptionalText = z.string().nullish().transform((value) => value ?? null);
