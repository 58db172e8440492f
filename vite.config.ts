import { vitePlugin as remix } from "@remix-run/dev";
import { defineConfig } from "vite";
import tsconfigPaths from "vite-tsconfig-paths";
import remixConfig from "./remix.config.js";

declare module "@remix-run/node" {
  interface Future {
    v3_singleFetch: true;
  }
}

const isVitest = Boolean(process.env.VITEST);

export default defineConfig({
  server: { host: "127.0.0.1", port: Number(process.env.PORT ?? 3000) },
  plugins: [isVitest ? null : remix(remixConfig), tsconfigPaths()],
  build: { assetsInlineLimit: 0 },
  test: {
    include: ["app/**/*.test.{ts,tsx}", "prisma/**/*.test.ts", "bench/**/*.test.ts", "extensions/**/*.test.ts"],
    exclude: ["**/node_modules/**", "build/**"],
    setupFiles: ["app/test/setup.ts"],
    globalSetup: ["app/test/global-setup.ts"],
    // Integration suites own real databases and servers; keep them from starving each other
    // on two cores.
    pool: "forks",
    poolOptions: { forks: { maxForks: 2, minForks: 1 } },
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
