// Vendors the Admin GraphQL schema of the pinned API version (app/shopify/api-version.ts)
// as SDL, for the test that validates every Admin operation Wafa sends
// (app/shopify/admin/admin-operations.test.ts).
//
//   npx tsx scripts/vendor-admin-schema.ts [dev-mcp version]
//
// Source: Shopify's own npm package @shopify/dev-mcp (ISC), which ships the Admin API's
// introspection for each supported version as dist/data/admin_<version>.json.gz. It is
// fetched with `npm pack` (the npm registry only), printed with graphql-js and written to
// app/shopify/admin/schema/admin-<version>.graphql.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { gunzipSync } from "node:zlib";
import { buildClientSchema, printSchema, type IntrospectionQuery } from "graphql";
import { API_VERSION } from "../app/shopify/api-version";

const DEV_MCP_VERSION = process.argv[2] ?? "1.16.0";
const root = path.resolve(import.meta.dirname, "..");
const work = mkdtempSync(path.join(tmpdir(), "wafa-admin-schema-"));
try {
  const tarball = execFileSync("npm", ["pack", `@shopify/dev-mcp@${DEV_MCP_VERSION}`, "--silent", "--pack-destination", work], { encoding: "utf8" }).trim();
  const member = `package/dist/data/admin_${API_VERSION}.json.gz`;
  execFileSync("tar", ["-xzf", path.join(work, tarball), "-C", work, member]);
  const introspection = JSON.parse(gunzipSync(readFileSync(path.join(work, member))).toString("utf8")) as { data?: IntrospectionQuery } & Partial<IntrospectionQuery>;
  const schema = buildClientSchema(introspection.data ?? (introspection as IntrospectionQuery), { assumeValid: true });
  const header = [
    `# Shopify Admin GraphQL API ${API_VERSION}, printed with graphql-js from the introspection in`,
    `# @shopify/dev-mcp@${DEV_MCP_VERSION} (${member.replace("package/", "")}, ISC licence).`,
    "# Regenerate: npx tsx scripts/vendor-admin-schema.ts. Do not edit by hand.",
  ].join("\n");
  const target = path.join(root, "app/shopify/admin/schema", `admin-${API_VERSION}.graphql`);
  writeFileSync(target, `${header}\n\n${printSchema(schema)}\n`);
  process.stdout.write(`wrote ${path.relative(root, target)} from @shopify/dev-mcp@${DEV_MCP_VERSION}\n`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
