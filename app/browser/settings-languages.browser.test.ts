import { describe, expect, it } from "vitest";
import { expectVisible, useSandboxBrowser } from "../test/browser";
import type { Page } from "playwright-core";

/** The Languages card's block for a language other than the main one. */
const ownWording = (page: Page, language: string) => page.locator("div", { has: page.getByRole("heading", { name: `${language}: your own wording`, exact: false }) }).last();

async function offer(page: Page, language: string) {
  await page.getByText(language, { exact: true }).click();
}

describe("settings → languages, in Chromium", () => {
  const sandbox = useSandboxBrowser();

  it("GIVEN Wafa's English defaults WHEN the merchant makes Arabic the main language and saves THEN the main texts are Arabic and the English block is English's, with one Save control", async () => {
    const page = await sandbox.openAdmin("/app/settings");
    await offer(page, "العربية (Arabic)");
    await page.getByLabel("Main language").selectOption("ar");

    await expectVisible(page.getByRole("heading", { name: "Texts shoppers see (العربية (Arabic))", exact: true }));
    expect(await page.getByLabel("Launcher button label", { exact: true }).first().inputValue()).toBe("المكافآت");
    expect(await page.getByLabel("Rewards panel title", { exact: true }).first().inputValue()).toBe("برنامج المكافآت");
    // English is now a translation: empty (Wafa's English wording applies), shown as its placeholder.
    const english = ownWording(page, "English");
    await expectVisible(english);
    const englishLauncher = english.getByLabel("Launcher button label", { exact: true });
    expect(await englishLauncher.inputValue()).toBe("");
    expect(await englishLauncher.getAttribute("placeholder")).toBe("Rewards");

    // One Save control: the save bar's.
    expect(await page.getByRole("button", { name: "Save", exact: true }).count()).toBe(1);
    await sandbox.screenshot("settings-languages-arabic");
    await page.locator("ui-save-bar").getByRole("button", { name: "Save", exact: true }).click();
    await sandbox.settle();
    await expectVisible(page.getByText("Settings saved", { exact: true }));

    const stored = await sandbox.database.db.selectFrom("Shop").select("settings").where("domain", "=", sandbox.shop).executeTakeFirstOrThrow();
    const settings = JSON.parse(stored.settings) as { languages: { primary: string }; branding: { launcherLabel: string }; translations: Record<string, unknown> };
    expect({ primary: settings.languages.primary, launcherLabel: settings.branding.launcherLabel, english: settings.translations.en }).toEqual({ primary: "ar", launcherLabel: "المكافآت", english: undefined });

    const reloaded = await sandbox.openAdmin("/app/settings");
    expect(await reloaded.getByLabel("Launcher button label", { exact: true }).first().inputValue()).toBe("المكافآت");
  });

  it("GIVEN Arabic as the main language WHEN the merchant writes their own Arabic title and makes French the main language THEN French reads French and the Arabic title stays Arabic's", async () => {
    const page = await sandbox.openAdmin("/app/settings");
    await page.getByLabel("Rewards panel title", { exact: true }).first().fill("نادي وفاء");
    await offer(page, "Français (French)");
    await page.getByLabel("Main language").selectOption("fr");

    await expectVisible(page.getByRole("heading", { name: "Texts shoppers see (Français (French))", exact: true }));
    expect(await page.getByLabel("Launcher button label", { exact: true }).first().inputValue()).toBe("Récompenses");
    expect(await page.getByLabel("Rewards panel title", { exact: true }).first().inputValue()).toBe("Notre programme de fidélité");
    const arabic = ownWording(page, "العربية (Arabic)");
    expect(await arabic.getByLabel("Rewards panel title", { exact: true }).inputValue()).toBe("نادي وفاء");
    expect(await arabic.getByLabel("Launcher button label", { exact: true }).getAttribute("placeholder")).toBe("المكافآت");
    await sandbox.screenshot("settings-languages-french");
  });
});
