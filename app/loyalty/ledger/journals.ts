import type { Account, Journal, JournalKind } from "./ledger";

export type JournalMeta = {
  readonly key: string;
  readonly kind: JournalKind;
  readonly customerId: string | null;
  readonly orderId: string | null;
  readonly programVersion: number | null;
  readonly occurredAt: Date;
  readonly memo?: string | null;
  readonly actor: string;
};

export type Endpoint = { readonly account: Account; readonly customerId: string | null };

/** A two-line journal moving `points` from one account to another (debit, credit). */
export function movePoints(meta: JournalMeta, from: Endpoint, to: Endpoint, points: number): Journal {
  if (!Number.isSafeInteger(points) || points <= 0) {
    throw new Error(`movePoints needs a positive integer of points, got ${points}`);
  }
  return {
    ...meta,
    memo: meta.memo ?? null,
    lines: [
      { account: from.account, customerId: from.customerId, points: -points },
      { account: to.account, customerId: to.customerId, points },
    ],
  };
}

export const programIssued: Endpoint = { account: "program.issued", customerId: null };
export const available = (customerId: string): Endpoint => ({ account: "member.available", customerId });
