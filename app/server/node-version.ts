// The Node.js versions production supports: Shopify's libraries (@shopify/shopify-app-remix 6,
// @shopify/shopify-api 15) declare Node >= 22, and Node 20 reached end of life in April 2026.
// Development and the tests still run on Node 20 (README, "Running against Shopify"); the production
// server says so at boot rather than refusing to start.

/** The lowest Node.js major version production supports (package.json `engines`). */
export const PRODUCTION_NODE_MAJOR = 22;

/** A warning for a production server on an unsupported Node.js, or undefined when it is fine. */
export function nodeVersionWarning(nodeEnv: string, version: string = process.versions.node): string | undefined {
  if (nodeEnv !== "production") return undefined;
  const major = Number.parseInt(version.replace(/^v/, ""), 10);
  if (Number.isFinite(major) && major >= PRODUCTION_NODE_MAJOR) return undefined;
  return `Wafa: Node.js ${version} is not supported in production; run Node ${PRODUCTION_NODE_MAJOR} LTS or later (Shopify's libraries require it; Node 20 is past its end of life).`;
}
