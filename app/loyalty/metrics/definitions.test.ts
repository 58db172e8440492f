import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { localDateOf, daysBetween } from "../calendar/calendar";
import { activityWindow, countsAsOrder, DEFAULT_INACTIVITY_DAYS, DEFINITIONS, isActiveIn, isCustomerOrder, isMemberOrder } from "./definitions";
import { order, TIME_ZONES, UTC } from "./metric-fixtures";

describe("which orders count", () => {
  it("GIVEN cancelled and test orders THEN they do not count; a fully refunded order does, with net sales 0", () => {
    expect(countsAsOrder(order("a", "2026-01-01", 100))).toBe(true);
    expect(countsAsOrder(order("a", "2026-01-01", 100, { cancelled: true }))).toBe(false);
    expect(countsAsOrder(order("a", "2026-01-01", 100, { test: true }))).toBe(false);
    expect(countsAsOrder(order("a", "2026-01-01", 0))).toBe(true);
  });

  it("GIVEN a guest checkout THEN it counts as an order but not as a customer's order", () => {
    const guest = order(null, "2026-01-01", 100);
    expect(countsAsOrder(guest)).toBe(true);
    expect(isCustomerOrder(guest)).toBe(false);
    expect(isCustomerOrder(order("a", "2026-01-01", 100))).toBe(true);
    expect(isCustomerOrder(order("a", "2026-01-01", 100, { test: true }))).toBe(false);
  });
});

describe("a member is a customer enrolled before the order", () => {
  const placed = order("a", "2026-01-15T10:00:00Z", 100);
  it("GIVEN enrolment before the order THEN it is a member order", () => {
    expect(isMemberOrder(placed, new Date("2026-01-01T00:00:00Z"))).toBe(true);
  });
  it("GIVEN enrolment by this very order (same instant) THEN it is a member order", () => {
    expect(isMemberOrder(placed, new Date("2026-01-15T10:00:00Z"))).toBe(true);
  });
  it("GIVEN enrolment a millisecond after the order, or never THEN it is not", () => {
    expect(isMemberOrder(placed, new Date("2026-01-15T10:00:00.001Z"))).toBe(false);
    expect(isMemberOrder(placed, null)).toBe(false);
  });
  it("GIVEN a guest checkout THEN it is never a member order", () => {
    expect(isMemberOrder(order(null, "2026-01-15", 100), new Date("2020-01-01"))).toBe(false);
  });
});

describe("a customer is active when they ordered within the inactivity window", () => {
  it("GIVEN the default of 180 days THEN at 1 March 2026 the window starts on 2 September 2025 (180 days: 2 Sep … 28 Feb)", () => {
    expect(DEFAULT_INACTIVITY_DAYS).toBe(180);
    const window = activityWindow(new Date("2026-03-01T00:00:00Z"), UTC);
    expect(window.start.toISOString()).toBe("2025-09-02T00:00:00.000Z");
    expect(isActiveIn(new Date("2025-09-02T00:00:00Z"), window)).toBe(true);
    expect(isActiveIn(new Date("2025-09-01T23:59:59.999Z"), window)).toBe(false);
    expect(isActiveIn(null, window)).toBe(false);
  });

  it("GIVEN an order at exactly the window's end THEN it does not count yet (it belongs to what follows)", () => {
    const window = activityWindow(new Date("2026-03-01T00:00:00Z"), UTC);
    expect(isActiveIn(new Date("2026-03-01T00:00:00Z"), window)).toBe(false);
  });

  it("GIVEN a shop in Tehran THEN the window starts at the shop's midnight, not UTC's", () => {
    const window = activityWindow(new Date("2026-02-28T20:30:00Z"), { timeZone: "Asia/Tehran", inactivityDays: 30 });
    // 20:30 UTC on 28 Feb is 00:00 on 1 March in Tehran; 30 days before is 30 January, 00:00 local = 29 January 20:30 UTC.
    expect(window.start.toISOString()).toBe("2026-01-29T20:30:00.000Z");
  });

  it("PROPERTY: the window is exactly the chosen number of shop-local days before the instant's day", () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date("2025-01-01"), max: new Date("2027-01-01"), noInvalidDate: true }),
        fc.constantFrom(...TIME_ZONES),
        fc.integer({ min: 1, max: 400 }),
        (instant, timeZone, inactivityDays) => {
          const window = activityWindow(instant, { timeZone, inactivityDays });
          expect(daysBetween(localDateOf(window.start, timeZone), localDateOf(instant, timeZone))).toBe(inactivityDays);
          expect(window.start.getTime()).toBeLessThan(instant.getTime());
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe("the definitions the UI shows", () => {
  it("GIVEN every shared definition THEN it has a name and a text", () => {
    for (const definition of Object.values(DEFINITIONS)) {
      expect(definition.name.length).toBeGreaterThan(0);
      expect(definition.text.length).toBeGreaterThan(20);
    }
    expect(DEFINITIONS.lost.text).toMatch(/inactivity window/);
    expect(DEFINITIONS.netSales.text).toMatch(/refunds/);
  });
});
