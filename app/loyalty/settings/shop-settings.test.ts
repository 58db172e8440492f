import { describe, expect, it } from "vitest";
import { contrastRatio, DEFAULT_SETTINGS, readShopSettings, ShopSettingsSchema } from "./shop-settings";

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
  ])("rejects %s with a clear message", (_name, input, message) => {
    expect(messages(input)).toContain(message);
  });

  it("computes WCAG contrast: black on white is 21:1, a colour on itself 1:1", () => {
    expect(contrastRatio("#000000", "#FFFFFF")).toBeCloseTo(21, 5);
    expect(contrastRatio("#1F5199", "#1F5199")).toBe(1);
  });
});
