import { z } from "zod";

/**
 * Every quotient a report shows (a rate, a share, an average, a projection) is a `Ratio`:
 * an exact fraction of two safe integers. One representation, one set of rounding rules.
 *
 * - A denominator of 0 means "not defined" (no customers at the start of the period, no
 *   orders, no survey answers). The UI shows "—"; nothing here ever yields NaN or Infinity.
 * - A metric's own fraction keeps its raw counts ("3 retained of 4"), unreduced, so the UI
 *   can say what it divided. Arithmetic on ratios returns reduced fractions.
 * - Arithmetic is exact whenever the reduced result fits in safe integers (always, for
 *   counts and minor units of a real shop's size). Only a product of shop-sized money
 *   sums can exceed that; it is then the nearest fraction over a power of ten that fits
 *   (at least 15 significant digits, far finer than anything displayed).
 * - Display rounding is half away from zero ("half-up" for the non-negative amounts money
 *   averages are), done once, at the end, with integer arithmetic.
 */
export type Ratio = { readonly numerator: number; readonly denominator: number };

/** A ratio a merchant entered (a goal's target, a frequency target): defined, so its denominator is positive. */
export const RatioSchema = z
  .object({
    numerator: z.int("Enter a whole number."),
    denominator: z.int("Enter a whole number.").min(1, "The denominator must be positive."),
  })
  .readonly();

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

/** `numerator / denominator`; a negative denominator moves its sign to the numerator. */
export function ratio(numerator: number, denominator: number): Ratio {
  if (!Number.isSafeInteger(numerator) || !Number.isSafeInteger(denominator)) {
    throw new Error(`a ratio needs safe integers, got ${numerator}/${denominator}`);
  }
  if (denominator < 0) return { numerator: -numerator || 0, denominator: -denominator };
  return { numerator: numerator || 0, denominator };
}

export const ZERO: Ratio = ratio(0, 1);
export const ONE: Ratio = ratio(1, 1);
/** The value of a quotient that has nothing to divide by. */
export const NOT_DEFINED: Ratio = ratio(0, 0);

export function isDefined(value: Ratio): boolean {
  return value.denominator !== 0;
}

/** A floating-point approximation for charts; `null` when not defined. Never use it in arithmetic. */
export function ratioValue(value: Ratio): number | null {
  return isDefined(value) ? value.numerator / value.denominator : null;
}

function abs(value: bigint): bigint {
  return value < 0n ? -value : value;
}

/** `numerator / denominator` rounded half away from zero (denominator > 0). */
function roundQuotient(numerator: bigint, denominator: bigint): bigint {
  const magnitude = (2n * abs(numerator) + denominator) / (2n * denominator);
  return numerator < 0n ? -magnitude : magnitude;
}

/**
 * `value × scale`, rounded half away from zero to an integer; `null` when not defined.
 * `roundRatio(aov)` is an average in whole minor units; `roundRatio(rate, 10_000)` is basis points.
 */
export function roundRatio(value: Ratio, scale = 1): number | null {
  if (!Number.isSafeInteger(scale) || scale <= 0) throw new Error(`scale must be a positive integer, got ${scale}`);
  if (!isDefined(value)) return null;
  return Number(roundQuotient(BigInt(value.numerator) * BigInt(scale), BigInt(value.denominator)));
}

/** A rate in basis points (1 % = 100), rounded half away from zero. */
export function basisPoints(value: Ratio): number | null {
  return roundRatio(value, 10_000);
}

/** A money average (AOV, LTV, liability) in whole minor units of the shop currency, rounded half-up. */
export function minorUnits(value: Ratio): number | null {
  return roundRatio(value, 1);
}

/** The value as a decimal string with `fractionDigits` digits ("3.30"); `null` when not defined. */
export function formatFixed(value: Ratio, fractionDigits = 2): string | null {
  if (!Number.isInteger(fractionDigits) || fractionDigits < 0 || fractionDigits > 6) {
    throw new Error(`fractionDigits must be 0..6, got ${fractionDigits}`);
  }
  const scaled = roundRatio(value, 10 ** fractionDigits);
  if (scaled === null) return null;
  const digits = Math.abs(scaled).toString().padStart(fractionDigits + 1, "0");
  const sign = scaled < 0 ? "-" : "";
  if (fractionDigits === 0) return `${sign}${digits}`;
  return `${sign}${digits.slice(0, -fractionDigits)}.${digits.slice(-fractionDigits)}`;
}

