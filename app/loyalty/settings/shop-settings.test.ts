import { describe, expect, it } from "vitest";
import { contrastRatio, DEFAULT_SETTINGS, DEFAULT_SURVEY, readShopSettings, ShopSettingsSchema } from "./shop-settings";

const messages = (input: unknown) => {
  const parsed = ShopSettingsSchema.safeParse(input);
  return parsed.success ? [] : parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`);
};

describe("shop settings", () => {
  it("GIVEN nothing stored THEN the defaults: points, symbol, English", () => {
    expect(readShopSettings({})).toEqual(DEFAULT_SETTINGS);
  });

  it("GIVEN stars and Arabic as the main language THEN they are kept, colours upper-cased", () => {
    const settings = readShopSettings({
      pointsName: { singular: "star", plural: "stars" },
      languages: { primary: "ar", enabled: ["ar", "en"] },
      branding: { primaryColor: "#0b3d2e" },
      translations: { ar: { pointsSingular: "نجمة", pointsPlural: "نجوم" } },
    });
    expect(settings).toMatchObject({ pointsName: { plural: "stars" }, languages: { primary: "ar" }, branding: { primaryColor: "#0B3D2E" } });
  });

  it.each([
    ["an empty points name", { ...DEFAULT_SETTINGS, pointsName: { singular: " ", plural: "stars" } }, "pointsName.singular: The singular name is required."],
    ["a colour that is not one", { ...DEFAULT_SETTINGS, branding: { ...DEFAULT_SETTINGS.branding, primaryColor: "blue" } }, "branding.primaryColor: Use a colour like #1F5199."],
    ["an unsupported language", { ...DEFAULT_SETTINGS, languages: { primary: "en", enabled: ["en", "tlh"] } }, "languages.enabled.1: Choose a supported language."],
    ["a main language not offered", { ...DEFAULT_SETTINGS, languages: { primary: "fr", enabled: ["en"] } }, "languages.primary: The main language must be one of the languages offered."],
    ["white text on yellow", { ...DEFAULT_SETTINGS, branding: { ...DEFAULT_SETTINGS.branding, primaryColor: "#FFD700" } }, "branding.textOnPrimaryColor: Text on your brand colour would be hard to read (contrast 1.4:1; at least 4.5:1 is needed)."],
    ["a negative survey reward", { ...DEFAULT_SETTINGS, survey: { ...DEFAULT_SURVEY, rewardPoints: -5 } }, "survey.rewardPoints: The reward cannot be negative (0 means no reward)."],
    ["a fractional survey reward", { ...DEFAULT_SETTINGS, survey: { ...DEFAULT_SURVEY, rewardPoints: 2.5 } }, "survey.rewardPoints: Enter a whole number of points (0 for no reward)."],
    ["a survey reward above the cap", { ...DEFAULT_SETTINGS, survey: { ...DEFAULT_SURVEY, rewardPoints: 10_001 } }, "survey.rewardPoints: The reward can be at most 10,000 points."],
    ["a survey asking only for a comment", { ...DEFAULT_SETTINGS, survey: { ...DEFAULT_SURVEY, questions: ["comment"] } }, "survey.questions: Ask at least one scored question."],
    ["a survey question asked twice", { ...DEFAULT_SETTINGS, survey: { ...DEFAULT_SURVEY, questions: ["effort", "effort"] } }, "survey.questions: Each question can be asked once."],
  ])("rejects %s with a clear message", (_name, input, message) => {
    expect(messages(input)).toContain(message);
  });

  it("GIVEN settings stored before the survey existed THEN they still parse, with the survey's defaults", () => {
    const { survey: _survey, ...before } = DEFAULT_SETTINGS;
    expect(ShopSettingsSchema.parse(before).survey).toEqual(DEFAULT_SURVEY);
    expect(readShopSettings({ ...before, pointsName: { singular: "star", plural: "stars" } }).survey).toEqual(DEFAULT_SURVEY);
  });

  it("GIVEN a stored survey with only some fields THEN the rest take the defaults", () => {
    expect(readShopSettings({ survey: { rewardPoints: 25 } }).survey).toEqual({ ...DEFAULT_SURVEY, rewardPoints: 25 });
  });

  it("computes WCAG contrast: black on white is 21:1, a colour on itself 1:1", () => {
    expect(contrastRatio("#000000", "#FFFFFF")).toBeCloseTo(21, 5);
    expect(contrastRatio("#1F5199", "#1F5199")).toBe(1);
  });
});
