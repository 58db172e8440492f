// Builds dist/function.wasm when a Rust source, the manifest, the lock or build.sh is newer
// than it (the test suite's global setup; the sandbox can call it too). The build itself is
// build.sh: this only decides whether it is needed and says clearly why it failed.
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";

const EXTENSION = path.join("extensions", "wafa-discount");

function sourcesOf(extension: string): string[] {
  const rust = readdirSync(path.join(extension, "src")).filter((name) => name.endsWith(".rs")).map((name) => path.join(extension, "src", name));
  return [...rust, ...["Cargo.toml", "Cargo.lock", "build.sh"].map((name) => path.join(extension, name))].filter((file) => existsSync(file));
}

export function discountFunctionIsStale(root = process.cwd()): boolean {
  const extension = path.join(root, EXTENSION);
  const wasm = path.join(extension, "dist", "function.wasm");
  if (!existsSync(wasm)) return true;
  const builtMs = statSync(wasm).mtimeMs;
  return sourcesOf(extension).some((file) => statSync(file).mtimeMs > builtMs);
}

export function buildDiscountFunctionIfStale(root = process.cwd()): void {
  if (!discountFunctionIsStale(root)) return;
  try {
    execFileSync("bash", [path.join(root, EXTENSION, "build.sh")], { cwd: root, stdio: ["ignore", "inherit", "inherit"] });
  } catch (error) {
    // build.sh has printed the cause (a missing toolchain names the packages to install).
    throw new Error(`The discount Function's Wasm could not be built (extensions/wafa-discount/build.sh, see its output above): ${(error as Error).message}`);
  }
}
