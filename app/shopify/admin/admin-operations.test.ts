import "@shopify/shopify-app-remix/adapters/node";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { LogSeverity, Session } from "@shopify/shopify-api";
import { setAbstractFetchFunc } from "@shopify/shopify-api/runtime";
import { shopifyApp } from "@shopify/shopify-app-remix/server";
import { testConfig } from "@shopify/shopify-app-remix/test-helpers";
import {
  buildSchema,
  executeSync,
  getNamedType,
  getNullableType,
  isAbstractType,
  isEnumType,
  isListType,
  isObjectType,
  Kind,
  parse,
  validate,
  type DocumentNode,
  type GraphQLFieldResolver,
  type GraphQLScalarType,
  type GraphQLTypeResolver,
} from "graphql";
import { beforeAll, describe, expect, it } from "vitest";
import { API_VERSION } from "../api-version";
import { BULK_QUERY_OF } from "../bulk/history-queries";
import { fetchBulkOperation, runBulkQuery } from "../bulk/bulk-operations.server";
import { createAppDiscount, findAppDiscountById, restoreAppDiscountSettings, searchAppDiscounts, setAppDiscountVariables } from "./app-discount.server";
import { memberMetafieldInputs, memberMetafieldValues, pushEarlyAccessTag, setMemberMetafields } from "./customer-sync.server";
import { createCodeDiscount, creditStoreCredit, deleteCodeDiscount, setMetafields } from "./redemption-operations.server";
import { replaceSegmentTag, writeSegmentMetafields } from "./segment-export.server";
import { fetchShopDetails } from "./shop-details.server";
import { pushStorefrontConfig } from "./storefront-sync.server";

// Every Admin GraphQL document Wafa sends, validated against the Admin schema of the API
// version the app pins (app/shopify/api-version.ts), vendored from Shopify's own package
// (app/shopify/admin/schema/README.md). Documents are found in the sources, not listed
// here, so a new one is checked the day it is written; then each is sent through Shopify's
// client by the code that really sends it, and its variables are coerced by the schema.

