import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { MEMBER_METAFIELD_NAMESPACE, MEMBER_METAFIELDS } from "./admin/customer-sync.server";
import { SEGMENT_METAFIELD } from "./admin/segment-export.server";

const toml = readFileSync("shopify.app.toml", "utf8");

/** `[customer.metafields.app.<key>]` tables and their `name = "value"` lines, as in webhook-topics.test.ts. */
function customerDefinitions(): Map<string, Record<string, string>> {
  const definitions = new Map<string, Record<string, string>>();
  for (const block of toml.split(/^(?=\[)/m)) {
    const key = /^\[customer\.metafields\.app\.([a-z_]+)\]\s*$/m.exec(block)?.[1];
    if (!key) continue;
    const fields = Object.fromEntries([...block.matchAll(/^([a-z_.]+) = "([^"]*)"$/gm)].map((match) => [match[1] ?? "", match[2] ?? ""]));
    definitions.set(key, fields);
  }
  return definitions;
}

describe("shopify.app.toml declares the member metafields the sync writes", () => {
  it("GIVEN the sync writes tier, points and next_reward in $app THEN each is declared with its type, merchant-readable and public on the storefront", () => {
    expect(MEMBER_METAFIELD_NAMESPACE).toBe("$app"); // the only namespace TOML's `app` declares
    const definitions = customerDefinitions();
    expect([...definitions.keys()].sort()).toEqual([...Object.values(MEMBER_METAFIELDS).map((field) => field.key), SEGMENT_METAFIELD.key].sort());
    for (const field of Object.values(MEMBER_METAFIELDS)) {
      expect(definitions.get(field.key)).toMatchObject({ type: field.type, "access.admin": "merchant_read", "access.storefront": "public_read" });
      expect(definitions.get(field.key)?.name).toBeTruthy();
    }
  });
});

describe("shopify.app.toml declares the RFM segment metafield the export writes", () => {
  it("GIVEN the export writes $app.rfm_segment THEN it is declared with its type, for merchants (segments), not the storefront", () => {
    expect(SEGMENT_METAFIELD.namespace).toBe("$app");
    const definition = customerDefinitions().get(SEGMENT_METAFIELD.key);
    expect(definition).toMatchObject({ type: SEGMENT_METAFIELD.type, "access.admin": "merchant_read" });
    expect(definition?.["access.storefront"]).toBeUndefined();
  });
});
