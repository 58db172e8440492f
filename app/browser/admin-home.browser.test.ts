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

describe("the embedded admin home, in Chromium", () => {
  const sandbox = useSandboxBrowser();

  it("GIVEN a store with no customers WHEN the merchant opens the app THEN Polaris shows the program and an empty members list", async () => {
    const page = await sandbox.openAdmin();

    // /sandbox/admin hands over to /app the way Shopify admin does: embedded, with a session token.
    const opened = new URL(page.url());
    expect(opened.pathname).toBe("/app");
    expect(opened.searchParams.get("embedded")).toBe("1");
    expect(opened.searchParams.get("shop")).toBe(sandbox.shop);
    expect(opened.searchParams.get("id_token")).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);

    await expectVisible(page.getByRole("heading", { level: 1, name: "Wafa Sandbox Store" }));
    await expectVisible(page.getByRole("heading", { name: "Your program", exact: true }));
    await expectVisible(page.getByText("1 point for every $1.00 spent", { exact: false }));
    await expectVisible(page.getByText("No members yet", { exact: true }));
    // Polaris's stylesheet is applied, not just its markup.
    const headingFont = await page.getByRole("heading", { name: "Your program", exact: true }).evaluate((node) => getComputedStyle(node).fontWeight);
    expect(Number(headingFont)).toBeGreaterThanOrEqual(600);
    await sandbox.screenshot("admin-home-empty");
  });

  it("GIVEN two customers with paid orders WHEN the merchant opens the app and searches THEN the totals and members show, and the search narrows them", async () => {
    const salma = await sandbox.createCustomer({ firstName: "Salma", lastName: "Aziz", email: "salma.aziz@example.com" });
    const omar = await sandbox.createCustomer({ firstName: "Omar", lastName: "Haddad", email: "omar.haddad@example.com" });
    await sandbox.store({ command: "place-order", customerId: salma.id, productId: TEE.productId, quantity: 3, paid: true }); // 84 points
    await sandbox.store({ command: "place-order", customerId: omar.id, productId: SWEATER.productId, quantity: 1, paid: true }); // 89 points

    const page = await sandbox.openAdmin();
    // Each total is a label paragraph followed by its figure.
    const figure = (label: string) => page.locator("p", { hasText: new RegExp(`^${label}$`) }).locator("xpath=following-sibling::p[1]");
    expect(await figure("Members").textContent()).toBe("2");
    expect(await figure("Points available").textContent()).toBe("173");
    expect(await figure("Orders recorded").textContent()).toBe("2");

    const rows = page.getByRole("table").getByRole("row");
    await expectVisible(rows.filter({ hasText: "Salma Aziz" }));
    expect(await rows.filter({ hasText: "Salma Aziz" }).getByRole("cell").allTextContents()).toEqual(expect.arrayContaining(["salma.aziz@example.com", "84"]));
    expect(await rows.filter({ hasText: "Omar Haddad" }).getByRole("cell").allTextContents()).toEqual(expect.arrayContaining(["omar.haddad@example.com", "89"]));
    await sandbox.screenshot("admin-home-members");

    // A client-side navigation: the App Bridge stand-in signs the app's own data request.
    await page.getByRole("textbox", { name: "Search members" }).fill("omar");
    await page.getByRole("button", { name: "Search" }).click();
    await page.waitForURL((url) => url.searchParams.get("q") === "omar");
    await expectVisible(rows.filter({ hasText: "Omar Haddad" }));
    expect(await rows.filter({ hasText: "Salma Aziz" }).count()).toBe(0);

    await page.getByRole("textbox", { name: "Search members" }).fill("nobody-by-this-name");
    await page.getByRole("button", { name: "Search" }).click();
    await expectVisible(page.getByText(/^No member matches/));
    await sandbox.screenshot("admin-home-search");

    // Home in the app's nav menu (drawn by Shopify admin) brings the whole list back.
    await sandbox.navigate("Home");
    await expectVisible(rows.filter({ hasText: "Salma Aziz" }));
    await expectVisible(rows.filter({ hasText: "Omar Haddad" }));
  });

  it("GIVEN the home lists a member WHEN the merchant opens them THEN the member's page shows their name and points", async () => {
    const layla = await sandbox.createCustomer({ firstName: "Layla", lastName: "Nasser", email: "layla.nasser@example.com" });
    await sandbox.store({ command: "place-order", customerId: layla.id, productId: TEE.productId, quantity: 2, paid: true }); // 56 points

    const page = await sandbox.openAdmin();
    await page.getByRole("table").getByRole("link", { name: "Layla Nasser" }).click();
    await page.waitForURL((url) => /^\/app\/members\/\d+$/.test(url.pathname));
    await sandbox.settle();
    await expectVisible(page.getByRole("heading", { level: 1, name: "Layla Nasser" }));
    await expectVisible(page.getByText("layla.nasser@example.com"));
    await expectVisible(page.getByText("56", { exact: true }).first());
    await sandbox.screenshot("admin-member");
  });
});
