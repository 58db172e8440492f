/**
 * Runs the built discount Function (dist/function.wasm, built by build.sh) the way Shopify
 * does: a WASI command module whose named export for the target reads the input JSON on
 * stdin and writes the output JSON on stdout (../../../shared/PLATFORM.md, "Functions";
 * docs/decisions/0019-discount-function-wasm.md). Used by the Function's tests and by the
 * sandbox's simulated checkout, so the demo applies rewards through the real Wasm.
 *
 * API (kept small and stable on purpose):
 * - `DISCOUNT_FUNCTION_WASM`: the module's path (from the app root, the process's cwd, as
 *   the rest of the app resolves its files; the bundled server has no source tree to be
 *   relative to).
 * - `runDiscountFunction(target, input)`: the parsed output; throws when the module is
 *   missing, traps or writes something that is not JSON.
 * - `runDiscountFunctionModule(module, target, inputText)`: a compiled module (for instance
 *   the instrumented copy of instruction-count.ts) on one input given as JSON text: the
 *   output as written (`text`) and parsed, and the instance's exports (where that copy keeps
 *   its counter). `discountFunctionModule(path)` compiles the built one.
 *
 * Synchronous: node:wasi takes file descriptors for stdin and stdout, so the input and the
 * output go through two files in a private temporary directory.
 */
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { WASI } from "node:wasi";

export const DISCOUNT_FUNCTION_TARGETS = ["cart-lines-discounts-generate-run", "cart-delivery-options-discounts-generate-run"] as const;
/** The export names in shopify.extension.toml, one per target. */
export type DiscountFunctionTarget = (typeof DISCOUNT_FUNCTION_TARGETS)[number];

export const DISCOUNT_FUNCTION_WASM = path.resolve(process.cwd(), "extensions", "wafa-discount", "dist", "function.wasm");

export type DiscountFunctionRun = { readonly text: string; readonly output: unknown; readonly exports: WebAssembly.Exports };

type CompiledModule = { readonly path: string; readonly modifiedMs: number; readonly module: WebAssembly.Module };
let compiled: CompiledModule | null = null;
let scratch: string | null = null;

/** Compiled once per process, and again only when the file is rebuilt (its mtime changes). */
export function discountFunctionModule(wasmPath = DISCOUNT_FUNCTION_WASM): WebAssembly.Module {
  if (!existsSync(wasmPath)) throw new Error(`The discount Function is not built: ${wasmPath} is missing. Run \`npm run build:function\`.`);
  const modifiedMs = statSync(wasmPath).mtimeMs;
  if (compiled?.path !== wasmPath || compiled.modifiedMs !== modifiedMs) {
    compiled = { path: wasmPath, modifiedMs, module: new WebAssembly.Module(readFileSync(wasmPath)) };
  }
  return compiled.module;
}

function scratchDirectory(): string {
  if (scratch === null) {
    const directory = mkdtempSync(path.join(tmpdir(), "wafa-discount-"));
    process.once("exit", () => rmSync(directory, { recursive: true, force: true }));
    scratch = directory;
  }
  return scratch;
}

/**
 * The WASI imports, each behind a plain JavaScript function. Called directly, Node's WASI
 * methods take V8's fast API path, which crashed Node 20 and 22 here (heap corruption, then
 * SIGSEGV) once one compiled module ran in many instances, each with its own WASI; nothing
 * crashed with `--no-turbo-fast-api-calls`, nor does it through these wrappers.
 */
function viaPlainFunctions(imports: WebAssembly.Imports): WebAssembly.Imports {
  return Object.fromEntries(
    Object.entries(imports).map(([namespace, functions]) => [
      namespace,
      Object.fromEntries(Object.entries(functions).map(([name, value]) => [name, typeof value === "function" ? (...args: unknown[]) => (value as (...args: unknown[]) => unknown)(...args) : value])),
    ]),
  );
}

export function runDiscountFunctionModule(module: WebAssembly.Module, target: DiscountFunctionTarget, inputText: string): DiscountFunctionRun {
  const directory = scratchDirectory();
  const [inputPath, outputPath, errorPath] = ["input.json", "output.json", "stderr.txt"].map((name) => path.join(directory, name)) as [string, string, string];
  writeFileSync(inputPath, inputText);
  const descriptors = { stdin: openSync(inputPath, "r"), stdout: openSync(outputPath, "w"), stderr: openSync(errorPath, "w") };
  let exports: WebAssembly.Exports;
  try {
    const wasi = new WASI({ version: "preview1", args: ["wafa-discount"], env: {}, returnOnExit: true, ...descriptors });
    const instance = new WebAssembly.Instance(module, viaPlainFunctions(wasi.getImportObject() as WebAssembly.Imports));
    exports = instance.exports;
    const { memory, [target]: run } = exports;
    if (!(memory instanceof WebAssembly.Memory) || typeof run !== "function") throw new Error(`the module does not export memory and "${target}"`);
    // wasi.start() runs only `_start`: hand it the target's export under that name.
    const exitCode = wasi.start({ exports: { memory, _start: run } });
    if (exitCode !== undefined && exitCode !== 0) throw new Error(`"${target}" exited with ${exitCode}: ${readFileSync(errorPath, "utf8")}`);
  } finally {
    for (const descriptor of Object.values(descriptors)) closeSync(descriptor);
  }
  const text = readFileSync(outputPath, "utf8");
  try {
    return { text, output: JSON.parse(text) as unknown, exports };
  } catch {
    throw new Error(`"${target}" wrote no JSON on stdout: ${JSON.stringify(text.slice(0, 200))}; stderr: ${readFileSync(errorPath, "utf8")}`);
  }
}

/** The Function's output for `input` (the JSON Shopify would send for src/run.graphql). */
export function runDiscountFunction(target: DiscountFunctionTarget, input: unknown, wasmPath = DISCOUNT_FUNCTION_WASM): unknown {
  return runDiscountFunctionModule(discountFunctionModule(wasmPath), target, JSON.stringify(input)).output;
}
