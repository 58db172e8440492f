import "@shopify/shopify-app-remix/adapters/node";
import { AppDistribution, LogSeverity, shopifyApp } from "@shopify/shopify-app-remix/server";
import { getDatabase } from "./db.server";
import { serverEnv } from "./env.server";
import { KyselySessionStorage } from "./repositories/session-storage.server";
import { installSandboxShopifyEdge, sandboxEnabled, sandboxInstallFor } from "./sandbox/edge.server";
import { afterShopAuthorised } from "./services/after-auth.server";
import { startHistoryImportOnInstall } from "./services/history-import-runner.server";

import { API_VERSION } from "./shopify/api-version";

export { API_VERSION };

const LOG_LEVELS = {
  error: LogSeverity.Error,
  warning: LogSeverity.Warning,
  info: LogSeverity.Info,
  debug: LogSeverity.Debug,
} as const;

const env = serverEnv();

// Offline, Shopify's network edge (OAuth token exchange and the Admin API) is simulated
// in-process. Refused when NODE_ENV=production (see env.server.ts).
if (sandboxEnabled(env)) installSandboxShopifyEdge(env);

const shopify = shopifyApp({
  apiKey: env.SHOPIFY_API_KEY,
  apiSecretKey: env.SHOPIFY_API_SECRET,
  apiVersion: API_VERSION,
  scopes: env.SCOPES.split(","),
  appUrl: env.SHOPIFY_APP_URL,
  authPathPrefix: "/auth",
  // Sessions live in Wafa's own database through its data layer (same table as Shopify's
  // Prisma storage): docs/decisions/0003-data-access.md.
  sessionStorage: new KyselySessionStorage(() => getDatabase().db),
  distribution: AppDistribution.AppStore,
  // Admin pages act as the staff member using them (names on program versions and manual
  // adjustments); webhooks and jobs use the shop's offline token. docs/decisions/0008.
  useOnlineTokens: true,
  logger: { level: LOG_LEVELS[env.LOG_LEVEL] },
  future: {
    unstable_newEmbeddedAuthStrategy: true,
    // Required for public apps: offline tokens expire after an hour and are refreshed.
    expiringOfflineAccessTokens: true,
  },
  hooks: {
    afterAuth: async ({ session, admin }) => {
      await afterShopAuthorised(getDatabase(), {
        session,
        admin,
        now: new Date(),
        sandbox: sandboxInstallFor(session.shop, env),
      });
      // In the background, once per shop: the install does not wait for Shopify's export.
      startHistoryImportOnInstall(getDatabase(), session.shop);
    },
  },
});

export default shopify;
export const addDocumentResponseHeaders = shopify.addDocumentResponseHeaders;
export const authenticate = shopify.authenticate;
export const unauthenticated = shopify.unauthenticated;
export const login = shopify.login;
export const sessionStorage = shopify.sessionStorage;
