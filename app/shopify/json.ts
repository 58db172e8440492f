/**
 * Parses a webhook body without losing ids. JSON numbers above 2^53 are not exact in
 * JavaScript, and some Shopify payloads carry ids only as numbers (refunds/create's
 * `order_id`, the compliance topics' customer and order ids, line items' `product_id`).
 * Integers of up to 15 digits are always safe, so a body without a 16-digit run parses with
 * plain JSON.parse; otherwise one pass quotes every unsafe integer outside strings first,
 * so it arrives as its exact digits.
 */
export function parseWebhookJson(text: string): unknown {
  return JSON.parse(/\d{16}/.test(text) ? quoteUnsafeIntegers(text) : text);
}

const QUOTE = 34;
const BACKSLASH = 92;
const MINUS = 45;
const isDigit = (code: number) => code >= 48 && code <= 57;
const continuesNumber = (code: number) => isDigit(code) || code === 46 || code === 101 || code === 69 || code === 43 || code === MINUS;

export function quoteUnsafeIntegers(text: string): string {
  let output = "";
  let copied = 0;
  let inString = false;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (inString) {
      if (code === BACKSLASH) index++;
      else if (code === QUOTE) inString = false;
      continue;
    }
    if (code === QUOTE) {
      inString = true;
      continue;
    }
    if (code !== MINUS && !isDigit(code)) continue;
    let end = index + 1;
    while (end < text.length && isDigit(text.charCodeAt(end))) end++;
    if (end < text.length && continuesNumber(text.charCodeAt(end))) {
      // A fraction or an exponent: not an id; skip the rest of the number.
      while (end < text.length && continuesNumber(text.charCodeAt(end))) end++;
    } else if (!Number.isSafeInteger(Number(text.slice(index, end)))) {
      output += `${text.slice(copied, index)}"${text.slice(index, end)}"`;
      copied = end;
    }
    index = end - 1;
  }
  return copied === 0 ? text : output + text.slice(copied);
}
