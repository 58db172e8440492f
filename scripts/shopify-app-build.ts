/**
 * `npm run build:shopify`: Shopify's own CLI builds the whole app, offline, the way
 * `shopify app deploy` would: every UI extension bundled, the theme app extension through
 * theme-check, the discount Function through its toml's `[extensions.build] command`.
 *
 * - The CLI (`@shopify/cli`, pinned below) needs Node ≥ 22.12: it runs on the Node 22 that
 *   scripts/node22.sh installs, whatever Node runs this script.
 * - It is installed on demand into .cache/shopify-cli, not as a devDependency: Shopify's app
 *   templates do not list it (their READMEs install it globally), it would not run under the
 *   Node 20 the rest of the toolchain uses here, and only this step needs it.
 * - No login, no prompt, no network: `CI=1` (non-interactive), `SHOPIFY_CLI_NO_ANALYTICS=1`,
 *   stdin closed; `app build` reads `client_id` from shopify.app.toml and never calls Shopify.
 *   The root package.json declares `workspaces` (as Shopify's templates do), so the CLI does not
 *   run `npm install` first (it would, under Node 22, in the checkout).
 *
 * Prints the sizes the CLI reports, then checks what it wrote: each UI extension bundle
 * ≤ 32 KB compressed (docs/decisions/0016-ui-extensions.md) and each Function's Wasm ≤ 256 KB
 * (Shopify's limit). Exits non-zero when the CLI fails or a budget is missed.
 *
 * Usage: npm run build:shopify [-- --path <app directory>]
 */
import { execFileSync, spawn } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";
import { BUDGET_BYTES, uiExtensions } from "./extension-bundle-size";

export const SHOPIFY_CLI_VERSION = process.env.WAFA_SHOPIFY_CLI_VERSION ?? "4.8.2";
export const FUNCTION_WASM_LIMIT_BYTES = 256 * 1024;

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const CLI_PREFIX = path.join(ROOT, ".cache", "shopify-cli");
const CLI_PACKAGE = path.join(CLI_PREFIX, "node_modules", "@shopify", "cli");

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

function installedVersion(packageDir: string): string | undefined {
  try {
    return (JSON.parse(readFileSync(path.join(packageDir, "package.json"), "utf8")) as { version?: string }).version;
  } catch {
    return undefined;
  }
}

/** The CLI's entry point, installed into .cache/shopify-cli on first use (~50 MB, ~5 s from the registry). */
function ensureCli(): string {
  if (installedVersion(CLI_PACKAGE) !== SHOPIFY_CLI_VERSION) {
    process.stderr.write(`Installing @shopify/cli@${SHOPIFY_CLI_VERSION} into .cache/shopify-cli\n`);
    execFileSync("npm", ["install", "--prefix", CLI_PREFIX, "--no-save", "--no-package-lock", "--no-audit", "--no-fund", `@shopify/cli@${SHOPIFY_CLI_VERSION}`], { stdio: ["ignore", "inherit", "inherit"] });
  }
  return path.join(CLI_PACKAGE, "bin", "run.js");
}

function node22Bin(): string {
  return execFileSync("bash", [path.join(ROOT, "scripts", "node22.sh")], { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] }).trim();
}

