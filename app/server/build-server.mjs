// Builds app/server/main.ts to build/server/main.js (after `remix vite:build`), with
// Vite's own bundler; dependencies stay external, as in the Remix server build.
import { build } from "vite";

await build({
  configFile: false,
  logLevel: "warn",
  build: {
    ssr: "app/server/main.ts",
    outDir: "build/server",
    emptyOutDir: false,
    target: "node20",
    rollupOptions: { output: { entryFileNames: "main.js", format: "es" } },
  },
});
