import { addDays, localDateOf, startOfLocalDay } from "../calendar/calendar";
import type { OrderFact } from "./metric-facts";

/**
 * The definitions every report shares, written once (issue #5, "Definitions"). The metric
 * functions and the reference recomputation (naive-recompute.ts) both call these, so a
 * definition cannot drift between them; `DEFINITIONS` is the same text for the UI.
 */

/** The merchant's default inactivity window: a customer with no order for 180 days is lost. */
export const DEFAULT_INACTIVITY_DAYS = 180;

/** What decides whether a customer is active: the shop's calendar and the merchant's window. */
export type ActivitySettings = { readonly timeZone: string; readonly inactivityDays: number };

/** An order that counts: not cancelled and not a test order. A fully refunded order still counts (with net sales 0). */
export function countsAsOrder(order: OrderFact): boolean {
  return !order.cancelled && !order.test;
}

/** A counted order of an identified customer (not a guest checkout). */
export function isCustomerOrder(order: OrderFact): order is OrderFact & { readonly customerId: string } {
  return countsAsOrder(order) && order.customerId !== null;
}

/** A member order: its customer was enrolled at or before the moment it was placed (the order that enrols counts). */
export function isMemberOrder(order: OrderFact, enrolledAt: Date | null): boolean {
  return order.customerId !== null && enrolledAt !== null && enrolledAt.getTime() <= order.placedAt.getTime();
}

/**
 * The inactivity window that ends at an instant: [start, end). It starts at the beginning
 * of the shop-local day `inactivityDays` days before the end's day, so at the start of day D
 * it covers days D−180 … D−1.
 */
export type ActivityWindow = { readonly start: Date; readonly end: Date };

export function activityWindow(instant: Date, settings: ActivitySettings): ActivityWindow {
  const start = startOfLocalDay(addDays(localDateOf(instant, settings.timeZone), -settings.inactivityDays), settings.timeZone);
  return { start, end: instant };
}

/**
 * Active at the window's end: the customer's last counted order before that instant falls
 * inside the window. An order placed exactly at the end does not count yet.
 */
export function isActiveIn(lastOrderBefore: Date | null, window: ActivityWindow): boolean {
  if (lastOrderBefore === null) return false;
  const time = lastOrderBefore.getTime();
  return time >= window.start.getTime() && time < window.end.getTime();
}

export type DefinitionId =
  | "order"
  | "netSales"
  | "customer"
  | "guest"
  | "active"
  | "lost"
  | "newCustomer"
  | "member"
  | "period"
  | "rounding";

/** The shared definitions as the UI shows them, beside every report. */
export const DEFINITIONS: Readonly<Record<DefinitionId, { readonly name: string; readonly text: string }>> = {
  order: {
    name: "Order",
    text: "Every order except cancelled and test orders, including orders from before Wafa was installed. A fully refunded order still counts as an order, with net sales of 0. An order's date is when Shopify processed it.",
  },
  netSales: {
    name: "Net sales",
    text: "Money in the shop's currency, net of refunds: the order subtotal after discounts and refunds, before shipping and taxes, without gift cards sold.",
  },
  customer: {
    name: "Customer",
    text: "Someone with at least one order under a customer account. An account without orders is not yet a customer.",
  },
  guest: {
    name: "Guest checkouts",
    text: "Orders without a customer account. They count in net sales and average order value, but not in customer counts (retention, frequency, lifetime value).",
  },
  active: {
    name: "Active customer",
    text: "A customer who ordered within the inactivity window (default 180 days) before a given moment: at the start of a day, the 180 days before it, on the shop's calendar.",
  },
  lost: {
    name: "Lost customer",
    text: "A customer active at the start of the period who is no longer active at its end: no order for the whole inactivity window, and none since.",
  },
  newCustomer: {
    name: "New customer",
    text: "A customer whose first-ever order falls in the period (orders imported from before Wafa count, so long-standing customers are not new).",
  },
  member: {
    name: "Member",
    text: "A customer enrolled in the program at or before the order. The order that enrols a customer is a member order; their earlier orders are not.",
  },
  period: {
    name: "Period",
    text: "Whole days on the shop's calendar, in its time zone: from the first day's midnight up to, not including, the midnight after the last day.",
  },
  rounding: {
    name: "Rounding",
    text: "Rates are exact fractions, rounded only for display (half up). Averages of money are shown in whole cents (minor units), rounded half up.",
  },
};