/** Runs `shopify app build`, echoing its output; resolves with the exit code and the output. */
function runCli(appDir: string): Promise<{ code: number; output: string }> {
  const bin = node22Bin();
  const cli = ensureCli();
  const args = [cli, "app", "build", "--path", appDir];
  const env = {
    ...process.env,
    PATH: `${bin}${path.delimiter}${process.env.PATH ?? ""}`,
    CI: "1",
    SHOPIFY_CLI_NO_ANALYTICS: "1",
    SHOPIFY_FLAG_NO_COLOR: "1",
  };
  process.stdout.write(`$ CI=1 SHOPIFY_CLI_NO_ANALYTICS=1 SHOPIFY_FLAG_NO_COLOR=1 node ${path.relative(ROOT, cli)} ${args.slice(1).join(" ")}  (node ${bin}/node, @shopify/cli ${SHOPIFY_CLI_VERSION})\n`);
  return new Promise((resolve, reject) => {
    const child = spawn(path.join(bin, "node"), args, { cwd: appDir, env, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => { output += chunk.toString(); process.stdout.write(chunk); });
    child.stderr.on("data", (chunk: Buffer) => { output += chunk.toString(); process.stderr.write(chunk); });
    child.on("error", reject);
    child.on("close", (code, signal) => resolve({ code: code ?? (signal ? 1 : 0), output }));
  });
}

export type ReportedSize = { handle: string; original: string; compressed: string };

/** The "<handle> successfully built in …ms (X original, ~Y compressed)" lines, unwrapped. */
export function reportedSizes(output: string): ReportedSize[] {
  const text = output.replace(/\n\s*/g, " ").replace(/\s+/g, " ");
  const sizes: ReportedSize[] = [];
  for (const match of text.matchAll(/(\S+) successfully built in \d+ms \(([\d.]+ [KM]B) original, ~([\d.]+ [KM]B) compressed\)/g)) {
    sizes.push({ handle: match[1] ?? "", original: match[2] ?? "", compressed: match[3] ?? "" });
  }
  return sizes;
}

export type BuiltArtifact = { folder: string; handle: string; kind: "ui_extension" | "function"; file: string; bytes: number; gzip: number; brotli: number; limit: number };

/** What the CLI wrote for each extension toml under <appDir>/extensions, measured. */
export function builtArtifacts(appDir: string): BuiltArtifact[] {
  const artifacts: BuiltArtifact[] = [];
  const extensionsDir = path.join(appDir, "extensions");
  for (const folder of readdirSync(extensionsDir).sort()) {
    const tomlPath = path.join(extensionsDir, folder, "shopify.extension.toml");
    if (!existsSync(tomlPath)) continue;
    const toml = readFileSync(tomlPath, "utf8");
    const measure = (handle: string, kind: BuiltArtifact["kind"], file: string, limit: number) => {
      const absolute = path.join(extensionsDir, folder, file);
      const contents = existsSync(absolute) ? readFileSync(absolute) : undefined;
      artifacts.push({
        folder, handle, kind, file: path.relative(appDir, absolute), limit,
        bytes: contents?.byteLength ?? -1,
        gzip: contents ? gzipSync(contents, { level: 9 }).byteLength : -1,
        brotli: contents ? brotliCompressSync(contents, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).byteLength : -1,
      });
    };
    for (const extension of uiExtensions(toml)) measure(extension.handle, "ui_extension", path.join("dist", `${extension.handle}.js`), BUDGET_BYTES);
    for (const block of toml.split(/^\s*\[\[extensions\]\]\s*$/m).slice(1)) {
      if (!/^\s*type\s*=\s*"function"/m.test(block)) continue;
      const handle = /^\s*handle\s*=\s*"([^"]+)"/m.exec(block)?.[1] ?? folder;
      const build = block.split(/^\s*\[extensions\.build\]\s*$/m)[1]?.split(/^\s*\[/m)[0] ?? "";
      const wasm = /^\s*path\s*=\s*"([^"]+)"/m.exec(build)?.[1] ?? path.join("dist", "index.wasm");
      measure(handle, "function", wasm, FUNCTION_WASM_LIMIT_BYTES);
    }
  }
  return artifacts;
}

/** Over budget: a UI bundle's compressed size (gzip or brotli) or a Function's raw Wasm size. */
export function overLimit(artifact: BuiltArtifact): boolean {
  if (artifact.bytes < 0) return true;
  return artifact.kind === "function" ? artifact.bytes > artifact.limit : Math.max(artifact.gzip, artifact.brotli) > artifact.limit;
}

export function formatArtifacts(artifacts: readonly BuiltArtifact[]): string {
  const lines = ["What Shopify CLI built (UI bundles: ≤ 32 KB compressed; Function Wasm: ≤ 256 KB):"];
  for (const artifact of artifacts) {
    const sizes = artifact.bytes < 0
      ? "MISSING"
      : `raw ${kb(artifact.bytes).padStart(9)}  gzip ${kb(artifact.gzip).padStart(8)}  brotli ${kb(artifact.brotli).padStart(8)}  limit ${kb(artifact.limit)}${artifact.kind === "function" ? " raw" : ""}`;
    lines.push(`  ${artifact.handle.padEnd(22)} ${artifact.kind.padEnd(12)} ${sizes}${overLimit(artifact) ? "  OVER" : ""}  ${artifact.file}`);
  }
  return lines.join("\n");
}

async function main() {
  const pathFlag = process.argv.indexOf("--path");
  const appDir = path.resolve(pathFlag >= 0 ? (process.argv[pathFlag + 1] ?? ".") : ROOT);
  const started = Date.now();
  const { code, output } = await runCli(appDir);
  process.stdout.write(`\nshopify app build exited ${code} in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
  const reported = reportedSizes(output);
  if (reported.length > 0) {
    process.stdout.write("Sizes the CLI reported:\n");
    for (const size of reported) process.stdout.write(`  ${size.handle.padEnd(24)} ${size.original.padStart(9)} original  ~${size.compressed.padStart(8)} compressed\n`);
  }
  if (code !== 0) {
    process.exitCode = code;
    return;
  }
  const artifacts = builtArtifacts(appDir);
  process.stdout.write(`${formatArtifacts(artifacts)}\n`);
  if (artifacts.length === 0 || artifacts.some(overLimit)) process.exitCode = 1;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main();
