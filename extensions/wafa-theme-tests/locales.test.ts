import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { SHOPPER_LANGUAGES } from "../../app/loyalty/settings/shop-settings";
import { THEME_ROOT } from "./theme-root";

const LOCALES = path.join(THEME_ROOT, "locales");
/** CLDR plural categories: a language may need more of them than English (Arabic uses all six). */
const PLURAL_CATEGORIES = new Set(["zero", "one", "two", "few", "many", "other"]);

type Tree = { readonly [key: string]: string | Tree };
const read = (file: string): Tree => JSON.parse(readFileSync(path.join(LOCALES, file), "utf8")) as Tree;
const isPlural = (node: Tree) => Object.keys(node).every((key) => PLURAL_CATEGORIES.has(key)) && "other" in node;

/** Every translatable leaf, with plural forms collapsed into one key (`wafa.points{plural}`). */
function keysOf(tree: Tree, prefix = ""): string[] {
  return Object.entries(tree).flatMap(([key, value]) => {
    const at = prefix ? `${prefix}.${key}` : key;
    if (typeof value === "string") return [at];
    return isPlural(value) ? [`${at}{plural}`] : keysOf(value, at);
  });
}


/** `{{ name }}` placeholders of Liquid strings and `{name}` ones of the script's strings. */
const placeholders = (text: string) => [...text.matchAll(/\{\{\s*(\w+)\s*\}\}|\{(\w+)\}/g)].map((match) => match[1] ?? match[2]).sort();

/** The text at a key of keysOf (a plural's `other` form); "" when missing. */
function textAt(tree: Tree, key: string): string {
  const node = key.replace("{plural}", "").split(".").reduce<string | Tree | undefined>((at, part) => (typeof at === "object" ? at[part] : undefined), tree);
  const text = typeof node === "object" ? node.other : node;
  return typeof text === "string" ? text : "";
}

describe.each(["", ".schema"])("the theme's %s locale files", (kind) => {
  const base = read(`en.default${kind}.json`);
  const others = SHOPPER_LANGUAGES.filter((language) => language !== "en");

  it("exist for every shopper language and nothing else", () => {
    const files = readdirSync(LOCALES).filter((file) => file.endsWith(`${kind}.json`) && (kind !== "" || !file.endsWith(".schema.json")));
    expect(files.sort()).toEqual([`en.default${kind}.json`, ...others.map((language) => `${language}${kind}.json`)].sort());
  });

  it.each(others)("%s has exactly the keys of the default locale", (language) => {
    expect(keysOf(read(`${language}${kind}.json`)).sort()).toEqual(keysOf(base).sort());
  });

  it.each(others)("%s keeps every placeholder of the default locale and translates the texts", (language) => {
    const translated = read(`${language}${kind}.json`);
    const untranslated: string[] = [];
    for (const key of keysOf(base)) {
      const english = textAt(base, key);
      const text = textAt(translated, key);
      expect(placeholders(text), `${language}: ${key}`).toEqual(placeholders(english));
      if (text === english) untranslated.push(key);
    }
    // A word may be the same in two languages ("point" in French, "Position" in German); a copied file is not.
    expect(untranslated.length, `${language} repeats English at ${untranslated.join(", ")}`).toBeLessThanOrEqual(3);
  });
});
