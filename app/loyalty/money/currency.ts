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

/**
 * The currency codes money may be in: ISO 4217 list one (active codes and fund codes), and
 * the codes Shopify's `CurrencyCode` enum still sends (Admin API 2026-10: the withdrawn BYR,
 * HRK, LTL, LVL, SLL, STD, VED, VEF, and the local JEP and KID). "XXX" (no currency) and
 * "XTS" (testing) are ISO codes but never an amount of money. Three capital letters is not
 * enough: "ABC" is not a currency, and an order in it would be priced in nothing.
 */
const CURRENCY_CODES: ReadonlySet<string> = new Set(
  (
    "AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BHD BIF BMD BND BOB BOV BRL BSD BTN BWP BYN BYR BZD " +
    "CAD CDF CHE CHF CHW CLF CLP CNY COP COU CRC CUC CUP CVE CZK DJF DKK DOP DZD EGP ERN ETB EUR FJD FKP GBP GEL " +
    "GHS GIP GMD GNF GTQ GYD HKD HNL HRK HTG HUF IDR ILS INR IQD IRR ISK JEP JMD JOD JPY KES KGS KHR KID KMF KPW " +
    "KRW KWD KYD KZT LAK LBP LKR LRD LSL LTL LVL LYD MAD MDL MGA MKD MMK MNT MOP MRU MUR MVR MWK MXN MXV MYR MZN " +
    "NAD NGN NIO NOK NPR NZD OMR PAB PEN PGK PHP PKR PLN PYG QAR RON RSD RUB RWF SAR SBD SCR SDG SEK SGD SHP SLE " +
    "SLL SOS SRD SSP STD STN SVC SYP SZL THB TJS TMT TND TOP TRY TTD TWD TZS UAH UGX USD USN UYI UYU UYW UZS VED " +
    "VEF VES VND VUV WST XAF XCD XCG XDR XOF XPF XSU YER ZAR ZMW ZWG ZWL"
  ).split(" "),
);

export function isCurrencyCode(code: string): boolean {
  return CURRENCY_CODES.has(code);
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
