import { describe, expect, it } from "vitest";
import { importProgress } from "./history-import-status.server";

const row = (phase: "customers" | "orders" | "done", status: "running" | "downloading" | "completed" | "failed", customersImported: number, ordersImported: number, skippedLines = 0) => ({ phase, status, customersImported, ordersImported, skippedLines });

describe("the history import's progress, as the merchant reads it", () => {
  it.each([
    ["Shopify still exporting customers", row("customers", "running", 0, 0), "Step 1 of 2, customers: Shopify is preparing the export of your customers; nothing has been imported yet."],
    ["customers being read", row("customers", "downloading", 120, 0), "Step 1 of 2, customers: importing your customers, 120 so far. Orders come next."],
    ["Shopify exporting orders", row("orders", "running", 300, 0), "Step 2 of 2, orders: 300 customers imported. Shopify is preparing the export of your orders."],
    ["orders being read", row("orders", "downloading", 300, 897), "Step 2 of 2, orders: 300 customers imported; importing your orders, 897 so far."],
    ["finished, with a skipped line", row("done", "completed", 300, 912, 1), "Finished: 300 customers and 912 orders imported. 1 line of the export could not be read (skipped)."],
    ["failed while reading customers", row("customers", "failed", 40, 0), "Stopped at step 1 of 2, customers: 40 customers had been imported."],
  ])("GIVEN %s THEN it says so", (_case, state, text) => {
    expect(importProgress(state)).toBe(text);
  });

  it("GIVEN the customers' step not finished THEN no order count is shown beside it", () => {
    for (const status of ["running", "downloading", "failed"] as const) expect(importProgress(row("customers", status, 0, 0))).not.toMatch(/orders? imported|0 orders/);
  });
});
