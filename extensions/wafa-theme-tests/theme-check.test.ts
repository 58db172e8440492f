import { themeCheckRun, type Offense } from "@shopify/theme-check-node";
import { describe, expect, it } from "vitest";
import { THEME_ROOT } from "./theme-root";

const describeOffense = (offense: Offense) => `${offense.uri.replace(/^.*wafa-theme\//, "")}:${offense.start.line + 1} ${offense.check} (severity ${offense.severity}): ${offense.message}`;

describe("theme-check on the theme app extension", () => {
  it("checks every block, snippet and locale and reports no offense (the theme-app-extension checks, chosen from shopify.extension.toml)", async () => {
    // Offline, theme-check falls back to the Liquid docs bundled with it; the log says so.
    const { theme, config, offenses } = await themeCheckRun(THEME_ROOT, undefined, () => undefined);
    expect(config.context).toBe("app");
    expect(theme.map((file) => file.uri.replace(/^.*wafa-theme\//, "")).filter((file) => file.startsWith("blocks/"))).toEqual([
      "blocks/cart-points.liquid", "blocks/launcher.liquid", "blocks/product-points.liquid", "blocks/rewards-page.liquid",
    ]);
    expect(offenses.map(describeOffense)).toEqual([]);
  }, 120_000);
});
