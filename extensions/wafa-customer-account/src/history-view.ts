/** Ledger journal kinds (app/loyalty/ledger) a shopper sees in their history, each with a label in `locales/`. */
const HISTORY_KINDS = ["earn", "redeem", "release", "expire", "adjust", "refund"] as const;

/** The locale key for a history line; kinds the extension does not know read as a plain adjustment. */
export function historyKindKey(kind: string): string {
  return `history.kinds.${HISTORY_KINDS.some((known) => known === kind) ? kind : "adjust"}`;
}
