import { z } from "zod";
import type { AppDatabase } from "../../db/database.server";
import { addDays, daysBetween, formatLocalDate, localDateOf, parseLocalDate, shopTimeZone, type LocalDate } from "../../loyalty/calendar/calendar";
import {
  GoalSchema,
  localPeriod,
  parseReportSettings,
  previousPeriod,
  ReportSettingsSchema,
  type Goal,
  type Period,
  type PointValue,
  type ReportSettings,
} from "../../loyalty/metrics";
import { minorUnitsPerUnit } from "../../loyalty/money/currency";
import { currentProgramVersion } from "../../loyalty/program/program";
import { err, ok, type Result } from "../../loyalty/result";
import { listProgramVersions } from "../../repositories/program-versions.server";
import { readReportSettings } from "../../repositories/report-settings.server";
import { findShop, type ShopRecord } from "../../repositories/shops.server";

/** The longest period a report covers: ten years of days. */
export const MAX_PERIOD_DAYS = 3660;
/** Without dates, a report covers the last 30 days, today included. */
export const DEFAULT_PERIOD_DAYS = 30;

const DateText = (field: string) =>
  z
    .string()
    .refine((text) => parseLocalDate(text) !== null, `${field} must be a date written YYYY-MM-DD, for example 2026-03-31.`)
    .transform((text) => parseLocalDate(text) as LocalDate);

/** The query every report takes: `from` and `to`, the first and last day (shop calendar), both optional. */
export const ReportQuerySchema = z.object({ from: DateText("from").optional(), to: DateText("to").optional() });
export type ReportQuery = { readonly from?: string | undefined; readonly to?: string | undefined };

export type ReportPeriod = {
  /** First and last day of the period and of the previous one, YYYY-MM-DD on the shop's calendar. */
  readonly first: string;
  readonly last: string;
  readonly previousFirst: string;
  readonly previousLast: string;
  readonly days: number;
};

export type ReportContext = {
  readonly shop: ShopRecord;
  readonly timeZone: string;
  readonly settings: ReportSettings;
  readonly goals: readonly Goal[];
  readonly period: Period;
  readonly previous: Period;
  readonly described: ReportPeriod;
  /** What points are worth in the program in force (the default program's 100 = 1.00 without one). */
  readonly pointValue: PointValue;
  /** Tier names by id, in the program's order. */
  readonly tierNames: ReadonlyMap<string, string>;
};

export type ReportContextError = "shop_not_found" | "invalid_query" | "invalid_period";

function describe(period: Period, previous: Period, timeZone: string): ReportPeriod {
  const day = (instant: Date) => formatLocalDate(localDateOf(instant, timeZone));
  const lastDay = (end: Date) => formatLocalDate(addDays(localDateOf(end, timeZone), -1));
  const days = daysBetween(localDateOf(period.from, timeZone), localDateOf(period.to, timeZone));
  return { first: day(period.from), last: lastDay(period.to), previousFirst: day(previous.from), previousLast: lastDay(previous.to), days };
}

/** The period a query asks for, on the shop's calendar; the last 30 days by default. */
export function reportPeriod(query: ReportQuery, timeZone: string, now: Date): Result<{ period: Period; previous: Period; described: ReportPeriod }, "invalid_query" | "invalid_period"> {
  const parsed = ReportQuerySchema.safeParse(query);
  if (!parsed.success) return err("invalid_query", parsed.error.issues.map((issue) => issue.message).join(" "));
  const today = localDateOf(now, timeZone);
  const last = parsed.data.to ?? today;
  const first = parsed.data.from ?? addDays(last, -(DEFAULT_PERIOD_DAYS - 1));
  const period = localPeriod(first, last, timeZone);
  if (!period.ok) return err("invalid_period", "The period must end on or after the day it starts (from ≤ to).");
  if (daysBetween(first, last) + 1 > MAX_PERIOD_DAYS) return err("invalid_period", `A report covers at most ${MAX_PERIOD_DAYS} days.`);
  const previous = previousPeriod(period.value, timeZone);
  return ok({ period: period.value, previous, described: describe(period.value, previous, timeZone) });
}

/** The merchant's stored settings with the shop's time zone; a stored value that no longer validates falls back to the defaults. */
function settingsFor(stored: unknown, timeZone: string): ReportSettings {
  const base = typeof stored === "object" && stored !== null ? stored : {};
  const parsed = parseReportSettings({ ...base, timeZone });
  return parsed.ok ? parsed.value : ReportSettingsSchema.parse({ timeZone });
}

/** Everything a report needs besides its facts: the shop, its settings and goals, the period, the program's point value and tiers. */
export async function reportContext(database: AppDatabase, shopDomain: string, query: ReportQuery, now: Date): Promise<Result<ReportContext, ReportContextError>> {
  const shop = await findShop(database.db, shopDomain);
  if (!shop) return err("shop_not_found", "This shop is not installed.");
  const timeZone = shopTimeZone(shop.ianaTimezone);
  const chosen = reportPeriod(query, timeZone, now);
  if (!chosen.ok) return chosen;
  const [stored, versions] = await Promise.all([readReportSettings(database.db, shop.id), listProgramVersions(database.db, shop.id)]);
  const goals = z.array(GoalSchema).safeParse(stored.goals);
  const program = currentProgramVersion(versions, now)?.rules ?? null;
  return ok({
    shop,
    timeZone,
    settings: settingsFor(stored.settings, timeZone),
    goals: goals.success ? goals.data : [],
    ...chosen.value,
    pointValue: program?.pointValue ?? { points: 100, amountMinor: minorUnitsPerUnit(shop.currencyCode) },
    tierNames: new Map((program?.tiers.levels ?? []).map((level) => [level.id, level.name])),
  });
}
