import { available, movePoints, type Endpoint } from "../ledger/journals";
import type { Journal } from "../ledger/ledger";

/** Where expired points go: the program's record of points it no longer owes. */
export const programExpired: Endpoint = { account: "program.expired", customerId: null };

export type ExpireJournalInput = {
  readonly key: string;
  readonly customerKey: string;
  readonly points: number;
  readonly memo: string;
  /**
   * When the job runs. The journal is dated then, not at the expiry date: until it is
   * written the points stayed spendable, and a late job must not rewrite closed periods.
   */
  readonly now: Date;
  readonly programVersion: number | null;
  readonly actor: string;
};

/** An `expire` journal: `points` leave the member's available balance for program.expired. */
export function expireJournal(input: ExpireJournalInput): Journal {
  const meta = {
    key: input.key,
    kind: "expire" as const,
    customerId: input.customerKey,
    orderId: null,
    programVersion: input.programVersion,
    occurredAt: input.now,
    memo: input.memo,
    actor: input.actor,
  };
  return movePoints(meta, available(input.customerKey), programExpired, input.points);
}

/** "1 month", "12 months": for memos a merchant reads in the ledger. */
export function monthsText(months: number): string {
  return months === 1 ? "1 month" : `${months} months`;
}
