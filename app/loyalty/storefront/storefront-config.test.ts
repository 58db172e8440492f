import { describe, expect, it } from "vitest";
import { defaultProgramRules, type ProgramRules, type Reward } from "../program/program";
import { DEFAULT_SETTINGS, type ShopSettings } from "../settings/shop-settings";
import { storefrontConfig, storefrontMetafieldValue } from "./storefront-config";

const common = { enabled: true, conditions: { minimumOrderMinor: 0, collectionIds: [] }, tierIds: [], limit: null };
const fiveOff: Reward = { ...common, id: "five-off", name: "$5 off", kind: "fixed_amount", cost: 500, amountMinor: 500 };
const shipping: Reward = { ...common, id: "free-shipping", name: "Free shipping", kind: "free_shipping", cost: 200, maxShippingMinor: null };

function rules(currency: string, change: (rules: ProgramRules) => ProgramRules = (same) => same): ProgramRules {
  return change(defaultProgramRules(currency));
}

describe("the storefront config the theme reads ($app:wafa.storefront)", () => {
  it.each([
    { currency: "USD", perAmountMinor: 100, perCents: 100, why: "two decimals: minor units are Liquid's hundredths" },
    { currency: "JPY", perAmountMinor: 100, perCents: 10_000, why: "no decimals: ¥100 is 10000 in Liquid" },
    { currency: "KWD", perAmountMinor: 1000, perCents: 100, why: "three decimals: 1 KWD is 100 in Liquid" },
    { currency: "KWD", perAmountMinor: 5, perCents: 0.5, why: "three decimals, below a hundredth: fractional, Liquid divides by it" },
  ])("GIVEN a spend rule per $perAmountMinor minor units of $currency THEN perCents $perCents ($why)", ({ currency, perAmountMinor, perCents }) => {
    const program = rules(currency, (base) => ({ ...base, earning: { ...base.earning, spend: { ...base.earning.spend, perAmountMinor } } }));
    expect(storefrontConfig({ rules: program, settings: DEFAULT_SETTINGS, currency, live: true }).spend).toMatchObject({ points: 1, perCents });
  });

  it("GIVEN rules that are off THEN they are absent, so no block promises points the engine will not give", () => {
    const program = rules("USD", (base) => ({ ...base, earning: { ...base.earning, spend: { ...base.earning.spend, enabled: false } } }));
    expect(storefrontConfig({ rules: program, settings: DEFAULT_SETTINGS, currency: "USD", live: false })).toMatchObject({
      live: false, spend: null, perOrder: null, signup: null, birthday: null, rewards: [],
    });
  });

  it("GIVEN bonuses, tags and rewards THEN the bonuses, lower-cased tags, and the rewards open to every member from cheapest, tier-only and disabled ones left out", () => {
    const program = rules("USD", (base) => ({
      ...base,
      earning: {
        ...base.earning,
        spend: { ...base.earning.spend, maxPointsPerOrder: 5000, base: { ...base.earning.spend.base, excludedProductTags: ["Gift-Card"] } },
        perOrder: { ...base.earning.perOrder, enabled: true, points: 10, minimumSubtotalMinor: 2500 },
        signup: { enabled: true, points: 100 },
        birthday: { enabled: true, points: 50 },
      },
      rewards: [fiveOff, shipping, { ...fiveOff, id: "vip-off", tierIds: ["gold"] }, { ...fiveOff, id: "old-off", enabled: false }],
    }));
    expect(storefrontConfig({ rules: program, settings: DEFAULT_SETTINGS, currency: "USD", live: true })).toMatchObject({
      spend: { points: 1, perCents: 100, maxPerOrder: 5000, excludedTags: ["gift-card"] },
      perOrder: { points: 10, minimumCents: 2500 },
      signup: 100,
      birthday: 50,
      rewards: [{ id: "free-shipping", name: "Free shipping", cost: 200 }, { id: "five-off", name: "$5 off", cost: 500 }],
    });
  });

  it.each<{ name: string; settings: ShopSettings; texts: unknown }>([
    { name: "default settings: the theme's translations speak for the merchant", settings: DEFAULT_SETTINGS, texts: {} },
    {
      name: "an Arabic main language with Wafa's English defaults: no English label for Arabic shoppers",
      settings: { ...DEFAULT_SETTINGS, languages: { primary: "ar", enabled: ["ar", "en"] } },
      texts: {},
    },
    {
      name: "the merchant's own label, and a French translation of it, for the languages offered only",
      settings: {
        ...DEFAULT_SETTINGS,
        branding: { ...DEFAULT_SETTINGS.branding, launcherLabel: "Club" },
        languages: { primary: "en", enabled: ["en", "fr"] },
        translations: { fr: { launcherLabel: "Le club" }, de: { launcherLabel: "Der Klub" } },
      },
      texts: { en: { launcherLabel: "Club" }, fr: { launcherLabel: "Le club" } },
    },
  ])("GIVEN $name THEN those texts", ({ settings, texts }) => {
    expect(storefrontConfig({ rules: rules("USD"), settings, currency: "USD", live: true }).texts).toEqual(texts);
  });

  it("serialises the same config to the same value (an unchanged config is not pushed again)", () => {
    const input = { rules: rules("USD"), settings: DEFAULT_SETTINGS, currency: "USD", live: true };
    expect(storefrontMetafieldValue(storefrontConfig(input))).toBe(storefrontMetafieldValue(storefrontConfig(input)));
    expect(JSON.parse(storefrontMetafieldValue(storefrontConfig(input)))).toMatchObject({ v: 1, colors: { primary: "#1F5199", onPrimary: "#FFFFFF" } });
  });
});
