import { z } from "zod";
import { DEFAULT_DATABASE_URL } from "./db/database.server";

/**
 * Scopes Wafa asks for (mirrors shopify.app.toml): orders (all history, for reports) and
 * customers for the ledger, customer writes for metafields and tags, discounts and store
 * credit for redemption, the app proxy for the storefront.
 */
export const DEFAULT_SCOPES =
  "read_orders,read_all_orders,read_customers,write_customers,read_products,write_discounts,write_app_proxy,write_store_credit_account_transactions";

/** Documented sandbox credentials: used only when the sandbox runs without real ones. */
export const SANDBOX_DEFAULTS = {
  SHOPIFY_API_KEY: "wafa-sandbox-api-key",
  SHOPIFY_API_SECRET: "wafa-sandbox-api-secret",
  SANDBOX_SHOP: "wafa-sandbox.myshopify.com",
} as const;

const Flag = z.enum(["0", "1", "false", "true"]).default("0").transform((value) => value === "1" || value === "true");

const EnvSchema = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    HOST: z.string().default("127.0.0.1"),
    SHOPIFY_API_KEY: z.string().min(1).optional(),
    SHOPIFY_API_SECRET: z.string().min(1).optional(),
    SHOPIFY_APP_URL: z.url().optional(),
    SCOPES: z.string().default(DEFAULT_SCOPES),
    DATABASE_URL: z.string().default(DEFAULT_DATABASE_URL),
    SQLITE_SYNCHRONOUS: z.enum(["NORMAL", "FULL"]).default("NORMAL"),
    DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
    LOG_LEVEL: z.enum(["error", "warning", "info", "debug"]).default("warning"),
    WAFA_SANDBOX: Flag,
    SANDBOX_SHOP: z.string().regex(/^[a-z0-9][a-z0-9-]*\.myshopify\.com$/).default(SANDBOX_DEFAULTS.SANDBOX_SHOP),
    /** "demo" seeds a year of store history on first start; "none" starts empty. */
    SANDBOX_SEED: z.enum(["demo", "none"]).default("demo"),
    SANDBOX_CURRENCY: z.string().regex(/^[A-Z]{3}$/).default("USD"),
    SANDBOX_STATE_DIR: z.string().default("prisma/data/sandbox"),
    /** Scheduled work (expiry, bonuses, tiers, releases; app/jobs/registry.server.ts): "off" for a web-only instance or tests. */
    WAFA_JOBS: z.enum(["on", "off"], "WAFA_JOBS must be on or off").default("on"),
  })
  .transform((env, context) => {
    if (env.WAFA_SANDBOX && env.NODE_ENV === "production") {
      context.addIssue({ code: "custom", message: "the sandbox cannot be switched on when NODE_ENV=production" });
      return z.NEVER;
    }
    const sandbox = env.WAFA_SANDBOX;
    const apiKey = env.SHOPIFY_API_KEY ?? (sandbox ? SANDBOX_DEFAULTS.SHOPIFY_API_KEY : undefined);
    const apiSecret = env.SHOPIFY_API_SECRET ?? (sandbox ? SANDBOX_DEFAULTS.SHOPIFY_API_SECRET : undefined);
    const appUrl = env.SHOPIFY_APP_URL ?? (sandbox ? `http://${env.HOST}:${env.PORT}` : undefined);
    if (!apiKey || !apiSecret || !appUrl) {
      context.addIssue({ code: "custom", message: "SHOPIFY_API_KEY, SHOPIFY_API_SECRET and SHOPIFY_APP_URL are required (or run the sandbox: npm run sandbox)" });
      return z.NEVER;
    }
    return { ...env, SHOPIFY_API_KEY: apiKey, SHOPIFY_API_SECRET: apiSecret, SHOPIFY_APP_URL: appUrl };
  });

export type ServerEnv = z.infer<typeof EnvSchema>;

export function parseServerEnv(source: Record<string, string | undefined>): ServerEnv {
  const parsed = EnvSchema.safeParse(source);
  if (!parsed.success) {
    throw new Error(`Invalid environment:\n${parsed.error.issues.map((issue) => `- ${issue.path.join(".") || "env"}: ${issue.message}`).join("\n")}`);
  }
  return parsed.data;
}

let cached: ServerEnv | undefined;

/** The process environment, validated once at boot (epic-stack habit). */
export function serverEnv(): ServerEnv {
  cached ??= parseServerEnv(process.env);
  return cached;
}
