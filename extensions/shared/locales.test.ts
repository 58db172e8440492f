import { existsSync, readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { SHOPPER_ERROR_CODES } from "./error-messages";

const EXTENSIONS_DIR = path.resolve(import.meta.dirname, "..");
const EXTENSIONS = ["wafa-checkout", "wafa-thank-you", "wafa-customer-account"];
const LANGUAGES = ["ar", "fa", "fr", "es", "de"];
const KEY_PREFIXES = "title|page|balance|progress|join|rewards|slider|result|reductions|order|perks|open|history|profile|redemption";

type Messages = Map<string, string>;

function flatten(tree: unknown, prefix = "", into: Messages = new Map()): Messages {
  if (typeof tree === "string") into.set(prefix, tree);
  else if (typeof tree === "object" && tree !== null) for (const [key, value] of Object.entries(tree)) flatten(value, prefix ? `${prefix}.${key}` : key, into);
  else throw new Error(`${prefix} is neither text nor a group`);
  return into;
}
const load = (extension: string, file: string): Messages => flatten(JSON.parse(readFileSync(path.join(EXTENSIONS_DIR, extension, "locales", file), "utf8")));
const placeholders = (text: string) => [...text.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((match) => match[1]).sort();

/** The source files an extension bundles: its src/ and every relative import from there. */
function sourcesOf(extension: string): string[] {
  const srcDir = path.join(EXTENSIONS_DIR, extension, "src");
  const pending = readdirSync(srcDir).filter((file) => /\.tsx?$/.test(file) && !file.includes(".test.")).map((file) => path.join(srcDir, file));
  const seen = new Set<string>();
  while (pending.length > 0) {
    const file = pending.pop() ?? "";
    if (seen.has(file)) continue;
    seen.add(file);
    for (const match of readFileSync(file, "utf8").matchAll(/from "(\.\.?\/[^"]+)"/g)) {
      const base = path.resolve(path.dirname(file), match[1] ?? "");
      const resolved = [`${base}.ts`, `${base}.tsx`].find((candidate) => existsSync(candidate));
      if (resolved && !resolved.includes(`${path.sep}app${path.sep}`)) pending.push(resolved);
    }
  }
  return [...seen];
}

describe.each(EXTENSIONS)("the %s locales", (extension) => {
  const english = load(extension, "en.default.json");

  it.each(LANGUAGES)("%s has exactly the keys of en.default.json, the same placeholders, and its own words", (language) => {
    const messages = load(extension, `${language}.json`);
    expect([...messages.keys()].sort()).toEqual([...english.keys()].sort());
    for (const [key, text] of messages) {
      expect(text.trim(), `${language} ${key}`).not.toBe("");
      expect(placeholders(text), `${language} ${key}`).toEqual(placeholders(english.get(key) ?? ""));
      // A real translation, not an English copy.
      expect(text, `${language} ${key} is the English text`).not.toBe(english.get(key));
    }
    if (language === "ar" || language === "fa") expect([...messages.values()].every((text) => /[\u0600-\u06FF]/.test(text))).toBe(true);
  });

  it("has a message for every key its code uses and every failure code a shopper can meet", () => {
    const used = new Set<string>();
    for (const file of sourcesOf(extension)) {
      for (const match of readFileSync(file, "utf8").matchAll(new RegExp(`"((?:${KEY_PREFIXES})(?:\\.[A-Za-z_]+)*)"`, "g"))) used.add(match[1] ?? "");
    }
    for (const code of SHOPPER_ERROR_CODES) used.add(`redemption.errors.${code}`);
    expect([...used].filter((key) => !english.has(key))).toEqual([]);
    expect(used.size).toBeGreaterThan(30);
  });
});
