import { existsSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { API_VERSION } from "./api-version";
import { WEBHOOK_TOPICS } from "./webhook-topics";

const toml = readFileSync("shopify.app.toml", "utf8");

/** Each [[webhooks.subscriptions]] block's topics, uri and "Handled by" comment. */
function subscriptions() {
  return toml
    .split("[[webhooks.subscriptions]]")
    .slice(1)
    .map((block, index, blocks) => {
      const previous = index === 0 ? toml.split("[[webhooks.subscriptions]]")[0] ?? "" : blocks[index - 1] ?? "";
      const topics = [...(/(?:compliance_)?topics\s*=\s*\[([^\]]*)\]/.exec(block)?.[1] ?? "").matchAll(/"([^"]+)"/g)].map((match) => match[1]);
      return { topics, uri: /uri\s*=\s*"([^"]+)"/.exec(block)?.[1], handledBy: /# Handled by: (\S+)/.exec(previous.split("\n").slice(-4).join("\n"))?.[1] };
    });
}

describe("shopify.app.toml and the app agree", () => {
  it("declares exactly the topics the app handles, each at the route that handles it", () => {
    const declared = Object.fromEntries(subscriptions().flatMap(({ topics, uri }) => topics.map((topic) => [topic, uri])));
    expect(declared).toEqual(WEBHOOK_TOPICS);
  });

  it("names an existing route file in every subscription's 'Handled by' comment", () => {
    for (const { handledBy } of subscriptions()) {
      expect(handledBy && existsSync(handledBy)).toBe(true);
    }
  });

  it("uses the pinned Admin API version for webhooks", () => {
    expect(/\[webhooks\]\s*\n#[^\n]*\napi_version = "([^"]+)"/.exec(toml)?.[1]).toBe(API_VERSION);
  });

  it("asks for the scopes the issue lists", () => {
    const scopes = /scopes = "([^"]+)"/.exec(toml)?.[1]?.split(",") ?? [];
    expect(scopes).toEqual(expect.arrayContaining(["read_orders", "read_customers", "write_customers", "write_discounts", "write_app_proxy"]));
  });
});
