import { describe, expect, it } from "vitest";
import { storefrontConfig } from "../storefront/storefront-config";
import { defaultProgramRules } from "../program/program";
import { DEFAULT_SETTINGS, readShopSettings, type ShopSettings } from "./shop-settings";
import { changeMainLanguage, WAFA_TEXTS } from "./shopper-texts";

const offering = (...enabled: ShopSettings["languages"]["enabled"]): ShopSettings => ({ ...DEFAULT_SETTINGS, languages: { primary: "en", enabled } });

describe("shopper texts stay with their language", () => {
  it.each([["ar"], ["fr"], ["de"]] as const)("GIVEN Wafa's defaults WHEN %s becomes the main language THEN the main texts are Wafa's in it and English keeps nothing of the merchant's", (language) => {
    const changed = changeMainLanguage(offering("en", language), language);
    expect(changed.languages.primary).toBe(language);
    expect({ launcherLabel: changed.branding.launcherLabel, widgetTitle: changed.branding.widgetTitle, joinCallToAction: changed.branding.joinCallToAction }).toEqual(WAFA_TEXTS[language]);
    expect(changed.translations.en).toBeUndefined();
    // Nothing to push to the theme: its own translations say the same in both languages.
    expect(storefrontConfig({ rules: defaultProgramRules("USD"), settings: changed, currency: "USD", live: true }).texts).toEqual({});
  });

  it("GIVEN the merchant's own English label and their French translation WHEN French becomes the main language THEN the English label moves to English and the French one becomes the main text, and back again", () => {
    const english: ShopSettings = {
      ...offering("en", "fr"),
      branding: { ...DEFAULT_SETTINGS.branding, launcherLabel: "Club Rewards" },
      translations: { fr: { launcherLabel: "Club Fidélité", pointsPlural: "étoiles" } },
    };
    const french = changeMainLanguage(english, "fr");
    expect(french.branding.launcherLabel).toBe("Club Fidélité");
    expect(french.branding.widgetTitle).toBe(WAFA_TEXTS.fr.widgetTitle);
    expect(french.translations).toEqual({ en: { launcherLabel: "Club Rewards" }, fr: { pointsPlural: "étoiles" } });
    expect(storefrontConfig({ rules: defaultProgramRules("USD"), settings: french, currency: "USD", live: true }).texts).toEqual({ en: { launcherLabel: "Club Rewards" }, fr: { launcherLabel: "Club Fidélité" } });
    expect(changeMainLanguage(french, "en")).toEqual(english);
  });

  it("GIVEN settings stored with Arabic as the main language and Wafa's English defaults THEN they read as Wafa's Arabic wording, the merchant's own text untouched", () => {
    const stored = { ...DEFAULT_SETTINGS, branding: { ...DEFAULT_SETTINGS.branding, widgetTitle: "نادي وفاء" }, languages: { primary: "ar", enabled: ["en", "ar"] } };
    const read = readShopSettings(stored);
    expect(read.branding.launcherLabel).toBe(WAFA_TEXTS.ar.launcherLabel);
    expect(read.branding.joinCallToAction).toBe(WAFA_TEXTS.ar.joinCallToAction);
    expect(read.branding.widgetTitle).toBe("نادي وفاء");
  });
});
