import { afterEach, describe, expect, it } from "vitest";
import { chromiumPath } from "./browser";

describe("the browser harness", () => {
  const saved = process.env.CHROMIUM_PATH;
  afterEach(() => {
    if (saved === undefined) delete process.env.CHROMIUM_PATH;
    else process.env.CHROMIUM_PATH = saved;
  });

  it("GIVEN no Chromium where it is looked for THEN browser suites fail, saying how to install it, instead of skipping", () => {
    process.env.CHROMIUM_PATH = "/nonexistent/chromium";
    expect(() => chromiumPath()).toThrow(/Chromium at \/nonexistent\/chromium.*apt-get install -y chromium/s);
  });

  it("GIVEN CHROMIUM_PATH names an executable THEN it is the one launched", () => {
    process.env.CHROMIUM_PATH = process.execPath;
    expect(chromiumPath()).toBe(process.execPath);
  });
});