/** A rate as a percentage ("12.5%"); `null` when not defined. */
export function formatPercent(value: Ratio, fractionDigits = 1): string | null {
  const text = formatFixed(multiplyRatios(value, ratio(100, 1)), fractionDigits);
  return text === null ? null : `${text}%`;
}

/**
 * The guides' "1:N" form of a share: 3 repeat customers of 10 is "1:3.3" (one in every
 * 3.3 customers comes back). `null` when the share is not defined or zero (no one in N).
 */
export function formatOneIn(share: Ratio, fractionDigits = 1): string | null {
  if (!isDefined(share) || share.numerator === 0) return null;
  const text = formatFixed(ratio(share.denominator, share.numerator), fractionDigits);
  return text === null ? null : `1:${text}`;
}

function gcd(a: bigint, b: bigint): bigint {
  let x = abs(a);
  let y = abs(b);
  while (y !== 0n) [x, y] = [y, x % y];
  return x;
}

function reduced(numerator: bigint, denominator: bigint): [bigint, bigint] {
  const divisor = gcd(numerator, denominator);
  return divisor > 1n ? [numerator / divisor, denominator / divisor] : [numerator, denominator];
}

/** A reduced ratio from big integers; see the module comment for the (rare) inexact case. */
function fromBig(numerator: bigint, denominator: bigint): Ratio {
  if (denominator === 0n) return NOT_DEFINED;
  const sign = denominator < 0n ? -1n : 1n;
  const [n, d] = reduced(numerator * sign, denominator * sign);
  if (abs(n) <= MAX_SAFE && d <= MAX_SAFE) return ratio(Number(n), Number(d));
  for (let digits = 15; digits >= 0; digits -= 1) {
    const scale = 10n ** BigInt(digits);
    const scaled = roundQuotient(n * scale, d);
    if (abs(scaled) <= MAX_SAFE) {
      const [sn, sd] = reduced(scaled, scale);
      return ratio(Number(sn), Number(sd));
    }
  }
  throw new RangeError(`a ratio of ${n}/${d} is beyond the safe integer range`);
}

function big(value: Ratio): [bigint, bigint] {
  return [BigInt(value.numerator), BigInt(value.denominator)];
}

/** a + b; not defined when either is. */
export function addRatios(a: Ratio, b: Ratio): Ratio {
  if (!isDefined(a) || !isDefined(b)) return NOT_DEFINED;
  const [an, ad] = big(a);
  const [bn, bd] = big(b);
  return fromBig(an * bd + bn * ad, ad * bd);
}

/** a − b; not defined when either is. */
export function subtractRatios(a: Ratio, b: Ratio): Ratio {
  return addRatios(a, ratio(-b.numerator, b.denominator));
}

/** a × b; not defined when either is. */
export function multiplyRatios(a: Ratio, b: Ratio): Ratio {
  if (!isDefined(a) || !isDefined(b)) return NOT_DEFINED;
  const [an, ad] = big(a);
  const [bn, bd] = big(b);
  return fromBig(an * bn, ad * bd);
}

/** a ÷ b; not defined when either is, or when b is zero. */
export function divideRatios(a: Ratio, b: Ratio): Ratio {
  if (!isDefined(a) || !isDefined(b) || b.numerator === 0) return NOT_DEFINED;
  const [an, ad] = big(a);
  const [bn, bd] = big(b);
  return fromBig(an * bd, ad * bn);
}

/** −1, 0 or 1 as a is below, equal to or above b. Comparing an undefined ratio is a bug. */
export function compareRatios(a: Ratio, b: Ratio): -1 | 0 | 1 {
  if (!isDefined(a) || !isDefined(b)) throw new Error("cannot compare a ratio that is not defined");
  const [an, ad] = big(a);
  const [bn, bd] = big(b);
  const difference = an * bd - bn * ad;
  return difference < 0n ? -1 : difference > 0n ? 1 : 0;
}

/** `value` limited to [min, max]; not defined stays not defined. */
export function clampRatio(value: Ratio, min: Ratio, max: Ratio): Ratio {
  if (!isDefined(value)) return NOT_DEFINED;
  if (compareRatios(value, min) < 0) return min;
  if (compareRatios(value, max) > 0) return max;
  return value;
}

/** Two ratios with the same value (3/4 and 6/8), or both not defined. */
export function sameValue(a: Ratio, b: Ratio): boolean {
  if (!isDefined(a) || !isDefined(b)) return !isDefined(a) && !isDefined(b);
  return compareRatios(a, b) === 0;
}
