import { localDateOf, startOfLocalDay } from "../calendar/calendar";
import { customerHistories, firstOrderTime } from "./customer-history";
import type { OrderFact } from "./metric-facts";
import { assertPeriod, type Period } from "./period";
import { ratio, type Ratio } from "./ratio";

export type CohortCell = {
  /** k: calendar months after the cohort's month (0 = the month of the first order). */
  readonly monthsAfter: number;
  /** The shop-local month of this cell, "YYYY-MM". */
  readonly month: string;
  /** Cohort customers with at least one order in that month. */
  readonly customers: number;
  /** customers / cohort size. */
  readonly rate: Ratio;
  /** The month runs past the period end, so it is not over yet. */
  readonly partial: boolean;
};

export type CohortRow = {
  /** The shop-local month of the cohort's first orders, "YYYY-MM". */
  readonly cohort: string;
  readonly size: number;
  readonly cells: readonly CohortCell[];
};

/** A month as a running index (year × 12 + month − 1) and back to "YYYY-MM". */
export function monthIndex(year: number, month: number): number {
  return year * 12 + month - 1;
}

export function monthKey(index: number): string {
  const year = Math.floor(index / 12);
  return `${String(year).padStart(4, "0")}-${String(index - year * 12 + 1).padStart(2, "0")}`;
}

/**
 * Monthly cohort retention. A cohort is the customers whose first-ever order falls in the
 * period, grouped by the shop-local month of that order (a period starting mid-month gives
 * a first cohort of only the customers who started from that day). Cell (cohort, k) =
 * cohort customers with an order in the k-th calendar month after their first / cohort
 * size; k = 0 is always 100 %. Orders after the period end are not counted; months still
 * running at the period end are marked partial. One row per month of the period, empty
 * cohorts included (their rates are not defined).
 */
export function monthlyCohorts(orders: readonly OrderFact[], period: Period, settings: { readonly timeZone: string }): CohortRow[] {
  assertPeriod(period);
  if (period.to.getTime() === period.from.getTime()) return [];
  const months = monthBoundaries(period, settings.timeZone);
  const rows = months.starts.slice(0, -1).map(() => ({ size: 0, active: new Map<number, number>() }));
  const from = period.from.getTime();
  const to = period.to.getTime();
  for (const history of customerHistories(orders).values()) {
    const first = firstOrderTime(history);
    if (first < from || first >= to) continue;
    const cohort = months.positionOf(first);
    const row = rows[cohort];
    if (!row) continue;
    row.size += 1;
    const seen = new Set<number>();
    for (const time of history.times) {
      // Periods are half-open: an order at `to` belongs to the next period.
      if (time >= to) break;
      seen.add(months.positionOf(time) - cohort);
    }
    for (const k of seen) row.active.set(k, (row.active.get(k) ?? 0) + 1);
  }
  return rows.map((row, position) => ({
    cohort: monthKey(months.firstIndex + position),
    size: row.size,
    cells: rows.slice(position).map((_, k) => ({
      monthsAfter: k,
      month: monthKey(months.firstIndex + position + k),
      customers: row.active.get(k) ?? 0,
      rate: ratio(row.active.get(k) ?? 0, row.size),
      partial: (months.starts[position + k + 1] ?? 0) > to,
    })),
  }));
}

/** The starts of every shop-local month the period touches, plus the start of the month after. */
function monthBoundaries(period: Period, timeZone: string) {
  const first = localDateOf(period.from, timeZone);
  const last = localDateOf(new Date(period.to.getTime() - 1), timeZone);
  const firstIndex = monthIndex(first.year, first.month);
  const lastIndex = monthIndex(last.year, last.month);
  const starts: number[] = [];
  for (let index = firstIndex; index <= lastIndex + 1; index += 1) {
    starts.push(startOfLocalDay({ year: Math.floor(index / 12), month: (index % 12) + 1, day: 1 }, timeZone).getTime());
  }
  /** Position (0-based from the first month) of a time within the period. */
  function positionOf(time: number): number {
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >>> 1;
      if ((starts[middle] ?? Infinity) <= time) low = middle;
      else high = middle - 1;
    }
    return low;
  }
  return { firstIndex, starts, positionOf };
}
