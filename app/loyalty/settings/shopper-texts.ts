import { SHOPPER_LANGUAGES, type ShopperLanguage, type ShopperTexts, type ShopSettings } from "./shop-settings";

/** The shopper texts a merchant writes for the main language in `branding`, and per other language in `translations`. */
export const MAIN_LANGUAGE_TEXTS = ["launcherLabel", "widgetTitle", "joinCallToAction"] as const;
export type MainLanguageText = (typeof MAIN_LANGUAGE_TEXTS)[number];

/**
 * Wafa's own wording of those texts in each shopper language: the theme extension's
 * translations (extensions/wafa-theme/locales, `wafa.launcher.label`, `wafa.panel.title`,
 * `wafa.join.title`; a test keeps the two equal). What shoppers see where the merchant
 * wrote nothing.
 */
export const WAFA_TEXTS: Readonly<Record<ShopperLanguage, Readonly<Record<MainLanguageText, string>>>> = {
  en: { launcherLabel: "Rewards", widgetTitle: "Our rewards program", joinCallToAction: "Join to earn points on every order" },
  ar: { launcherLabel: "المكافآت", widgetTitle: "برنامج المكافآت", joinCallToAction: "انضم لتكسب نقاطًا مع كل طلب" },
  fa: { launcherLabel: "جوایز", widgetTitle: "باشگاه مشتریان ما", joinCallToAction: "عضو شوید و با هر سفارش امتیاز بگیرید" },
  fr: { launcherLabel: "Récompenses", widgetTitle: "Notre programme de fidélité", joinCallToAction: "Inscrivez-vous pour gagner des points à chaque commande" },
  es: { launcherLabel: "Recompensas", widgetTitle: "Nuestro programa de recompensas", joinCallToAction: "Únete y gana puntos en cada pedido" },
  de: { launcherLabel: "Prämien", widgetTitle: "Unser Prämienprogramm", joinCallToAction: "Mach mit und sammle bei jeder Bestellung Punkte" },
};

/**
 * Whether a main-language text is Wafa's wording rather than the merchant's: the main
 * language's, or the English one every shop starts with (settings made before the main
 * language was chosen hold the English defaults whatever the language).
 */
export function isWafaText(settings: ShopSettings, key: MainLanguageText, value: string): boolean {
  return value === WAFA_TEXTS[settings.languages.primary][key] || value === WAFA_TEXTS.en[key];
}

/**
 * The main-language texts in the main language: where `branding` still holds Wafa's English
 * default while the main language is another, Wafa's wording in that language. So a shop
 * whose main language is Arabic never shows "Rewards" as its Arabic text (issue 10, item 13).
 */
export function withMainLanguageTexts(settings: ShopSettings): ShopSettings {
  const { primary } = settings.languages;
  if (primary === "en") return settings;
  const branding = { ...settings.branding };
  for (const key of MAIN_LANGUAGE_TEXTS) {
    if (branding[key] === WAFA_TEXTS.en[key]) branding[key] = WAFA_TEXTS[primary][key];
  }
  return { ...settings, branding };
}

/**
 * Makes `next` the main language, keeping every text with its language: the merchant's own
 * main-language texts move to the old language's translations, and the new main language's
 * translations (or Wafa's wording in it) become the main texts. Nothing the merchant wrote is
 * lost or relabelled as another language.
 */
export function changeMainLanguage(settings: ShopSettings, next: ShopperLanguage): ShopSettings {
  const previous = settings.languages.primary;
  if (next === previous || !SHOPPER_LANGUAGES.includes(next)) return settings;
  const own = Object.fromEntries(MAIN_LANGUAGE_TEXTS.filter((key) => !isWafaText(settings, key, settings.branding[key])).map((key) => [key, settings.branding[key]]));
  const incoming: ShopperTexts = { ...(settings.translations[next] ?? {}) };
  const branding = { ...settings.branding };
  for (const key of MAIN_LANGUAGE_TEXTS) {
    branding[key] = incoming[key] ?? WAFA_TEXTS[next][key];
    delete incoming[key];
  }
  const translations: ShopSettings["translations"] = { ...settings.translations, [previous]: { ...(settings.translations[previous] ?? {}), ...own } };
  if (Object.keys(incoming).length > 0) translations[next] = incoming;
  else delete translations[next];
  if (Object.keys(translations[previous] ?? {}).length === 0) delete translations[previous];
  return { ...settings, branding, languages: { ...settings.languages, primary: next }, translations };
}