const ROOT = path.resolve(import.meta.dirname, "../../..");
const SCHEMA_FILE = path.join(ROOT, "app/shopify/admin/schema", `admin-${API_VERSION}.graphql`);
/** Code that receives Admin calls (the simulated edge) or only tests them. */
const NOT_SENDERS = [/^app\/sandbox\//, /^app\/test\//, /^app\/browser\//, /\.test\.tsx?$/, /\.fixture\.ts$/];
/** A template literal that starts a GraphQL document: tagged, an operation keyword, or a bare selection set (bulk queries). */
const DOCUMENT_START = /`(?:#graphql\b|\s*(?:query|mutation|subscription)(?:\s+[A-Za-z_]\w*)?\s*[({]|\s*\{\s*\n\s*[A-Za-z_]\w*\s*[({\n])/g;

type Found = { readonly file: string; readonly exportName: string; readonly name: string; readonly source: string; readonly document: DocumentNode };

function senderSources(): string[] {
  return readdirSync(path.join(ROOT, "app"), { recursive: true, encoding: "utf8" })
    .map((entry) => `app/${entry.split(path.sep).join("/")}`)
    .filter((file) => /\.tsx?$/.test(file) && !NOT_SENDERS.some((pattern) => pattern.test(file)));
}

/** Parses `value` as an executable document (operations only), or null for any other string. */
function asDocument(value: unknown): DocumentNode | null {
  if (typeof value !== "string") return null;
  try {
    const document = parse(value);
    return document.definitions.every((definition) => definition.kind === Kind.OPERATION_DEFINITION) ? document : null;
  } catch {
    return null;
  }
}

const operationName = (document: DocumentNode) => {
  const operation = document.definitions[0];
  return operation?.kind === Kind.OPERATION_DEFINITION ? (operation.name?.value ?? "(bulk query)") : "(none)";
};

async function findDocuments(): Promise<{ found: Found[]; unexported: string[] }> {
  const found: Found[] = [];
  const unexported: string[] = [];
  for (const file of senderSources()) {
    const starts = readFileSync(path.join(ROOT, file), "utf8").match(DOCUMENT_START)?.length ?? 0;
    if (starts === 0) continue;
    const module = (await import(path.join(ROOT, file))) as Record<string, unknown>;
    const inFile = Object.entries(module).flatMap(([exportName, value]) => {
      const document = asDocument(value);
      return document ? [{ file, exportName, name: operationName(document), source: value as string, document }] : [];
    });
    // A document kept in a local constant (or built in a function) would escape this check.
    if (inFile.length < starts) unexported.push(`${file}: ${starts} GraphQL documents in the source, ${inFile.length} exported`);
    found.push(...inFile);
  }
  return { found, unexported };
}

describe(`the Admin GraphQL operations against the Admin API ${API_VERSION} schema`, () => {
  let schema: ReturnType<typeof buildSchema>;
  let found: Found[];
  let unexported: string[];

  beforeAll(async () => {
    // Shopify's schema breaks one of graphql-js 17's rules for schemas themselves (a
    // deprecated field implementing an interface field that is not); it is Shopify's to
    // keep, and documents are still validated in full.
    schema = buildSchema(readFileSync(SCHEMA_FILE, "utf8"), { assumeValid: true });
    ({ found, unexported } = await findDocuments());
  });

  it("GIVEN the pinned API version THEN its Admin schema is vendored in the repository", () => {
    expect(existsSync(SCHEMA_FILE), `${path.relative(ROOT, SCHEMA_FILE)} is missing: run npx tsx scripts/vendor-admin-schema.ts`).toBe(true);
    expect(readFileSync(SCHEMA_FILE, "utf8").split("\n", 1)[0]).toContain(`Admin GraphQL API ${API_VERSION}`);
  });

  it("GIVEN the app's sources THEN every GraphQL document in them is exported, where this test can reach it", () => {
    expect(unexported).toEqual([]);
    // The import's two bulk queries, the discount, customer, segment, storefront, shop and bulk-operation calls.
    expect(found.length).toBeGreaterThanOrEqual(22);
  });

  it("WHEN each document is validated THEN the schema accepts every field, argument, type and variable", () => {
    const problems = found.flatMap(({ file, exportName, name, document }) =>
      validate(schema, document).map((error) => `${name} (${exportName} in ${file}): ${error.message}`),
    );
    expect(problems).toEqual([]);
  });

  describe("sent through Shopify's client by the code that sends them", () => {
    const SHOP = "admin-operations.myshopify.com";
    const sent: Array<{ query: string; variables: Record<string, unknown> }> = [];
    const problems: string[] = [];

    // An answer in the shape the schema gives: empty lists (so no user errors), first enum
    // values, the first concrete type of an interface or union, and placeholder scalars (an
    // id is a GID of the object that holds it).
    const SCALARS: Record<string, unknown> = { Int: 0, Float: 0, Boolean: false, DateTime: "2026-01-01T00:00:00Z" };
    const scalarValue = (type: GraphQLScalarType, parent: string) => (type.name === "ID" ? `gid://shopify/${parent}/1` : (SCALARS[type.name] ?? "0"));
    const fieldResolver: GraphQLFieldResolver<unknown, unknown> = (_source, _args, _context, info) => {
      const type = getNullableType(info.returnType);
      if (isListType(type)) return [];
      const named = getNamedType(type);
      if (isEnumType(named)) return named.getValues()[0]?.value;
      if (isObjectType(named) || isAbstractType(named)) return {};
      return scalarValue(named, info.parentType.name);
    };
    const typeResolver: GraphQLTypeResolver<unknown, unknown> = (_value, _context, _info, type) => schema.getPossibleTypes(type)[0]?.name;

    function answer(body: { query?: unknown; variables?: unknown }) {
      const query = typeof body.query === "string" ? body.query : "";
      const variables = body.variables && typeof body.variables === "object" ? (body.variables as Record<string, unknown>) : {};
      sent.push({ query, variables });
      const document = parse(query);
      const name = operationName(document);
      const invalid = validate(schema, document);
      if (invalid.length > 0) return { errors: invalid.map((error) => ({ message: error.message })) };
      const result = executeSync({ schema, document, variableValues: variables, fieldResolver, typeResolver });
      for (const error of result.errors ?? []) problems.push(`${name}: ${error.message}`);
      // A bulk query travels as a variable: it must be a valid query of the same schema.
      if (typeof variables.query === "string") {
        for (const error of validate(schema, parse(variables.query))) problems.push(`${name} $query: ${error.message}`);
      }
      return result.errors ? { errors: result.errors.map((error) => ({ message: error.message })) } : { data: result.data };
    }

    beforeAll(async () => {
      setAbstractFetchFunc(async (_input: RequestInfo | URL, init?: RequestInit) => {
        const body = JSON.parse(String(init?.body ?? "{}")) as { query?: unknown; variables?: unknown };
        return new Response(JSON.stringify(answer(body)), { status: 200, headers: { "Content-Type": "application/json" } });
      });
      const config = testConfig({ apiVersion: API_VERSION, logger: { level: LogSeverity.Error } });
      await config.sessionStorage?.storeSession(new Session({ id: `offline_${SHOP}`, shop: SHOP, state: "", isOnline: false, accessToken: "shpat_operations", scope: "write_customers" }));
      const { admin } = await shopifyApp(config).unauthenticated.admin(SHOP);
      const customer = "gid://shopify/Customer/7";
      const start = new Date("2026-05-01T10:00:00Z");
      const calls: Array<() => Promise<unknown>> = [
        () => fetchShopDetails(admin),
        () => pushStorefrontConfig(admin, "{}"),
        () => findAppDiscountById(admin, "gid://shopify/DiscountAutomaticNode/1"),
        () => searchAppDiscounts(admin),
        () => createAppDiscount(admin, '{"collectionIds":[]}', start),
        () => restoreAppDiscountSettings(admin, "gid://shopify/DiscountAutomaticNode/1"),
        () => setAppDiscountVariables(admin, "gid://shopify/DiscountAutomaticNode/1", '{"collectionIds":[]}'),
        () => pushEarlyAccessTag(admin, customer, true),
        () => pushEarlyAccessTag(admin, customer, false),
        () => {
          const values = memberMetafieldValues({ tier: { tierId: "gold", tierName: "Gold", earlyAccess: true }, points: 120, nextReward: null });
          return setMemberMetafields(admin, memberMetafieldInputs(customer, values, Object.keys(values)));
        },
        () => setMetafields(admin, [{ ownerId: customer, namespace: "$app:wafa", key: "reservation", type: "json", value: "{}" }]),
        () => createCodeDiscount(admin, { code: "WAFA-1", title: "5 off", customerGid: customer, startsAt: start, endsAt: new Date("2026-05-01T11:00:00Z"), value: { kind: "amount", amount: "5.00" } }),
        () => createCodeDiscount(admin, { code: "WAFA-2", title: "10%", customerGid: customer, startsAt: start, endsAt: new Date("2026-05-01T11:00:00Z"), value: { kind: "percent", percent: 10 } }),
        () => deleteCodeDiscount(admin, "gid://shopify/DiscountCodeNode/1"),
        () => creditStoreCredit(admin, customer, "5.00", "USD"),
        () => replaceSegmentTag(admin, customer, "A"),
        () => replaceSegmentTag(admin, customer, null),
        () => writeSegmentMetafields(admin, [{ customerGid: customer, segment: "B" }, { customerGid: "gid://shopify/Customer/8", segment: null }]),
        () => runBulkQuery(admin, BULK_QUERY_OF.customers),
        () => runBulkQuery(admin, BULK_QUERY_OF.orders),
        () => fetchBulkOperation(admin, "gid://shopify/BulkOperation/1"),
      ];
      // What each call makes of the placeholder answer does not matter here: only what it sent.
      for (const call of calls) await call().catch(() => undefined);
    });

    it("THEN the schema accepts each request's variables (input types, required fields, enums)", () => {
      expect(problems).toEqual([]);
    });

    it("THEN every document found in the sources was sent (a new one needs a call above)", () => {
      const sentDocuments = new Set(sent.flatMap(({ query, variables }) => [query, ...(typeof variables.query === "string" ? [variables.query] : [])]));
      const neverSent = found.filter(({ source }) => !sentDocuments.has(source)).map(({ name, exportName, file }) => `${name} (${exportName} in ${file})`);
      expect(neverSent).toEqual([]);
    });
  });
});
