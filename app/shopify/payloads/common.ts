import { z } from "zod";
import { parseMoney } from "../../loyalty/money/money";

/** A Shopify numeric id, as a string whatever JSON form it arrived in (see ../json.ts). */
export const NumericId = z.union([
  z.string().regex(/^\d+$/, "expected a numeric id"),
  z.number().int().nonnegative().refine(Number.isSafeInteger, "an id beyond 2^53 lost precision"),
]).transform(String);

export const gidOf = (type: string) =>
  z.string().regex(new RegExp(`^gid://shopify/${type}/\\d+$`), `expected a gid://shopify/${type}/… id`);

export const toGid = (type: string, id: string) => `gid://shopify/${type}/${id}`;

/** Shopify timestamps: ISO 8601 with an offset ("2021-12-31T19:00:00-05:00"). */
export const Timestamp = z.string().transform((text, context) => {
  const date = new Date(text);
  if (Number.isNaN(date.getTime())) {
    context.addIssue({ code: "custom", message: `"${text}" is not a timestamp` });
    return z.NEVER;
  }
  return date;
});

const MoneyAmount = z.object({ amount: z.string(), currency_code: z.string() });

/** A `*_set` money bag, read in shop money as exact minor units. */
export const ShopMoney = z.object({ shop_money: MoneyAmount }).transform((bag, context) => {
  const parsed = parseMoney(bag.shop_money.amount, bag.shop_money.currency_code);
  if (!parsed.ok) {
    context.addIssue({ code: "custom", message: parsed.message });
    return z.NEVER;
  }
  return parsed.value;
});

export const OptionalText = z.string().nullish().transform((value) => value ?? null);
