import { err, ok, type Result } from "../result";
import { currencyExponent, isCurrencyCode } from "./currency";

/** An amount of money: an integer count of the currency's minor units (STYLE.md habit 1). */
export type Money = { readonly minor: number; readonly currency: string };

export type MoneyError = "invalid_amount" | "invalid_currency" | "inexact_amount" | "unsafe_amount";

const DECIMAL = /^(-)?(\d+)(?:\.(\d+))?$/;

/**
 * Parses a decimal string as Shopify sends it ("414.95") into exact minor units. Extra
 * trailing zeros are accepted ("10.000" USD); a fraction finer than the currency's minor
 * unit is not, since rounding it would silently change what the merchant charged.
 */
export function parseMoney(amount: string, currency: string): Result<Money, MoneyError> {
  if (!isCurrencyCode(currency)) return err("invalid_currency", `"${currency}" is not an ISO 4217 currency code`);
  const match = DECIMAL.exec(amount.trim());
  if (!match) return err("invalid_amount", `"${amount}" is not a decimal amount`);
  const [, sign, whole = "", fraction = ""] = match;
  const exponent = currencyExponent(currency);
  const significant = fraction.replace(/0+$/, "");
  if (significant.length > exponent) {
    return err("inexact_amount", `"${amount}" has more precision than ${currency} minor units`);
  }
  const digits = `${whole}${significant.padEnd(exponent, "0")}`;
  const minor = Number(digits) * (sign ? -1 : 1);
  if (!Number.isSafeInteger(minor)) return err("unsafe_amount", `"${amount}" is too large to represent exactly`);
  return ok({ minor: minor === 0 ? 0 : minor, currency });
}

export function money(minor: number, currency: string): Money {
  if (!Number.isSafeInteger(minor)) throw new Error(`money must be a safe integer of minor units, got ${minor}`);
  return { minor, currency };
}

export const zeroMoney = (currency: string): Money => money(0, currency);

function assertSameCurrency(a: Money, b: Money): void {
  if (a.currency !== b.currency) throw new Error(`currency mismatch: ${a.currency} vs ${b.currency}`);
}

export function addMoney(a: Money, b: Money): Money {
  assertSameCurrency(a, b);
  return money(a.minor + b.minor, a.currency);
}

export function subtractMoney(a: Money, b: Money): Money {
  assertSameCurrency(a, b);
  return money(a.minor - b.minor, a.currency);
}

/** Formats minor units back to Shopify's decimal string form ("414.95"). */
export function formatDecimal(value: Money): string {
  const exponent = currencyExponent(value.currency);
  const digits = Math.abs(value.minor).toString().padStart(exponent + 1, "0");
  const sign = value.minor < 0 ? "-" : "";
  if (exponent === 0) return `${sign}${digits}`;
  return `${sign}${digits.slice(0, -exponent)}.${digits.slice(-exponent)}`;
}
