// Lint rules: typescript-eslint's recommended set, plus the architecture rule that keeps
// the domain core (app/loyalty) pure: it may import nothing outside itself but zod.
import js from "@eslint/js";
import tseslint from "typescript-eslint";
import reactHooks from "eslint-plugin-react-hooks";
import path from "node:path";

const CORE_DIR = path.resolve("app/loyalty");

/**
 * The domain core imports only zod and files inside app/loyalty (STYLE.md: a pure core).
 * @type {import("eslint").Rule.RuleModule}
 */
const pureCoreRule = {
  meta: { type: "problem", schema: [{ type: "object", properties: { allow: { type: "array", items: { type: "string" } } } }] },
  create(context) {
    const allow = new Set(["zod", ...(context.options[0]?.allow ?? [])]);
    /** @param {import("estree").ImportDeclaration | import("estree").ExportNamedDeclaration | import("estree").ExportAllDeclaration | import("estree").ImportExpression} node */
    function check(node) {
      const source = node.source && "value" in node.source ? node.source.value : undefined;
      if (typeof source !== "string") return;
      const allowed = source.startsWith(".")
        ? path.resolve(path.dirname(context.filename), source).startsWith(CORE_DIR)
        : allow.has(source);
      if (!allowed) {
        context.report({ node, message: `app/loyalty is a pure core: "${source}" is outside it (only zod and app/loyalty may be imported).` });
      }
    }
    return { ImportDeclaration: check, ExportNamedDeclaration: check, ExportAllDeclaration: check, ImportExpression: check };
  },
};

export default tseslint.config(
  { ignores: ["build/**", "node_modules/**", "extensions/**/dist/**", "extensions/*/shopify.d.ts", "test-results/**", "public/build/**", "bench/**/*.tmp.ts"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ["**/*.{ts,tsx}"],
    plugins: { "react-hooks": reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/consistent-type-imports": "error",
      "no-console": ["error", { allow: ["warn", "error"] }],
    },
  },
  {
    files: ["app/loyalty/**/*.ts"],
    plugins: { wafa: { rules: { "pure-core": pureCoreRule } } },
    rules: {
      "wafa/pure-core": "error",
      "no-restricted-syntax": [
        "error",
        { selector: "MemberExpression[object.name='Date'][property.name='now']", message: "The core takes the clock as input." },
        { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: "The core takes the clock as input." },
        { selector: "MemberExpression[object.name='Math'][property.name='random']", message: "The core is deterministic." },
      ],
      "no-restricted-globals": ["error", "process", "Buffer", "fetch", "require", "setTimeout", "setInterval"],
    },
  },
  {
    // Core tests may also use the test libraries.
    files: ["app/loyalty/**/*.test.ts"],
    rules: { "wafa/pure-core": ["error", { allow: ["vitest", "fast-check"] }] },
  },
  {
    // Command-line programs and the sandbox boot print to stdout for the person running them.
    files: ["bench/**/*.ts", "prisma/**/*.ts", "app/**/cli/**/*.ts", "app/server/**/*.ts", "app/test/**/*.ts", "app/sandbox/boot.server.ts"],
    rules: { "no-console": "off" },
  },
);
