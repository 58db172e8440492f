import { describe, expect, it } from "vitest";
import { DEMO_PRODUCTS } from "../sandbox/store/catalogue";
import { expectVisible, useSandboxBrowser } from "../test/browser";

const product = (title: string) => {
  const found = DEMO_PRODUCTS.find((candidate) => candidate.title === title);
  if (!found) throw new Error(`no demo product ${title}`);
  return found;
};
const TEE = product("Organic Cotton Tee"); // 28.00
const SWEATER = product("Merino Crew Sweater"); // 89.00

type Exported = { metrics: Array<{ metric: string; current: { display: string | null } }> };

describe("the reports page, in Chromium", () => {
  const sandbox = useSandboxBrowser();

  it("GIVEN paid orders WHEN the merchant opens Reports THEN the charts render and every headline number equals the JSON export", async () => {
    const salma = await sandbox.createCustomer({ firstName: "Salma", lastName: "Reports" });
    const omar = await sandbox.createCustomer({ firstName: "Omar", lastName: "Reports" });
    await sandbox.store({ command: "place-order", customerId: salma.id, productId: TEE.productId, quantity: 2, paid: true });
    await sandbox.store({ command: "place-order", customerId: salma.id, productId: SWEATER.productId, quantity: 1, paid: true });
    await sandbox.store({ command: "place-order", customerId: omar.id, productId: SWEATER.productId, quantity: 1, paid: true });

    const page = await sandbox.openAdmin("/app/reports");
    await expectVisible(page.getByRole("heading", { level: 1, name: "Reports" }));
    await expectVisible(page.getByRole("heading", { name: "Customer retention rate (CRR)", exact: true }));
    // polaris-viz draws in the browser only: its SVG appears after hydration.
    await expectVisible(page.locator('[data-chart="customer-flow"] svg').first());

    const exported = await page.evaluate(async () => (await (await fetch("/app/reports/summary.json")).json()) as Exported);
    expect(exported.metrics.length).toBe(8);
    for (const figure of exported.metrics) {
      expect({ metric: figure.metric, shown: await page.locator(`#metric-${figure.metric}`).textContent() }).toEqual({ metric: figure.metric, shown: figure.current.display ?? "—" });
    }
    // Three orders: 56.00 + 89.00 + 89.00 over 3.
    expect(exported.metrics.find((figure) => figure.metric === "average-order-value")?.current.display).toBe("$78.00");
    await sandbox.screenshot("reports-summary");

    await page.getByRole("button", { name: "How Average order value (AOV) is calculated" }).click();
    await expectVisible(page.getByText("net sales / orders, in the period", { exact: true }));
  });

  it("GIVEN the same store WHEN the merchant opens the Retention tab THEN the cohort heatmap shows this month's cohort", async () => {
    const page = await sandbox.openAdmin("/app/reports");
    await page.getByRole("tab", { name: "Retention" }).click();
    await page.waitForURL((url) => url.searchParams.get("tab") === "retention");
    await sandbox.settle(page);
    await expectVisible(page.locator('[data-heatmap="cohorts"]'));
    const exported = await page.evaluate(async () => (await (await fetch("/app/reports/retention.json")).json()) as { cohorts: Array<{ cohort: string; size: number }> });
    const thisMonth = exported.cohorts.at(-1);
    expect(thisMonth?.size).toBe(2);
    await expectVisible(page.locator('[data-heatmap="cohorts"] tr', { hasText: thisMonth?.cohort ?? "" }));
    await expectVisible(page.locator('[data-chart="customer-flow"] svg').first());
    await sandbox.screenshot("reports-retention");
  });

  it("GIVEN members' orders WHEN the merchant opens the Members tab THEN the chart plots major units: its axis reads in dollars on the scale of the JSON's figures (86.50, not 8,650)", async () => {
    const layla = await sandbox.createCustomer({ firstName: "Layla", lastName: "Chart" });
    await sandbox.store({ command: "place-order", customerId: layla.id, productId: SWEATER.productId, quantity: 1, paid: true });
    await sandbox.store({ command: "place-order", customerId: layla.id, productId: TEE.productId, quantity: 3, paid: true });

    const page = await sandbox.openAdmin("/app/reports");
    await page.getByRole("tab", { name: "Members" }).click();
    await page.waitForURL((url) => url.searchParams.get("tab") === "members");
    await sandbox.settle(page);
    const chart = page.locator('[data-chart="member-comparison"]');
    await expectVisible(chart.locator("svg").first());
    type Amount = { value: { numerator: number; denominator: number }; display: string | null };
    const exported = await page.evaluate(async () => (await (await fetch("/app/reports/members.json")).json()) as { members: Array<{ group: string; aov: Amount; revenuePerCustomer: Amount }> });
    const amounts = exported.members.flatMap((row) => [row.aov, row.revenuePerCustomer]).filter((amount) => amount.value.denominator > 0);
    expect(amounts.every((amount) => amount.display?.startsWith("$"))).toBe(true);
    // The JSON holds cents; the chart must plot dollars.
    const largest = Math.max(...amounts.map((amount) => amount.value.numerator / amount.value.denominator / 100));
    expect(largest).toBeGreaterThan(50);

    const ticks = (await chart.locator("svg text").allTextContents()).map((text) => text.trim()).filter((text) => /^-?\$?[\d,.]+$/.test(text));
    expect(ticks.length).toBeGreaterThan(1);
    expect(ticks.every((text) => text.startsWith("$"))).toBe(true);
    const top = Math.max(...ticks.map((text) => Number(text.replace(/[$,]/g, ""))));
    expect(top).toBeGreaterThanOrEqual(largest);
    expect(top).toBeLessThan(largest * 2);
    await sandbox.screenshot("reports-members-chart");
  });
});
