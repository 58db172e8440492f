import { describe, expect, it } from "vitest";
import { nodeVersionWarning } from "./node-version";

describe("the production server's Node.js version check", () => {
  it("GIVEN production on Node 20 THEN a warning naming the version and what to run", () => {
    expect(nodeVersionWarning("production", "20.20.2")).toMatch(/Node\.js 20\.20\.2 is not supported in production; run Node 22 LTS or later/);
  });

  it.each(["22.0.0", "22.23.5", "24.11.1", "v26.1.0"])("GIVEN production on Node %s THEN no warning", (version) => {
    expect(nodeVersionWarning("production", version)).toBeUndefined();
  });

  it.each(["development", "test"])("GIVEN NODE_ENV=%s on Node 20 THEN no warning (development runs on Node 20)", (nodeEnv) => {
    expect(nodeVersionWarning(nodeEnv, "20.20.2")).toBeUndefined();
  });

  it("GIVEN an unreadable version in production THEN a warning rather than silence", () => {
    expect(nodeVersionWarning("production", "unknown")).toMatch(/not supported/);
  });
});
