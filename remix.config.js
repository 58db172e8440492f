// Remix options, imported by vite.config.ts. Every v3 future flag is on, so the app is
// ready for React Router 7 (Shopify's template successor) without behaviour changes.
/** @type {import("@remix-run/dev").VitePluginConfig} */
const remixConfig = {
  appDirectory: "app",
  buildDirectory: "build",
  ignoredRouteFiles: ["**/.*", "**/*.test.{ts,tsx}"],
  future: {
    v3_fetcherPersist: true,
    v3_relativeSplatPath: true,
    v3_throwAbortReason: true,
    v3_lazyRouteDiscovery: true,
    v3_singleFetch: true,
    v3_routeConfig: true,
  },
};

export default remixConfig;
