import { readFileSync } from "node:fs";
import path from "node:path";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { THEME_ROOT } from "./theme-root";

/** The storefront budget (issue 4): the script at most 6 KB compressed, as a CDN would serve it. */
const BUDGET_BYTES = 6 * 1024;

describe("the storefront script's size", () => {
  const script = readFileSync(path.join(THEME_ROOT, "assets", "wafa.js"));
  const gzip = gzipSync(script, { level: 9 }).length;
  const brotli = brotliCompressSync(script, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;

  it(`is at most ${BUDGET_BYTES} bytes gzipped and brotli-compressed`, () => {
    process.stdout.write(`assets/wafa.js: ${script.length} B raw, ${gzip} B gzip, ${brotli} B brotli (budget ${BUDGET_BYTES} B)\n`);
    expect(gzip).toBeLessThanOrEqual(BUDGET_BYTES);
    expect(brotli).toBeLessThanOrEqual(BUDGET_BYTES);
  });

  it("stays under theme-check's 10 KB limit for an app block's script, uncompressed", () => {
    expect(script.length).toBeLessThanOrEqual(10_000);
  });
});
