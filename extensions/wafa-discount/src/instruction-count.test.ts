import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { INSTRUCTION_COUNTER_EXPORT, instrumentModule } from "../instruction-count";
import { DISCOUNT_FUNCTION_WASM } from "../wasm-runner";

// The counter behind the instruction budgets of wasm-module.test.ts, on a module small
// enough to count by hand.

const section = (id: number, content: number[]) => [id, content.length, ...content];
const body = [
  0x00, // no locals
  0x03, 0x40, // loop
  0x20, 0x00, 0x41, 0x01, 0x6b, 0x22, 0x00, 0x0d, 0x00, // local.get 0; i32.const 1; i32.sub; local.tee 0; br_if 0 — 5 a turn
  0x0b, // end
  0x02, 0x40, // block
  0x20, 0x00, 0x45, 0x0d, 0x00, // local.get 0; i32.eqz; br_if 0 (taken) — 3
  0x00, // unreachable (skipped)
  0x0b, // end
  0x41, 0x07, 0x04, 0x7f, // i32.const 7; if (result i32) — 2
  0x41, 0x01, // i32.const 1 — 1
  0x05, 0x41, 0x02, 0x0b, // else i32.const 2 (skipped) end
  0x1a, 0x01, // drop; nop — free
  0x41, 0x05, // i32.const 5 — 1
  0x0b,
];
/** `run(n)` returns 5 after 5n + 7 charged operators (Wasmtime's fuel). No global or export of a global. */
const handCounted = Uint8Array.from([
  0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
  ...section(1, [0x01, 0x60, 0x01, 0x7f, 0x01, 0x7f]),
  ...section(3, [0x01, 0x00]),
  ...section(7, [0x01, 0x03, ...new TextEncoder().encode("run"), 0x00, 0x00]),
  ...section(10, [0x01, body.length, ...body]),
]);

describe("the instruction counter", () => {
  it("counts what Wasmtime's fuel charges: every operator but nop, drop, block, loop, end, else, unreachable and return, as executed", () => {
    const original = new WebAssembly.Instance(new WebAssembly.Module(handCounted)).exports as { run: (n: number) => number };
    const instance = new WebAssembly.Instance(new WebAssembly.Module(instrumentModule(handCounted).bytes));
    const { run, [INSTRUCTION_COUNTER_EXPORT]: counter } = instance.exports as { run: (n: number) => number; [INSTRUCTION_COUNTER_EXPORT]: WebAssembly.Global };
    expect(run(10)).toBe(original.run(10));
    expect(counter.value).toBe(5n * 10n + 7n);
    run(1);
    expect(counter.value).toBe(57n + 12n);
  });

  it("keeps the discount Function a valid module with the same imports and exports, plus the counter", () => {
    const bytes = readFileSync(DISCOUNT_FUNCTION_WASM);
    const instrumented = new WebAssembly.Module(instrumentModule(bytes).bytes);
    const original = new WebAssembly.Module(bytes);
    expect(WebAssembly.Module.imports(instrumented)).toEqual(WebAssembly.Module.imports(original));
    expect(WebAssembly.Module.exports(instrumented)).toEqual([...WebAssembly.Module.exports(original), { name: INSTRUCTION_COUNTER_EXPORT, kind: "global" }]);
  });
});
