import { describe, expect, it } from "vitest";
import { expectVisible, useSandboxBrowser } from "../test/browser";

describe("first run: the wizard, the checklist and the settings page, in Chromium", () => {
  const sandbox = useSandboxBrowser();
  const shopRow = () => sandbox.database.db.selectFrom("Shop").select(["id", "onboardedAt", "launchedAt", "settings"]).where("domain", "=", sandbox.shop).executeTakeFirstOrThrow();

  it("GIVEN a new shop WHEN the merchant goes through the wizard THEN the program is saved, the home shows the checklist, and launch hides it", async () => {
    const page = await sandbox.openAdmin();
    await expectVisible(page.getByText("Setup checklist", { exact: true }));
    await expectVisible(page.getByText("0 of 5 done"));
    await page.getByRole("link", { name: "Set up your program" }).first().click();

    await expectVisible(page.getByRole("heading", { level: 1, name: "Set up your loyalty program" }));
    for (const title of ["Points for spending", "Rewards for coming back", "Cashback", "VIP tiers", "Points and tiers", "Free perks", "Give to a cause", "Rewards for loyalty over time"]) {
      await expectVisible(page.getByRole("radio", { name: title }));
    }
    await expectVisible(page.getByText("Like Starbucks stars: every visit counts."));
    // Polaris draws its own radio over the (visually hidden) input: click the label, as a merchant does.
    await page.getByText("Rewards for coming back", { exact: true }).click();
    expect(await page.getByRole("radio", { name: "Rewards for coming back" }).isChecked()).toBe(true);
    await page.getByRole("button", { name: "Next" }).click();

    const perOrder = page.getByRole("spinbutton", { name: "Points for every order" });
    await perOrder.fill("-4");
    await expectVisible(page.getByText("Points per order must be at least 1."));
    expect(await page.getByRole("button", { name: "Next" }).isDisabled()).toBe(true);
    await perOrder.fill("20");
    await page.getByRole("button", { name: "Next" }).click();

    // No history in this shop: the example customer (3 orders of $50), and the page says so.
    await expectVisible(page.getByText(/too little order history/));
    const figure = (label: string) => page.locator("p", { hasText: new RegExp(`^${label}$`) }).locator("xpath=following-sibling::p[1]");
    expect(await figure("Points on a first order").textContent()).toBe("20");
    await expectVisible(page.getByText(/"Free shipping" \(60 points\) after 3 orders\./));
    await sandbox.screenshot("onboarding-preview");
    await page.getByRole("button", { name: "Next" }).click();
    await page.getByRole("button", { name: "Save and launch later" }).click();

    await page.waitForURL((url) => url.pathname === "/app");
    await expectVisible(page.getByText("Your program is saved: launch it when you are ready"));
    await expectVisible(page.getByText("3 of 5 done"));
    const saved = await shopRow();
    expect(saved.onboardedAt).not.toBeNull();
    expect(saved.launchedAt).toBeNull();
    const version = await sandbox.database.db.selectFrom("ProgramVersion").select("rules").where("shopId", "=", saved.id).orderBy("version", "desc").executeTakeFirstOrThrow();
    expect(JSON.parse(version.rules)).toMatchObject({ kind: "frequency", earning: { perOrder: { enabled: true, points: 20 } } });
    await sandbox.screenshot("home-checklist");

    await page.getByRole("button", { name: "Launch now" }).click();
    await expectVisible(page.getByText("Your program is live"));
    await page.getByText("Setup checklist", { exact: true }).waitFor({ state: "detached" });
    expect((await shopRow()).launchedAt).not.toBeNull();
  });

  it("GIVEN the settings page WHEN colours are hard to read THEN the error shows; fixed and saved from the save bar THEN they are stored", async () => {
    const page = await sandbox.openAdmin("/app/settings");
    await expectVisible(page.getByRole("heading", { level: 1, name: "Settings" }));
    await expectVisible(page.getByText("Live", { exact: true }));
    // Where shoppers redeem, named honestly: the checkout blocks are the one surface that needs Shopify Plus.
    await expectVisible(page.getByRole("heading", { level: 2, name: "Where shoppers see and redeem points" }));
    await expectVisible(page.getByText("Checkout blocks need Shopify Plus"));
    await expectVisible(page.getByText("Shopify Plus only", { exact: true }));

    await page.getByRole("textbox", { name: "Name of one point" }).fill("star");
    await page.getByRole("textbox", { name: "Name of several points" }).fill("stars");
    const saveBar = page.locator("ui-save-bar");
    await expectVisible(saveBar);

    await page.getByRole("textbox", { name: "Brand colour", exact: true }).fill("#FFFF00");
    await expectVisible(page.getByText(/Text on your brand colour would be hard to read/));
    await sandbox.screenshot("settings-contrast-error");
    await page.getByRole("textbox", { name: "Brand colour", exact: true }).fill("#0B6E4F");
    await page.getByText("العربية (Arabic)", { exact: true }).click();

    await saveBar.getByRole("button", { name: "Save" }).click();
    await expectVisible(page.getByText("Settings saved"));
    await saveBar.waitFor({ state: "hidden" });
    const settings = JSON.parse((await shopRow()).settings) as { pointsName: unknown; branding: { primaryColor: string }; languages: unknown };
    expect(settings.pointsName).toEqual({ singular: "star", plural: "stars" });
    expect(settings.branding.primaryColor).toBe("#0B6E4F");
    expect(settings.languages).toEqual({ primary: "en", enabled: ["en", "ar"] });
  });
});
