import type { AppDatabase, Db } from "../db/database.server";
import type { JobResult } from "../jobs/job";
import { sweepInBatches } from "../jobs/sweep.server";
import { formatLocalDate, localDateOf } from "../loyalty/calendar/calendar";
import type { Journal } from "../loyalty/ledger/ledger";
import { dueBatchExpirations } from "../loyalty/expiry/batch-expiry";
import { dueExpiryReminders, upcomingExpirations } from "../loyalty/expiry/expiry-forecast";
import { dueInactivityExpiration, lastActivityAt } from "../loyalty/expiry/inactivity-expiry";
import { availableBalanceOf, availableMovementOf, type AvailableMovement } from "../loyalty/expiry/point-batches";
import type { ExpiryRule } from "../loyalty/program/program";
import { appendJournals } from "../repositories/ledger.server";
import { recordMemberEvent } from "../repositories/member-events.server";
import { memberJournals, membersInactiveSince, membersWithCreditsBy, type DueMember, type MemberPage } from "../repositories/scheduled-work.server";
import { NOTHING_TO_DO, shopProgramAt, signalOf, type ShopProgram, type ShopSweep } from "./scheduled-shop.server";

export const EXPIRY_ACTOR = "system:expire-points";

const DAY_MS = 86_400_000;

/**
 * Points expiry under the shop's current program (app/loyalty/expiry): per-batch (each lot
 * `months` after it was earned) or inactivity (the whole balance after `months` without
 * activity), and `points_expiring` reminders `reminderDaysBefore` days ahead.
 *
 * For each member who may have something due, in batches: read their journals, let the
 * core say what expires and what to remind of, and write the expire journals and reminder
 * events under their domain keys (`customer:<key>:expire:batch:<lot>`,
 * `customer:<key>:expire:inactive:<day>`, `customer:<key>:expiry-reminder:<day>:<days>`),
 * each once: a re-run or a concurrent sweep finds the keys taken, and an expired lot is
 * drawn to zero so it is not due again.
 */
export async function expirePoints(database: AppDatabase, run: ShopSweep): Promise<JobResult> {
  const program = await shopProgramAt(database.db, run.shopId, run.now);
  const rule = program?.current.rules.expiry;
  if (!program || !rule || rule.policy === "never") return NOTHING_TO_DO;
  const lockRows = database.kind === "postgres";
  const horizon = candidateHorizon(rule, run.now);
  return sweepInBatches<DueMember, number>({
    database,
    signal: signalOf(run),
    ...(run.batchSize ? { batchSize: run.batchSize } : {}),
    fetchBatch: (tx, after, limit) => {
      const page: MemberPage = { shopId: run.shopId, after, limit, lockRows };
      return rule.policy === "per_batch" ? membersWithCreditsBy(tx, page, horizon) : membersInactiveSince(tx, page, horizon);
    },
    cursorOf: (member) => member.id,
    processItem: (tx, member) => expireMember(tx, program, rule, run.now, member),
  });
}

/**
 * The newest credit (per batch) or last activity (inactivity) that can have anything due
 * now, expiry or reminder: a date `months` later is at least 28 × months days later, the
 * earliest reminder is the largest `reminderDaysBefore` ahead of it, and a day's slack
 * covers shop time zones. Older members are candidates; the core decides exactly.
 */
function candidateHorizon(rule: ExpiryRule, now: Date): Date {
  const remindAhead = Math.max(0, ...rule.reminderDaysBefore);
  return new Date(now.getTime() + (remindAhead + 1 - 28 * rule.months) * DAY_MS);
}

async function expireMember(tx: Db, program: ShopProgram, rule: ExpiryRule, now: Date, member: DueMember): Promise<void> {
  const customerKey = member.customerGid;
  const journals = await memberJournals(tx, program.shop.id, member.id);
  const movements = journals.flatMap((journal) => availableMovementOf(journal, customerKey) ?? []);
  const lastActive = lastActivityAt(journals, customerKey);
  const balance = availableBalanceOf(movements);
  const base = { customerKey, rule, now, timeZone: program.timeZone, programVersion: program.current.version, actor: EXPIRY_ACTOR };
  const expirations: Journal[] =
    rule.policy === "per_batch"
      ? dueBatchExpirations({ ...base, movements })
      : [dueInactivityExpiration({ ...base, lastActivityAt: lastActive, availableBalance: balance })].flatMap((journal) => (journal ? [journal] : []));
  await appendJournals(tx, program.shop.id, expirations, new Map([[customerKey, member.id]]), now, { ifAbsent: true });
  await remindMember(tx, program, rule, now, member, { movements, lastActive, balance });
}

/**
 * Reminders come from the ledger as it was before this run's expiries: the core leaves out
 * expirations already past, so what is being expired now is not also announced.
 */
async function remindMember(
  tx: Db,
  program: ShopProgram,
  rule: ExpiryRule,
  now: Date,
  member: DueMember,
  state: { readonly movements: readonly AvailableMovement[]; readonly lastActive: Date | null; readonly balance: number },
): Promise<void> {
  if (rule.reminderDaysBefore.length === 0) return;
  const customerKey = member.customerGid;
  const { timeZone } = program;
  const upcoming = upcomingExpirations({ customerKey, rule, timeZone, movements: state.movements, lastActivityAt: state.lastActive, availableBalance: state.balance });
  for (const reminder of dueExpiryReminders({ customerKey, upcoming, rule, now, timeZone })) {
    const payload = {
      points: reminder.points,
      expiresAt: reminder.expiresAt.toISOString(),
      expiryDate: formatLocalDate(localDateOf(reminder.expiresAt, timeZone)),
      daysBefore: reminder.daysBefore,
      programVersion: program.current.version,
    };
    await recordMemberEvent(tx, program.shop.id, { customerRowId: member.id, key: reminder.key, kind: "points_expiring", payload, occurredAt: now }, now);
  }
}
