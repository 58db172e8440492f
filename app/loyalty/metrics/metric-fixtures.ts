/**
 * Test support for the metrics: small hand-written shops, and random shops built from a
 * flat list of integers (fast-check shrinks the list, so a failing shop shrinks with it).
 */
import { parseLocalDate } from "../calendar/calendar";
import { activityWindow, DEFAULT_INACTIVITY_DAYS, type ActivitySettings } from "./definitions";
import type { CustomerFact, OrderFact } from "./metric-facts";
import { localPeriod, type Period } from "./period";

export const UTC: ActivitySettings = { timeZone: "UTC", inactivityDays: DEFAULT_INACTIVITY_DAYS };

/** Zones with unusual offsets and daylight saving on both hemispheres. */
export const TIME_ZONES = ["UTC", "America/New_York", "Asia/Tehran", "Australia/Sydney", "Pacific/Chatham", "America/Santiago"] as const;

/** An instant: "2026-03-15" is noon UTC that day; a full ISO string is taken as is. */
export function at(text: string): Date {
  return new Date(text.length === 10 ? `${text}T12:00:00Z` : text);
}

let orderSequence = 0;

/** A counted order; `extra` marks it cancelled or test. */
export function order(
  customerId: string | null,
  placedAt: string,
  netSalesMinor: number,
  extra: { readonly cancelled?: boolean; readonly test?: boolean; readonly orderId?: string } = {},
): OrderFact {
  orderSequence += 1;
  return {
    orderId: extra.orderId ?? `order-${orderSequence}`,
    customerId,
    placedAt: at(placedAt),
    netSalesMinor,
    cancelled: extra.cancelled ?? false,
    test: extra.test ?? false,
  };
}

export function customer(customerId: string, enrolledAt: string | null): CustomerFact {
  return { customerId, enrolledAt: enrolledAt === null ? null : at(enrolledAt) };
}

/** The shop-local days `first` through `last`, e.g. period("2026-03-01", "2026-03-31"). */
export function period(first: string, last: string, timeZone = "UTC"): Period {
  const from = parseLocalDate(first);
  const to = parseLocalDate(last);
  if (!from || !to) throw new Error(`bad dates ${first}..${last}`);
  const result = localPeriod(from, to, timeZone);
  if (!result.ok) throw new Error(result.message);
  return result.value;
}

export type Shop = { readonly orders: OrderFact[]; readonly customers: CustomerFact[] };

const DAY = 86_400_000;
/** Random shops live in 2025–2026. */
export const SHOP_START = Date.UTC(2025, 0, 1);
export const SHOP_DAYS = 730;

/**
 * A shop of 1–8 customers built from integers: each customer takes a few (enrolled or not,
 * when), then every following group is an order (customer or guest, when, net sales,
 * status). Missing integers read as 0. Some enrolments and orders land exactly on one of
 * `edges` (a period's start or end, an inactivity window's start), where off-by-one
 * mistakes hide.
 */
export function shopFromChoices(choices: readonly number[], edges: readonly Date[] = []): Shop {
  let index = 0;
  const next = (modulo: number) => (choices[index++] ?? 0) % modulo;
  const instant = () => {
    if (edges.length > 0 && next(5) === 0) return new Date(edges[next(edges.length)]?.getTime() ?? SHOP_START);
    const day = next(SHOP_DAYS);
    return new Date(SHOP_START + day * DAY + next(1440) * 60_000);
  };
  const customerCount = 1 + next(8);
  const customers: CustomerFact[] = [];
  for (let c = 0; c < customerCount; c += 1) {
    const enrolled = next(3) !== 0;
    const enrolledAt = instant();
    customers.push({ customerId: `customer-${c}`, enrolledAt: enrolled ? enrolledAt : null });
  }
  const orders: OrderFact[] = [];
  while (index < choices.length) {
    const who = next(customerCount + 1);
    const placedAt = instant();
    const sales = next(4) === 0 ? 0 : next(50_001);
    const status = next(12);
    orders.push({
      orderId: `order-${orders.length}`,
      customerId: who === customerCount ? null : `customer-${who}`,
      placedAt,
      netSalesMinor: sales,
      cancelled: status === 0,
      test: status === 1,
    });
  }
  return { orders, customers };
}

/** The instants where a period's definitions switch: its ends, its windows' starts, its trailing year's start. */
export function edgesOf(chosen: Period, settings: ActivitySettings): Date[] {
  return [
    chosen.from,
    chosen.to,
    activityWindow(chosen.from, settings).start,
    activityWindow(chosen.to, settings).start,
    new Date(chosen.to.getTime() - 1),
  ];
}

/** A period of `length` shop-local days starting `offset` days into the random shops' span. */
export function periodFromChoices(offset: number, length: number, timeZone: string): Period {
  const first = new Date(SHOP_START + (offset % SHOP_DAYS) * DAY);
  const last = new Date(first.getTime() + Math.max(0, length - 1) * DAY);
  const iso = (date: Date) => date.toISOString().slice(0, 10);
  return period(iso(first), iso(last), timeZone);
}
