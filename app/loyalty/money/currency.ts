/**
 * ISO 4217 minor-unit exponents. Shopify amounts arrive as decimal strings with the
 * currency's minor units (JPY "1500", KWD "12.500"); everything not listed here has two.
 * Source: ISO 4217 list one, "Minor unit" column.
 */
const EXPONENTS: Readonly<Record<string, number>> = {
  BIF: 0, CLP: 0, DJF: 0, GNF: 0, ISK: 0, JPY: 0, KMF: 0, KRW: 0, PYG: 0, RWF: 0,
  UGX: 0, UYI: 0, VND: 0, VUV: 0, XAF: 0, XOF: 0, XPF: 0,
  BHD: 3, IQD: 3, JOD: 3, KWD: 3, LYD: 3, OMR: 3, TND: 3,
  CLF: 4, UYW: 4,
};

const CURRENCY_CODE = /^[A-Z]{3}$/;

export function isCurrencyCode(code: string): boolean {
  return CURRENCY_CODE.test(code);
}

/** Number of decimal places of one unit of `currency` (2 for USD: 1.00 = 100 minor units). */
export function currencyExponent(currency: string): number {
  if (!isCurrencyCode(currency)) throw new Error(`not an ISO 4217 currency code: ${currency}`);
  return EXPONENTS[currency] ?? 2;
}

/** Minor units in one unit of `currency` (100 for USD, 1 for JPY, 1000 for KWD). */
export function minorUnitsPerUnit(currency: string): number {
  return 10 ** currencyExponent(currency);
}
