import { addMonths, formatLocalDate, localDateOf, startOfLocalDay, type LocalDate } from "../calendar/calendar";
import type { Journal } from "../ledger/ledger";
import type { ExpiryRule } from "../program/rules-schema";
import { expireJournal, monthsText } from "./expire-journal";
import { batchExpiryKey } from "./expiry-keys";
import { pointLots, type AvailableMovement, type PointLot } from "./point-batches";

/**
 * Policy "per_batch": each lot expires `months` after it was earned, at the start of that
 * day on the shop's calendar (a lot earned on 31 January with 1 month expires on 28/29
 * February, see addMonths). Points spent in the meantime were drawn oldest first, so only
 * what is left of the lot expires.
 */

/** The shop-local day a lot earned at `earnedAt` expires on. */
export function lotExpiryDate(earnedAt: Date, months: number, timeZone: string): LocalDate {
  return addMonths(localDateOf(earnedAt, timeZone), months);
}

/** The first instant a lot earned at `earnedAt` is expired. */
export function lotExpiresAt(earnedAt: Date, months: number, timeZone: string): Date {
  return startOfLocalDay(lotExpiryDate(earnedAt, months, timeZone), timeZone);
}

export type BatchExpiryInput = {
  /** The member's ledger key (member.available's customerId). */
  readonly customerKey: string;
  /** Every movement on the member's member.available, in ledger order (see point-batches.ts). */
  readonly movements: readonly AvailableMovement[];
  readonly rule: ExpiryRule;
  readonly now: Date;
  readonly timeZone: string;
  readonly programVersion: number | null;
  readonly actor: string;
};

/**
 * One expire journal per lot that has expired with points left. Idempotent twice over: the
 * key names the lot (a lot expires once), and once the journal is in the ledger it draws
 * exactly its own lot down to zero, so a re-run finds nothing left to expire.
 *
 * A job that runs late expires what is left at that point: points the member spent after
 * the expiry date, before the job ran, stay spent (the ledger is the truth).
 */
export function dueBatchExpirations(input: BatchExpiryInput): Journal[] {
  if (input.rule.policy !== "per_batch") return [];
  const { months } = input.rule;
  return pointLots(input.movements, input.customerKey)
    .lots.filter((lot) => lotExpiresAt(lot.earnedAt, months, input.timeZone).getTime() <= input.now.getTime())
    .map((lot) => expireLot(input, lot, months));
}

function expireLot(input: BatchExpiryInput, lot: PointLot, months: number): Journal {
  const earned = formatLocalDate(localDateOf(lot.earnedAt, input.timeZone));
  return expireJournal({
    key: batchExpiryKey(input.customerKey, lot.journalKey),
    customerKey: input.customerKey,
    points: lot.remaining,
    memo: `Points expired: earned ${earned}, ${monthsText(months)}`,
    now: input.now,
    programVersion: input.programVersion,
    actor: input.actor,
  });
}
