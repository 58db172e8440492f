import type { AppDatabase, Db } from "../db/database.server";
import type { JobResult } from "../jobs/job";
import { sweepInBatches } from "../jobs/sweep.server";
import { anniversaryBonusDue } from "../loyalty/annual/anniversary";
import { LATE_LIMIT_DAYS } from "../loyalty/annual/annual-bonus";
import { birthdayBonusDue } from "../loyalty/annual/birthday";
import { addDays, annualDateIn, isLeapYear, localDateOf, startOfLocalDay, type LocalDate } from "../loyalty/calendar/calendar";
import type { Journal } from "../loyalty/ledger/ledger";
import { appendJournals } from "../repositories/ledger.server";
import { earliestEnrolment, membersWithAnnualDates, type AnnualCandidate, type AnnualWindow } from "../repositories/scheduled-work.server";
import { NOTHING_TO_DO, shopProgramAt, signalOf, type ShopProgram, type ShopSweep } from "./scheduled-shop.server";

export const ANNUAL_ACTOR = "system:grant-annual-bonuses";

/**
 * Birthday and membership-anniversary bonuses under the shop's current program
 * (app/loyalty/annual): due from the start of the day on the shop's calendar, caught up
 * for LATE_LIMIT_DAYS days. Keys `customer:<key>:birthday:<year>` and
 * `customer:<key>:anniversary:<n>` make each grant once-only: a re-run, a concurrent sweep
 * or a later day of the catch-up window finds the key taken.
 *
 * Only members whose birthday or enrolment day falls in the catch-up window are read (a
 * thirty-first of the membership a day), so a daily run costs what is due, not the shop.
 */
export async function grantAnnualBonuses(database: AppDatabase, run: ShopSweep): Promise<JobResult> {
  const program = await shopProgramAt(database.db, run.shopId, run.now);
  if (!program) return NOTHING_TO_DO;
  const { birthday, anniversary } = program.current.rules.earning;
  if (!birthday.enabled && !anniversary.enabled) return NOTHING_TO_DO;
  const today = localDateOf(run.now, program.timeZone);
  const earliest = anniversary.enabled ? await earliestEnrolment(database.db, run.shopId) : null;
  const window: AnnualWindow = {
    birthdays: birthday.enabled ? birthdaysDueAround(today) : [],
    enrolments: earliest ? enrolmentsDueAround(today, localDateOf(earliest, program.timeZone).year, program.timeZone) : [],
  };
  const lockRows = database.kind === "postgres";
  return sweepInBatches<AnnualCandidate, number>({
    database,
    signal: signalOf(run),
    ...(run.batchSize ? { batchSize: run.batchSize } : {}),
    fetchBatch: (tx, after, limit) => membersWithAnnualDates(tx, { shopId: run.shopId, after, limit, lockRows }, window),
    cursorOf: (member) => member.id,
    processItem: (tx, member) => grantMemberBonuses(tx, program, run.now, member),
  });
}

/** Days of the catch-up window, today last. */
function catchUpDays(today: LocalDate): LocalDate[] {
  return Array.from({ length: LATE_LIMIT_DAYS + 1 }, (_, index) => addDays(today, index - LATE_LIMIT_DAYS));
}

/** (month, day) of birthdays that fall in the window; 29 February falls on the 28th in common years. */
export function birthdaysDueAround(today: LocalDate): Array<{ month: number; day: number }> {
  return catchUpDays(today).flatMap((date) => {
    const own = { month: date.month, day: date.day };
    return date.month === 2 && date.day === 28 && !isLeapYear(date.year) ? [own, { month: 2, day: 29 }] : [own];
  });
}

/**
 * Enrolment instants whose n-th anniversary (n ≥ 1, back to the shop's first enrolment)
 * falls in the window: the window moved back n years, widened by a day each side for the
 * 29 February shifts. Wider than exact is harmless: the core decides.
 */
export function enrolmentsDueAround(today: LocalDate, firstYear: number, timeZone: string): Array<{ from: Date; to: Date }> {
  const start = addDays(today, -LATE_LIMIT_DAYS);
  const ranges: Array<{ from: Date; to: Date }> = [];
  for (let years = 1; today.year - years >= firstYear - 1; years++) {
    const from = addDays(annualDateIn(start.year - years, start.month, start.day), -1);
    const to = addDays(annualDateIn(today.year - years, today.month, today.day), 2);
    ranges.push({ from: startOfLocalDay(from, timeZone), to: startOfLocalDay(to, timeZone) });
  }
  return ranges;
}

async function grantMemberBonuses(tx: Db, program: ShopProgram, now: Date, member: AnnualCandidate): Promise<void> {
  const { birthday, anniversary } = program.current.rules.earning;
  const customerKey = member.customerGid;
  const base = { customerKey, now, timeZone: program.timeZone, programVersion: program.current.version, actor: ANNUAL_ACTOR, enrolledAt: member.enrolledAt };
  const due: Journal[] = [];
  if (member.birthMonth !== null && member.birthDay !== null && member.birthdaySetAt !== null) {
    const journal = birthdayBonusDue({ ...base, rule: birthday, birthday: { month: member.birthMonth, day: member.birthDay, year: member.birthYear }, birthdaySetAt: member.birthdaySetAt });
    if (journal) due.push(journal);
  }
  const journal = anniversaryBonusDue({ ...base, rule: anniversary });
  if (journal) due.push(journal);
  await appendJournals(tx, program.shop.id, due, new Map([[customerKey, member.id]]), now, { ifAbsent: true });
}
