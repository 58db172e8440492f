/**
 * `npm run extensions:size`: bundles every UI extension target the way Shopify CLI does
 * (esbuild, one ESM bundle per extension with all its targets' modules, minified, JSX automatic
 * from Preact, everything including preact and @shopify/ui-extensions bundled, target es6,
 * `process.env.*` defined) and reports raw, gzip and brotli sizes. Exits non-zero when a
 * bundle exceeds the budget: 32 KB compressed, half of Shopify's 64 KB limit
 * (docs/decisions/0016-ui-extensions.md). It measures in `npm test`, in seconds and on any Node,
 * what `npm run build:shopify` (Shopify CLI's `app build`, Node ≥ 22.12) reports.
 */
import { build } from "esbuild";
import { readdirSync, readFileSync, existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";

export const BUDGET_BYTES = 32 * 1024;

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

export type BundleSize = { folder: string; handle: string; targets: string[]; raw: number; gzip: number; brotli: number };

export type UiExtension = { handle: string; targets: { target: string; module: string }[] };

/** The ui_extension entries of a shopify.extension.toml (a small reader for the shape our files use). */
export function uiExtensions(toml: string): UiExtension[] {
  const extensions: UiExtension[] = [];
  for (const block of toml.split(/^\s*\[\[extensions\]\]\s*$/m).slice(1)) {
    if (!/^\s*type\s*=\s*"ui_extension"/m.test(block)) continue;
    const handle = /^\s*handle\s*=\s*"([^"]+)"/m.exec(block)?.[1] ?? "";
    const targets: UiExtension["targets"] = [];
    for (const targeting of block.split(/^\s*\[\[extensions\.targeting\]\]\s*$/m).slice(1)) {
      const body = targeting.split(/^\s*\[/m)[0] ?? "";
      const target = /^\s*target\s*=\s*"([^"]+)"/m.exec(body)?.[1];
      const module = /^\s*module\s*=\s*"([^"]+)"/m.exec(body)?.[1];
      if (target && module) targets.push({ target, module });
    }
    extensions.push({ handle, targets });
  }
  return extensions;
}

export async function measureExtensions(root = ROOT): Promise<BundleSize[]> {
  const extensionsDir = path.join(root, "extensions");
  const sizes: BundleSize[] = [];
  for (const folder of readdirSync(extensionsDir).sort()) {
    const tomlPath = path.join(extensionsDir, folder, "shopify.extension.toml");
    if (!existsSync(tomlPath)) continue;
    for (const extension of uiExtensions(readFileSync(tomlPath, "utf8"))) {
      const code = await bundle(path.join(extensionsDir, folder), extension);
      sizes.push({
        folder, handle: extension.handle, targets: extension.targets.map((target) => target.target),
        raw: code.byteLength,
        gzip: gzipSync(code, { level: 9 }).byteLength,
        brotli: brotliCompressSync(code, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).byteLength,
      });
    }
  }
  return sizes;
}

/**
 * One bundle per extension, every target in it, as the CLI builds it: an entry that imports
 * each target's module and registers it with `shopify.extend(target, ...)`.
 */
async function bundle(extensionDir: string, extension: UiExtension): Promise<Uint8Array> {
  const contents = extension.targets
    .map(({ target, module }, index) => `import Target_${index} from ${JSON.stringify(module)};\nshopify.extend(${JSON.stringify(target)}, (...args) => Target_${index}(...args));`)
    .join("\n");
  const result = await build({
    stdin: { contents, resolveDir: extensionDir, loader: "tsx" },
    bundle: true,
    write: false,
    format: "esm",
    minify: true,
    target: "es6",
    jsx: "automatic",
    jsxImportSource: "preact",
    legalComments: "none",
    tsconfig: path.join(extensionDir, "tsconfig.json"),
    define: { "process.env.NODE_ENV": JSON.stringify("production"), "process.env.WAFA_APP_URL": JSON.stringify("https://wafa.example.com") },
    resolveExtensions: [".tsx", ".ts", ".js", ".json", ".mjs"],
    logLevel: "silent",
  });
  const output = result.outputFiles[0];
  if (!output) throw new Error(`esbuild produced no output for ${extension.handle}`);
  return output.contents;
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

export function formatReport(sizes: readonly BundleSize[]): string {
  const lines = [`UI extension bundles (budget ${kb(BUDGET_BYTES)} compressed; Shopify's limit is 64 KB)`];
  for (const size of sizes) {
    const flag = Math.max(size.gzip, size.brotli) > BUDGET_BYTES ? "  OVER BUDGET" : "";
    lines.push(`${`${size.folder}/${size.handle} (${size.targets.length} target${size.targets.length === 1 ? "" : "s"})`.padEnd(56)} raw ${kb(size.raw).padStart(8)}  gzip ${kb(size.gzip).padStart(7)}  brotli ${kb(size.brotli).padStart(7)}${flag}`);
  }
  return lines.join("\n");
}

async function main() {
  const sizes = await measureExtensions();
  process.stdout.write(`${formatReport(sizes)}\n`);
  if (sizes.length === 0 || sizes.some((size) => Math.max(size.gzip, size.brotli) > BUDGET_BYTES)) process.exitCode = 1;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main();
