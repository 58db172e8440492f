/**
 * Where the discount Function's instructions go, per case and per function:
 *   npx tsx extensions/wafa-discount/profile-instructions.ts [module.wasm] [top]
 * Give it an unstripped build to see function names (e.g. cargo's output with
 * CARGO_PROFILE_RELEASE_STRIP=false, before wasm-opt). The counting is instruction-count.ts;
 * the test that bounds the counts is src/wasm-module.test.ts.
 */
import { readFileSync } from "node:fs";

const print = (line: string) => process.stdout.write(`${line}\n`);
import { functionNames, instructionCounter } from "./instruction-count";
import { largeCart, maxReservations, oneReservation } from "./src/cart-builders";
import { DISCOUNT_FUNCTION_TARGETS, DISCOUNT_FUNCTION_WASM } from "./wasm-runner";

const wasmPath = process.argv[2] ?? DISCOUNT_FUNCTION_WASM;
const top = Number(process.argv[3] ?? 12);
const bytes = readFileSync(wasmPath);
const names = functionNames(bytes);
const count = instructionCounter(bytes, { perFunction: true });
const cases = { "200 lines, no customer": largeCart(200, null), "200 lines, one reservation": largeCart(200, oneReservation()), "200 lines, ten reservations": largeCart(200, maxReservations()) };

print(`${wasmPath}: ${bytes.length} bytes`);
for (const [name, input] of Object.entries(cases)) {
  const inputBytes = Buffer.byteLength(JSON.stringify(input));
  for (const target of DISCOUNT_FUNCTION_TARGETS) {
    const run = count(target, input);
    print(`\n${name} (${inputBytes} bytes in, ${Buffer.byteLength(run.text)} out), ${target}: ${run.instructions.toLocaleString("en")} instructions (${(run.instructions / inputBytes).toFixed(1)} per input byte)`);
    for (const [index, instructions] of [...run.byFunction].sort((a, b) => b[1] - a[1]).slice(0, top)) {
      print(`  ${instructions.toLocaleString("en").padStart(11)}  ${((100 * instructions) / run.instructions).toFixed(1).padStart(5)} %  ${names.get(index) ?? `function ${index}`}`);
    }
  }
}
