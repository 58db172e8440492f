import { existsSync, readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { createSurveyClient, parseSurveyReceipt, parseSurveyStatus } from "./survey-api";

type Call = { url: string; method: string; headers: Record<string, string>; body: unknown };

function recordingFetch(status: number, json: unknown, calls: Call[] = []) {
  const fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    calls.push({ url: String(input), method: init?.method ?? "GET", headers: (init?.headers ?? {}) as Record<string, string>, body: init?.body ? JSON.parse(String(init.body)) : undefined });
    return new Response(JSON.stringify(json), { status, headers: { "Content-Type": "application/json" } });
  };
  return { fetch, calls };
}
const client = (status: number, json: unknown, calls: Call[] = []) =>
  createSurveyClient({ appUrl: "https://wafa.example.com", sessionToken: { get: async () => "token-1" }, fetch: recordingFetch(status, json, calls).fetch });

describe("the survey client", () => {
  it("GIVEN answers THEN one POST to /api/survey with the session token and the order", async () => {
    const calls: Call[] = [];
    const result = await client(201, { orderId: "gid://shopify/Order/7", pointsEarned: 25, reward: "granted" }, calls).submit("gid://shopify/OrderIdentity/7", { recommend: 9, satisfaction: null, effort: 2, comment: null });
    expect(result).toEqual({ ok: true, value: { orderId: "gid://shopify/Order/7", pointsEarned: 25, reward: "granted" } });
    expect(calls).toEqual([
      {
        url: "https://wafa.example.com/api/survey", method: "POST",
        headers: { Authorization: "Bearer token-1", Accept: "application/json", "Content-Type": "application/json" },
        body: { orderId: "gid://shopify/OrderIdentity/7", recommend: 9, satisfaction: null, effort: 2, comment: null },
      },
    ]);
  });

  it("GIVEN the status read THEN a GET naming the order, encoded", async () => {
    const calls: Call[] = [];
    await client(200, { survey: { enabled: true, questions: ["recommend"], rewardPoints: 0 }, response: { answered: false, pointsEarned: 0 } }, calls).status("gid://shopify/OrderIdentity/7");
    expect(calls[0]?.url).toBe("https://wafa.example.com/api/survey?order=gid%3A%2F%2Fshopify%2FOrderIdentity%2F7");
  });

  it.each([
    [403, { error: "not_your_order" }, "not_your_order"],
    [400, { error: "invalid_request", issues: [] }, "invalid_request"],
    [401, null, "unauthorized"],
    [404, null, "not_available"],
    [500, null, "unknown"],
    [200, { pointsEarned: "lots" }, "bad_response"],
  ])("GIVEN the app answers %s THEN the failure %s", async (status, json, code) => {
    const result = await client(status, json).submit("gid://shopify/Order/7", { recommend: 1, satisfaction: null, effort: null, comment: null });
    expect(result).toMatchObject({ ok: false, code });
  });

  it("GIVEN no app URL in the build THEN not_configured, and no request", async () => {
    const calls: Call[] = [];
    const unconfigured = createSurveyClient({ appUrl: null, sessionToken: { get: async () => "t" }, fetch: recordingFetch(200, {}, calls).fetch });
    expect(await unconfigured.status("gid://shopify/Order/7")).toMatchObject({ ok: false, code: "not_configured" });
    expect(calls).toEqual([]);
  });

  it("GIVEN the network failing THEN network", async () => {
    const offline = createSurveyClient({ appUrl: "https://wafa.example.com", sessionToken: { get: async () => "t" }, fetch: async () => Promise.reject(new TypeError("offline")) });
    expect(await offline.status("gid://shopify/Order/7")).toMatchObject({ ok: false, code: "network" });
  });

  it("refuses malformed answers from the app", () => {
    expect(parseSurveyStatus({ survey: { enabled: true, questions: ["recommend", "mood"], rewardPoints: 0 }, response: { answered: false, pointsEarned: 0 } })).toBeNull();
    expect(parseSurveyStatus({ survey: { enabled: true, questions: [], rewardPoints: -1 }, response: { answered: false, pointsEarned: 0 } })).toBeNull();
    expect(parseSurveyReceipt({ orderId: "gid://shopify/Order/7", pointsEarned: 5, reward: "jackpot" })).toBeNull();
  });
});

// --- the locales --------------------------------------------------------------------------

const LOCALES = path.resolve(import.meta.dirname, "..", "locales");
const SOURCES = import.meta.dirname;

function flatten(tree: unknown, prefix = "", into = new Map<string, string>()): Map<string, string> {
  if (typeof tree === "string") into.set(prefix, tree);
  else if (typeof tree === "object" && tree !== null) for (const [key, value] of Object.entries(tree)) flatten(value, prefix ? `${prefix}.${key}` : key, into);
  else throw new Error(`${prefix} is neither text nor a group`);
  return into;
}
const load = (file: string) => flatten(JSON.parse(readFileSync(path.join(LOCALES, file), "utf8")));
const placeholders = (text: string) => [...text.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((match) => match[1]).sort();

describe("the survey's locales", () => {
  const english = load("en.default.json");

  it.each(["ar", "fa", "fr", "es", "de"])("%s has exactly the English keys, the same placeholders, and its own words", (language) => {
    expect(existsSync(path.join(LOCALES, `${language}.json`))).toBe(true);
    const messages = load(`${language}.json`);
    expect([...messages.keys()].sort()).toEqual([...english.keys()].sort());
    for (const [key, text] of messages) {
      expect(text.trim(), `${language} ${key}`).not.toBe("");
      expect(placeholders(text), `${language} ${key}`).toEqual(placeholders(english.get(key) ?? ""));
      expect(text, `${language} ${key} is the English text`).not.toBe(english.get(key));
    }
  });

  it.each(["ar", "fa"])("%s, a right-to-left language, is written in its own script", (language) => {
    for (const [key, text] of load(`${language}.json`)) expect(text, key).toMatch(/[\u0600-\u06FF]/);
  });

  it("every key the sources use exists in English, and every English key is used", () => {
    const sources = readdirSync(SOURCES).filter((file) => /\.tsx?$/.test(file) && !file.includes(".test.")).map((file) => readFileSync(path.join(SOURCES, file), "utf8")).join("\n");
    const literal = new Set([...sources.matchAll(/"(survey\.[a-zA-Z.]+)"/g)].map((match) => match[1] ?? ""));
    // Keys built from a question name: survey.<question>.label / .low / .high.
    for (const question of ["recommend", "satisfaction", "effort"]) for (const part of ["label", "low", "high"]) literal.add(`survey.${question}.${part}`);
    for (const key of literal) expect(english.has(key), `${key} is missing from en.default.json`).toBe(true);
    for (const key of english.keys()) expect(literal.has(key), `${key} is never used`).toBe(true);
  });
});
