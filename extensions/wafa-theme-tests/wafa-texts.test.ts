import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { SHOPPER_LANGUAGES } from "../../app/loyalty/settings/shop-settings";
import { WAFA_TEXTS } from "../../app/loyalty/settings/shopper-texts";
import { THEME_ROOT } from "./theme-root";

describe("Wafa's own shopper texts, as the admin shows them", () => {
  it("GIVEN the theme's locales THEN the launcher label, panel title and join invitation the settings page shows are the theme's, in every language", () => {
    for (const language of SHOPPER_LANGUAGES) {
      const file = path.join(THEME_ROOT, "locales", `${language === "en" ? "en.default" : language}.json`);
      const { wafa } = JSON.parse(readFileSync(file, "utf8")) as { wafa: { launcher: { label: string }; panel: { title: string }; join: { title: string } } };
      expect(WAFA_TEXTS[language]).toEqual({ launcherLabel: wafa.launcher.label, widgetTitle: wafa.panel.title, joinCallToAction: wafa.join.title });
    }
  });
});
