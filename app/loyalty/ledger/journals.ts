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
  readonly actorName?: string | null;
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
export const pending = (customerId: string): Endpoint => ({ account: "member.pending", customerId });
export const held = (customerId: string): Endpoint => ({ account: "member.held", customerId });
export const programExpired: Endpoint = { account: "program.expired", customerId: null };
export const programRedeemed: Endpoint = { account: "program.redeemed", customerId: null };
export const programAdjustments: Endpoint = { account: "program.adjustments", customerId: null };
export const programDonated: Endpoint = { account: "program.donated", customerId: null };
