import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { uiExtensions } from "../scripts/extension-bundle-size";

// Shopify versions @shopify/ui-extensions with the API: package YYYY.M.x types the extension API
// YYYY-MM (2026.7.x ↔ api_version "2026-07"), and an extension's toml must name the version
// the installed package types. See extensions/README.md.

const EXTENSIONS_DIR = path.dirname(new URL(import.meta.url).pathname);
const ROOT = path.resolve(EXTENSIONS_DIR, "..");

const readJson = (file: string) => JSON.parse(readFileSync(file, "utf8")) as { version?: string; dependencies?: Record<string, string>; devDependencies?: Record<string, string> };

/** "2026.7.4" → "2026-07"; undefined for anything that is not a stable YYYY.M.patch release. */
function apiVersionOfPackage(version: string): string | undefined {
  const match = /^(\d{4})\.(\d{1,2})\.\d+$/.exec(version);
  return match ? `${match[1]}-${(match[2] ?? "").padStart(2, "0")}` : undefined;
}

const installed = readJson(path.join(ROOT, "node_modules", "@shopify", "ui-extensions", "package.json")).version ?? "";

const uiExtensionFolders = readdirSync(EXTENSIONS_DIR).sort().flatMap((folder) => {
  const tomlPath = path.join(EXTENSIONS_DIR, folder, "shopify.extension.toml");
  if (!existsSync(tomlPath)) return [];
  const toml = readFileSync(tomlPath, "utf8");
  if (uiExtensions(toml).length === 0) return [];
  // api_version is set once per file, before the first [[extensions]].
  const head = toml.split(/^\s*\[\[extensions\]\]\s*$/m)[0] ?? "";
  return [{ folder, apiVersion: /^\s*api_version\s*=\s*"([^"]+)"/m.exec(head)?.[1] }];
});

describe("@shopify/ui-extensions and the UI extensions' api_version", () => {
  it("maps a package version to the API version it types", () => {
    expect(apiVersionOfPackage("2026.7.4")).toBe("2026-07");
    expect(apiVersionOfPackage("2026.10.0")).toBe("2026-10");
    expect(apiVersionOfPackage("2026.10.0-rc.1")).toBeUndefined();
  });

  it("GIVEN the installed package THEN it is a stable release of a quarterly API version", () => {
    const apiVersion = apiVersionOfPackage(installed);
    expect(apiVersion, `@shopify/ui-extensions ${installed} is not a stable YYYY.M.x release`).toBeDefined();
    expect(apiVersion).toMatch(/^\d{4}-(01|04|07|10)$/);
  });

  it("GIVEN every folder with a ui_extension THEN its api_version is the installed package's", () => {
    expect(uiExtensionFolders.map(({ folder }) => folder)).toEqual(expect.arrayContaining(["wafa-checkout", "wafa-customer-account", "wafa-survey", "wafa-thank-you"]));
    for (const { folder, apiVersion } of uiExtensionFolders) {
      expect(apiVersion, `${folder}/shopify.extension.toml api_version vs @shopify/ui-extensions ${installed}`).toBe(apiVersionOfPackage(installed));
    }
  });

  it("GIVEN the package.json files THEN each pins exactly the installed version, and the root's preact", () => {
    const root = readJson(path.join(ROOT, "package.json")).devDependencies ?? {};
    expect(root["@shopify/ui-extensions"]).toBe(installed);
    for (const { folder } of uiExtensionFolders) {
      const manifest = path.join(EXTENSIONS_DIR, folder, "package.json");
      expect(existsSync(manifest), `${folder}/package.json is missing`).toBe(true);
      const dependencies = readJson(manifest).dependencies ?? {};
      expect(dependencies["@shopify/ui-extensions"], `${folder}/package.json`).toBe(installed);
      // One version of each across the workspaces (npm hoists them to the root node_modules).
      for (const [name, version] of Object.entries(dependencies)) expect(version, `${folder}/package.json ${name}`).toBe(root[name]);
    }
  });
});
