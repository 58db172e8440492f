import { z } from "zod";
import { withMainLanguageTexts } from "./shopper-texts";

/**
 * The merchant's settings for how the program looks and speaks: the points' name, how money
 * is shown, brand colours and texts for the shopper surfaces, and the languages offered.
 * Not program rules (they change no points), so they are not versioned.
 */
export const SHOPPER_LANGUAGES = ["en", "ar", "fa", "fr", "es", "de"] as const;
export type ShopperLanguage = (typeof SHOPPER_LANGUAGES)[number];
export const RIGHT_TO_LEFT: ReadonlySet<ShopperLanguage> = new Set(["ar", "fa"]);
export const LANGUAGE_NAMES: Readonly<Record<ShopperLanguage, string>> = {
  en: "English",
  ar: "العربية (Arabic)",
  fa: "فارسی (Persian)",
  fr: "Français (French)",
  es: "Español (Spanish)",
  de: "Deutsch (German)",
};

const text = (label: string, max: number) => z.string().trim().min(1, `${label} is required.`).max(max, `${label} can be at most ${max} characters.`);
const Colour = z.string().regex(/^#[0-9a-fA-F]{6}$/, "Use a colour like #1F5199.").transform((value) => value.toUpperCase());
const Language = z.enum(SHOPPER_LANGUAGES, "Choose a supported language.");

/** Texts a merchant may override per language; anything left out uses Wafa's translation. */
export const ShopperTextsSchema = z
  .object({
    pointsSingular: text("The singular name", 30),
    pointsPlural: text("The plural name", 30),
    launcherLabel: text("The launcher label", 30),
    widgetTitle: text("The panel title", 60),
    joinCallToAction: text("The join invitation", 80),
  })
  .partial()
  .strict();
export type ShopperTexts = z.infer<typeof ShopperTextsSchema>;

/**
 * The thank-you page survey (docs/decisions/0018-feedback-survey.md): whether it shows, the
 * points for answering (0 = none; granted once per order, through the ledger), and which
 * questions it asks. Scales as app/loyalty/metrics/metric-facts.ts reads them.
 */
export const SURVEY_QUESTIONS = ["recommend", "satisfaction", "effort", "comment"] as const;
export type SurveyQuestion = (typeof SURVEY_QUESTIONS)[number];
/** A reward large enough to thank, small enough that a typo cannot mint a fortune per order. */
export const MAX_SURVEY_REWARD = 10_000;

export const SurveySettingsSchema = z
  .object({
    enabled: z.boolean("Choose whether the survey is shown."),
    rewardPoints: z
      .int("Enter a whole number of points (0 for no reward).")
      .min(0, "The reward cannot be negative (0 means no reward).")
      .max(MAX_SURVEY_REWARD, `The reward can be at most ${MAX_SURVEY_REWARD.toLocaleString("en-US")} points.`),
    questions: z
      .array(z.enum(SURVEY_QUESTIONS, "Choose a supported question."))
      .max(SURVEY_QUESTIONS.length)
      .refine((questions) => new Set(questions).size === questions.length, "Each question can be asked once.")
      .refine((questions) => questions.some((question) => question !== "comment"), "Ask at least one scored question."),
  })
  .strict();
export type SurveySettings = z.infer<typeof SurveySettingsSchema>;

export const DEFAULT_SURVEY: SurveySettings = { enabled: true, rewardPoints: 0, questions: ["recommend", "satisfaction", "effort", "comment"] };

export const ShopSettingsSchema = z
  .object({
    pointsName: z.object({ singular: text("The singular name", 30), plural: text("The plural name", 30) }).strict(),
    currencyDisplay: z.enum(["symbol", "code", "name"], "Choose symbol, code or name."),
    branding: z
      .object({
        primaryColor: Colour,
        textOnPrimaryColor: Colour,
        launcherLabel: text("The launcher label", 30),
        widgetTitle: text("The panel title", 60),
        joinCallToAction: text("The join invitation", 80),
      })
      .strict(),
    languages: z
      .object({ primary: Language, enabled: z.array(Language).min(1, "Offer at least one language.").max(SHOPPER_LANGUAGES.length) })
      .strict(),
    translations: z.partialRecord(Language, ShopperTextsSchema),
    // Added after the first settings were stored: a form or stored value without it means the defaults.
    survey: SurveySettingsSchema.default(DEFAULT_SURVEY),
  })
  .strict()
  .superRefine((settings, context) => {
    const { primary, enabled } = settings.languages;
    if (new Set(enabled).size !== enabled.length) context.addIssue({ code: "custom", path: ["languages", "enabled"], message: "Each language can be listed once." });
    if (!enabled.includes(primary)) context.addIssue({ code: "custom", path: ["languages", "primary"], message: "The main language must be one of the languages offered." });
    const ratio = contrastRatio(settings.branding.primaryColor, settings.branding.textOnPrimaryColor);
    if (ratio < MINIMUM_CONTRAST) {
      context.addIssue({
        code: "custom",
        path: ["branding", "textOnPrimaryColor"],
        message: `Text on your brand colour would be hard to read (contrast ${ratio.toFixed(1)}:1; at least ${MINIMUM_CONTRAST}:1 is needed).`,
      });
    }
  });
export type ShopSettings = z.infer<typeof ShopSettingsSchema>;

export const DEFAULT_SETTINGS: ShopSettings = {
  pointsName: { singular: "point", plural: "points" },
  currencyDisplay: "symbol",
  branding: {
    primaryColor: "#1F5199",
    textOnPrimaryColor: "#FFFFFF",
    launcherLabel: "Rewards",
    widgetTitle: "Our rewards program",
    joinCallToAction: "Join to earn points on every order",
  },
  languages: { primary: "en", enabled: ["en"] },
  translations: {},
  survey: DEFAULT_SURVEY,
};

/**
 * Settings as stored: missing keys take the defaults (a shop installed before a setting
 * existed), and a stored shape that no longer validates is a bug to surface, not to hide.
 * The main-language texts read in the main language (Wafa's English defaults saved under
 * another main language become Wafa's wording in it: ./shopper-texts.ts).
 */
export function readShopSettings(stored: unknown): ShopSettings {
  const partial = typeof stored === "object" && stored !== null ? (stored as Record<string, unknown>) : {};
  const merged = {
    ...DEFAULT_SETTINGS,
    ...partial,
    branding: { ...DEFAULT_SETTINGS.branding, ...((partial.branding as object | undefined) ?? {}) },
    survey: { ...DEFAULT_SETTINGS.survey, ...((partial.survey as object | undefined) ?? {}) },
  };
  return withMainLanguageTexts(ShopSettingsSchema.parse(merged));
}

/** WCAG 2 text contrast for normal-size text. */
export const MINIMUM_CONTRAST = 4.5;

/** WCAG 2 contrast ratio of two #RRGGBB colours (1 to 21). */
export function contrastRatio(first: string, second: string): number {
  const [lighter, darker] = [relativeLuminance(first), relativeLuminance(second)].sort((a, b) => b - a) as [number, number];
  return (lighter + 0.05) / (darker + 0.05);
}

function relativeLuminance(hex: string): number {
  const channels = [1, 3, 5].map((start) => Number.parseInt(hex.slice(start, start + 2), 16) / 255);
  const [red, green, blue] = channels.map((value) => (value <= 0.04045 ? value / 12.92 : ((value + 0.055) / 1.055) ** 2.4)) as [number, number, number];
  return 0.2126 * red + 0.7152 * green + 0.0722 * blue;
}
