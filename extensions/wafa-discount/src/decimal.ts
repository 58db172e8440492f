/**
 * Exact decimal arithmetic for the few sums the Function does (Shopify sends and takes money
 * as decimal strings): BigInt digits with a scale, no floats. Tiny on purpose.
 */
export type Decimal = { readonly digits: bigint; readonly scale: number };

const DECIMAL = /^(-?)(\d+)(?:\.(\d+))?$/;

/**
 * A decimal string, as Shopify serialises its Decimal scalar and as the app writes every
 * amount. A JSON number is not one: its text would depend on JavaScript's number printing
 * (exponents, rounding past 2^53), which the Wasm build does not reproduce (0019).
 */
export function parseDecimal(text: unknown): Decimal | null {
  if (typeof text !== "string") return null;
  const match = DECIMAL.exec(text.trim());
  if (!match) return null;
  const [, sign = "", whole = "", fraction = ""] = match;
  const digits = BigInt(`${whole}${fraction}`);
  return { digits: sign === "-" ? -digits : digits, scale: fraction.length };
}

export function multiply(a: Decimal, b: Decimal): Decimal {
  return { digits: a.digits * b.digits, scale: a.scale + b.scale };
}

function align(a: Decimal, scale: number): bigint {
  return a.digits * 10n ** BigInt(scale - a.scale);
}

export function compare(a: Decimal, b: Decimal): number {
  const scale = Math.max(a.scale, b.scale);
  const difference = align(a, scale) - align(b, scale);
  return difference === 0n ? 0 : difference > 0n ? 1 : -1;
}

export const isPositive = (a: Decimal): boolean => a.digits > 0n;

/** Rounds toward zero to at most `scale` fraction digits (never discounts more than the exact value). */
export function truncate(a: Decimal, scale: number): Decimal {
  if (a.scale <= scale) return a;
  return { digits: a.digits / 10n ** BigInt(a.scale - scale), scale };
}

export function formatDecimal(a: Decimal): string {
  const negative = a.digits < 0n;
  const text = (negative ? -a.digits : a.digits).toString().padStart(a.scale + 1, "0");
  const body = a.scale === 0 ? text : `${text.slice(0, -a.scale)}.${text.slice(-a.scale)}`;
  return negative ? `-${body}` : body;
}
