/**
 * CSV for spreadsheets, the one way Wafa writes it (the members export on the server, the
 * report tables in the browser): RFC 4180 fields, and text a spreadsheet could run as a
 * formula neutralised with a leading apostrophe (OWASP, "CSV Injection"). Names, emails and
 * tier names come from shoppers and merchants, so every text cell is checked.
 */

/**
 * What a spreadsheet may read as the start of a formula: = + - @, their full-width and
 * small forms (＝＋－＠, ﹦﹢﹣﹫) and the minus sign, which some applications fold to ASCII,
 * and any leading whitespace, control or invisible format character (tab, CR, LF, space,
 * NBSP, a zero-width space, a BOM), which some strip before they evaluate.
 */
const FORMULA_START = /^[=+\-@\uFF1D\uFF0B\uFF0D\uFF20\uFE66\uFE62\uFE63\uFE6B\u2212\p{White_Space}\p{Cc}\p{Cf}]/u;

/** A plain number written as text ("-12", "3.5%") cannot hold a formula and stays as it is. */
const PLAIN_NUMBER = /^-?\d+(\.\d+)?%?$/;

/**
 * One CSV field: quoted when it holds a comma, a quote, CR or LF, with quotes doubled;
 * text that could start a formula gets a leading apostrophe first. Numbers are written as
 * they are, and null as an empty field.
 */
export function csvField(value: string | number | null): string {
  if (value === null) return "";
  if (typeof value === "number") return String(value);
  const safe = FORMULA_START.test(value) && !PLAIN_NUMBER.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** One CSV record, CRLF-terminated. */
export function csvRow(values: readonly (string | number | null)[]): string {
  return `${values.map(csvField).join(",")}\r\n`;
}
