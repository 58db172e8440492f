import { parse as parseLossless } from "lossless-json";

/**
 * Parses a webhook body without losing ids. JSON numbers above 2^53 are not exact in
 * JavaScript, and some Shopify payloads carry ids only as numbers (refunds/create's
 * `order_id`, the compliance topics' customer and order ids, line items' `product_id`).
 * Integers of up to 15 digits are always safe, so a body without a 16-digit run parses
 * with plain JSON.parse (the fast path); otherwise unsafe integers come back as strings.
 */
export function parseWebhookJson(text: string): unknown {
  if (!/\d{16}/.test(text)) return JSON.parse(text);
  return parseLossless(text, undefined, (digits: string) => {
    const value = Number(digits);
    return /^-?\d+$/.test(digits) && !Number.isSafeInteger(value) ? digits : value;
  });
}
