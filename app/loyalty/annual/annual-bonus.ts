import { daysBetween, type LocalDate } from "../calendar/calendar";
import { available, movePoints, programIssued } from "../ledger/journals";
import type { Journal } from "../ledger/ledger";

/**
 * What birthday and anniversary bonuses share: they are due from the start of their day
 * on the shop's calendar, and a job that was down catches up for a while, then lets the
 * year go (a bonus months late is no longer a birthday present, and an unbounded catch-up
 * would pay every missed year at once after an outage or an import).
 */
export const LATE_LIMIT_DAYS = 30;

/** True from the event's day until LATE_LIMIT_DAYS days after it, both included. */
export function isDueOn(eventDate: LocalDate, today: LocalDate): boolean {
  const late = daysBetween(eventDate, today);
  return late >= 0 && late <= LATE_LIMIT_DAYS;
}

export type BonusJournalInput = {
  readonly key: string;
  readonly customerKey: string;
  readonly points: number;
  readonly memo: string;
  /** The journal is dated when it is written: the points became spendable then. */
  readonly now: Date;
  readonly programVersion: number | null;
  readonly actor: string;
};

/** A `bonus` journal crediting the member's available points from program.issued. */
export function bonusJournal(input: BonusJournalInput): Journal {
  const meta = {
    key: input.key,
    kind: "bonus" as const,
    customerId: input.customerKey,
    orderId: null,
    programVersion: input.programVersion,
    occurredAt: input.now,
    memo: input.memo,
    actor: input.actor,
  };
  return movePoints(meta, programIssued, available(input.customerKey), input.points);
}
