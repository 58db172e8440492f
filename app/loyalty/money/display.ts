import { minorUnitsPerUnit } from "./currency";
import { formatDecimal, money } from "./money";

/**
 * How every admin page shows an amount of money: the currency's own format for the locale
 * ("$91.23", "¥1,500", "KWD 12.500"), one format everywhere (issue 10, item 16: "91.23 USD"
 * sat next to "$91.23"). The amount reaches Intl as the exact decimal string, never as a
 * float, so the digits shown are the minor units held.
 */
export function formatMoney(minor: number, currency: string, locale = "en"): string {
  const decimal = formatDecimal(money(minor, currency));
  return new Intl.NumberFormat(locale, { style: "currency", currency }).format(decimal as `${number}`);
}

/**
 * An amount in minor units (an integer or an exact fraction of them) as a plain number of
 * major units, for charts and their axes only: 9209 USD cents plot as 92.09, 1500 JPY as
 * 1500, by the currency's exponent. Never for arithmetic: it is a float.
 */
export function majorUnitsForChart(minor: number, currency: string): number {
  return minor / minorUnitsPerUnit(currency);
}
