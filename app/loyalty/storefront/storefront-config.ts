import { minorUnitsPerUnit } from "../money/currency";
import type { ProgramRules } from "../program/program";
import { rewardEntryCost } from "../program/preview";
import { SHOPPER_LANGUAGES, type ShopperLanguage, type ShopperTexts, type ShopSettings } from "../settings/shop-settings";
import { isWafaText, MAIN_LANGUAGE_TEXTS } from "../settings/shopper-texts";

/**
 * What the theme app extension reads from the shop's app-owned metafield
 * `$app:wafa.storefront` (type json) to paint without a request (docs/decisions/0017-storefront.md):
 * whether the program is live, the earning rules the product and cart blocks estimate with,
 * the rewards, brand colours and the merchant's texts per language.
 *
 * Liquid prices are hundredths of the currency whatever its exponent (JPY 1,000 is 100000),
 * so the spend rule is restated per hundredths (`perCents`); it may be fractional (a
 * three-decimal currency), which Liquid's `divided_by` handles.
 */
export const STOREFRONT_METAFIELD = { namespace: "$app:wafa", key: "storefront", type: "json" } as const;

type MerchantTexts = Pick<ShopperTexts, "launcherLabel" | "widgetTitle" | "joinCallToAction">;

export type StorefrontConfig = {
  readonly v: 1;
  readonly live: boolean;
  readonly currency: string;
  readonly spend: { readonly points: number; readonly perCents: number; readonly maxPerOrder: number | null; readonly excludedTags: readonly string[] } | null;
  readonly perOrder: { readonly points: number; readonly minimumCents: number } | null;
  readonly signup: number | null;
  readonly birthday: number | null;
  readonly rewards: readonly { readonly id: string; readonly name: string; readonly cost: number }[];
  readonly colors: { readonly primary: string; readonly onPrimary: string };
  readonly texts: Partial<Record<ShopperLanguage, MerchantTexts>>;
};

export type StorefrontInput = { readonly rules: ProgramRules; readonly settings: ShopSettings; readonly currency: string; readonly live: boolean };

/** Minor units of `currency` as Liquid's hundredths. */
const toCents = (minor: number, currency: string) => (minor * 100) / minorUnitsPerUnit(currency);

export function storefrontConfig({ rules, settings, currency, live }: StorefrontInput): StorefrontConfig {
  const { spend, perOrder, signup, birthday } = rules.earning;
  return {
    v: 1,
    live,
    currency,
    spend: spend.enabled
      ? {
        points: spend.points,
        perCents: toCents(spend.perAmountMinor, currency),
        maxPerOrder: spend.maxPointsPerOrder,
        excludedTags: spend.base.excludedProductTags.map((tag) => tag.toLowerCase()),
      }
      : null,
    perOrder: perOrder.enabled ? { points: perOrder.points, minimumCents: toCents(perOrder.minimumSubtotalMinor, currency) } : null,
    signup: signup.enabled ? signup.points : null,
    birthday: birthday.enabled ? birthday.points : null,
    // Tier-only rewards are left to the live panel, which knows the shopper's tier.
    rewards: rules.rewards
      .filter((reward) => reward.enabled && reward.tierIds.length === 0)
      .map((reward) => ({ id: reward.id, name: reward.name, cost: rewardEntryCost(reward) }))
      .sort((a, b) => a.cost - b.cost),
    colors: { primary: settings.branding.primaryColor, onPrimary: settings.branding.textOnPrimaryColor },
    texts: textsByLanguage(settings),
  };
}

/**
 * The merchant's own texts for each language offered: their branding texts for the main
 * language, their translations for the others. A main-language text that is Wafa's own
 * wording (in the main language, or the English every shop starts with) is not the
 * merchant's: the theme's translations serve every language better.
 */
function textsByLanguage(settings: ShopSettings): StorefrontConfig["texts"] {
  const texts: Partial<Record<ShopperLanguage, MerchantTexts>> = {};
  const branding = Object.fromEntries(
    MAIN_LANGUAGE_TEXTS
      .filter((key) => !isWafaText(settings, key, settings.branding[key]))
      .map((key) => [key, settings.branding[key]]),
  );
  for (const language of SHOPPER_LANGUAGES) {
    if (!settings.languages.enabled.includes(language)) continue;
    const { launcherLabel, widgetTitle, joinCallToAction } = language === settings.languages.primary
      ? { ...branding, ...settings.translations[language] }
      : (settings.translations[language] ?? {});
    const own = Object.fromEntries(Object.entries({ launcherLabel, widgetTitle, joinCallToAction }).filter(([, value]) => value !== undefined));
    if (Object.keys(own).length > 0) texts[language] = own;
  }
  return texts;
}

/** The metafield's value; the same config always serialises to the same string, so an unchanged one is not pushed again. */
export function storefrontMetafieldValue(config: StorefrontConfig): string {
  return JSON.stringify(config);
}
