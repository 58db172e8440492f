import "@shopify/shopify-app-remix/adapters/node";
import { AppDistribution, LogSeverity, shopifyApp } from "@shopify/shopify-app-remix/server";
import { getDatabase } from "./db.server";
import { serverEnv } from "./env.server";
import { KyselySessionStorage } from "./repositories/session-storage.server";
import { installSandboxShopifyEdge, sandboxEnabled, sandboxInstallFor } from "./sandbox/edge.server";
import { adminSessionTokensOnly, appProxyChecked, extensionSessionTokensOnly, webhookShopDomainChecked } from "./shopify/authenticate-guards.server";
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

// No default export: the library's own `authenticate` (without the checks below) stays in this file.
export const addDocumentResponseHeaders = shopify.addDocumentResponseHeaders;
/**
 * Shopify's authenticate.* with Wafa's checks around them (app/shopify/authenticate-guards.server.ts):
 * only admin session tokens open the admin, extension tokens must be for this app and
 * expire, and a signed request for a malformed shop domain is a 4xx. Every route uses these.
 */
export const authenticate = {
  ...shopify.authenticate,
  admin: adminSessionTokensOnly(shopify.authenticate.admin, env.SHOPIFY_API_KEY),
  webhook: webhookShopDomainChecked(shopify.authenticate.webhook),
  public: {
    ...shopify.authenticate.public,
    checkout: extensionSessionTokensOnly(shopify.authenticate.public.checkout, env.SHOPIFY_API_KEY),
    customerAccount: extensionSessionTokensOnly(shopify.authenticate.public.customerAccount, env.SHOPIFY_API_KEY),
    appProxy: appProxyChecked(shopify.authenticate.public.appProxy),
  },
};
export const unauthenticated = shopify.unauthenticated;
export const login = shopify.login;
export const sessionStorage = shopify.sessionStorage;
