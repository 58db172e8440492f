import { describe, expect, it } from "vitest";
import { DEMO_PRODUCTS } from "../sandbox/store/catalogue";
import { expectVisible, useSandboxBrowser } from "../test/browser";

const SWEATER = DEMO_PRODUCTS.find((product) => product.title === "Merino Crew Sweater");

describe("the sandbox's admin navigation and simulated storefront, in Chromium", () => {
  // The launch asks the scheduler for the storefront sync that writes the launcher's metafield.
  const sandbox = useSandboxBrowser({ jobs: true });

  it("GIVEN the embedded admin WHEN the merchant uses the nav menu the app declares THEN every page is a click away, the current one marked", async () => {
    const page = await sandbox.openAdmin();
    const nav = page.getByRole("navigation", { name: "App navigation" });
    await expectVisible(nav);
    // As in Shopify admin: the home link is the app's name, not an item.
    expect(await nav.getByRole("link").allTextContents()).toEqual(["Wafa Loyalty", "Program", "Members", "Reports", "Import", "Settings", "Data requests"]);
    await sandbox.screenshot("sandbox-nav-home");

    for (const [item, heading] of [["Reports", "Reports"], ["Import", "History import"], ["Members", "Members"]] as const) {
      await nav.getByRole("link", { name: item, exact: true }).click();
      await page.waitForURL((url) => url.pathname === `/app/${item.toLowerCase()}`);
      await sandbox.settle();
      await expectVisible(page.getByRole("heading", { level: 1, name: heading, exact: true }));
      expect(await nav.locator('[aria-current="page"]').allTextContents()).toEqual([item]);
    }
    await sandbox.screenshot("sandbox-nav-import");
    await nav.getByRole("link", { name: "Wafa Loyalty", exact: true }).click();
    await page.waitForURL((url) => url.pathname === "/app");
  });

  it("GIVEN a launched program and a member's paid order WHEN the shopper view opens for them THEN the theme's launcher shows their balance from the app proxy", async () => {
    if (!SWEATER) throw new Error("no demo sweater");
    const page = await sandbox.openAdmin();
    const launched = await page.evaluate(async () => (await fetch("/app/launch", { method: "POST", body: new URLSearchParams({ intent: "launch" }) })).status);
    expect(launched).toBe(200);
    const salma = await sandbox.createCustomer({ firstName: "Salma", lastName: "Shopper" });
    await sandbox.store({ command: "place-order", customerId: salma.id, productId: SWEATER.productId, quantity: 1, paid: true });
    const member = await sandbox.database.db.selectFrom("Customer").select("pointsAvailable").where("customerGid", "=", salma.gid).executeTakeFirstOrThrow();
    expect(member.pointsAvailable).toBeGreaterThan(0);

    // The simulated store finds the customer by searching and links to their shopper view.
    await page.goto(`${sandbox.url}/sandbox?q=salma+shopper`);
    await expectVisible(page.getByText("1 of 1 customers match.", { exact: true }));
    await page.getByRole("link", { name: "Open the shopper view" }).click();
    await page.waitForURL((url) => url.pathname === "/sandbox/storefront" && url.searchParams.get("customer") === salma.id);

    // The launch's storefront sync writes the metafield the launcher paints from (a job): reload until it has.
    const toggle = page.locator("[data-wafa-toggle]");
    for (let attempt = 0; (await toggle.count()) === 0; attempt++) {
      if (attempt > 50) throw new Error("the storefront metafield was never written");
      await page.waitForTimeout(200);
      await page.reload();
    }
    await expectVisible(page.getByText("Salma Shopper", { exact: true }));
    await expect.poll(() => page.locator(".wafa-badge").textContent(), { timeout: 10_000 }).toBe(String(member.pointsAvailable));
    await toggle.click();
    await expect.poll(() => page.locator(".wafa-balance__value").textContent(), { timeout: 10_000 }).toBe(String(member.pointsAvailable));
    await sandbox.screenshot("sandbox-shopper-view");
  });

  it("GIVEN the simulated store's new-customer form WHEN it is sent without a first name or a valid email THEN each field says what is wrong, in words", async () => {
    const page = await sandbox.openAdmin();
    await page.goto(`${sandbox.url}/sandbox`);
    await page.getByLabel("Last name").fill("Nameless");
    await page.getByLabel("Email").fill("salma@example"); // the browser accepts it; Shopify would not (no domain)
    await page.getByRole("button", { name: "Create customer" }).click();
    await expectVisible(page.getByText("Enter a first name.", { exact: true }));
    await expectVisible(page.getByText("Enter an email address such as salma@example.com.", { exact: true }));
    // What was typed is kept and accepted: only the two wrong fields are named.
    expect(await page.getByLabel("Last name").inputValue()).toBe("Nameless");
    expect(await page.getByText("Enter a last name.", { exact: true }).count()).toBe(0);
    expect(await page.content()).not.toMatch(/✖|→ at|Too small/);
    await sandbox.screenshot("sandbox-new-customer-errors");
  });
});
