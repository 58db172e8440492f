/**
 * Counts the Wasm instructions the discount Function executes, deterministically, the way
 * Shopify meters a Function run (Wasmtime's fuel: one unit per executed operator except
 * `nop`, `drop`, `block`, `loop`, `end`, `else`, `unreachable` and `return`, which cost 0;
 * https://shopify.dev/docs/apps/build/functions/optimize-instruction-counts).
 * docs/decisions/0019-discount-function-wasm.md records what it measures.
 *
 * `instrumentModule(bytes)` returns a copy of the module with a mutable i64 global, exported
 * as `__instructions`, and one increment at the start of every straight-line run of code
 * (function entry, and after `block`, `loop`, `if`, `else`, `end`, `br`, `br_if`,
 * `br_table`, `return`, `unreachable`), by that run's weight. Control can only enter such a
 * run at its start (branch targets are block ends and loop heads) and, short of a trap or
 * a WASI `proc_exit`, leaves it only at its end, so the sum is exactly the fuel of the
 * operators executed. Nothing else changes: the increments leave the value stack as they
 * found it, and no function, type or local is added, so indexes stay valid. The tests
 * assert that the instrumented copy writes byte for byte what the original writes.
 *
 * With `{ perFunction: true }` it adds one counter per defined function instead (exported
 * as `__instructions_<function index>`), for profiling; `functionNames` reads the name
 * section of an unstripped build to label them.
 *
 * No dependency: a small reader of the Wasm binary format (MVP, plus the post-MVP operators
 * a current rustc emits by default: sign extension, saturating truncation, bulk memory,
 * reference types). SIMD is refused rather than miscounted.
 */

import { runDiscountFunctionModule, type DiscountFunctionRun, type DiscountFunctionTarget } from "./wasm-runner";

const SECTION = { custom: 0, type: 1, import: 2, function: 3, table: 4, memory: 5, global: 6, export: 7, start: 8, element: 9, code: 10, data: 11, dataCount: 12 } as const;
/** The order sections must appear in (custom sections aside). */
const SECTION_ORDER: readonly number[] = [SECTION.type, SECTION.import, SECTION.function, SECTION.table, SECTION.memory, SECTION.global, SECTION.export, SECTION.start, SECTION.element, SECTION.dataCount, SECTION.code, SECTION.data];

const OP = { unreachable: 0x00, nop: 0x01, block: 0x02, loop: 0x03, if: 0x04, else: 0x05, end: 0x0b, br: 0x0c, brIf: 0x0d, brTable: 0x0e, return: 0x0f, drop: 0x1a } as const;
/** Operators Wasmtime's fuel does not charge for. */
const FREE = new Set<number>([OP.nop, OP.drop, OP.block, OP.loop, OP.end, OP.else, OP.unreachable, OP.return]);
/** Operators after which control may continue elsewhere: a new straight-line run starts after each. */
const ENDS_RUN = new Set<number>([OP.block, OP.loop, OP.if, OP.else, OP.end, OP.br, OP.brIf, OP.brTable, OP.return, OP.unreachable]);

export const INSTRUCTION_COUNTER_EXPORT = "__instructions";

class Reader {
  offset = 0;
  constructor(readonly bytes: Uint8Array) {}
  byte(): number {
    const value = this.bytes[this.offset];
    if (value === undefined) throw new Error(`unexpected end of the Wasm module at ${this.offset}`);
    this.offset += 1;
    return value;
  }
  u32(): number {
    let result = 0;
    let shift = 0;
    for (;;) {
      const byte = this.byte();
      result += (byte & 0x7f) * 2 ** shift;
      if ((byte & 0x80) === 0) return result;
      shift += 7;
    }
  }
  /** Skips a LEB128 number of any width, signed or not. */
  skipLeb(): void {
    while ((this.byte() & 0x80) !== 0);
  }
  skip(count: number): void {
    this.offset += count;
  }
  bytesOf(start: number, end = this.offset): Uint8Array {
    return this.bytes.subarray(start, end);
  }
}

function unsignedLeb(value: number): number[] {
  const out: number[] = [];
  let rest = value;
  do {
    let byte = rest % 128;
    rest = Math.floor(rest / 128);
    if (rest > 0) byte |= 0x80;
    out.push(byte);
  } while (rest > 0);
  return out;
}

function signedLeb(value: bigint): number[] {
  const out: number[] = [];
  let rest = value;
  for (;;) {
    const byte = Number(rest & 0x7fn);
    rest >>= 7n;
    const done = (rest === 0n && (byte & 0x40) === 0) || (rest === -1n && (byte & 0x40) !== 0);
    out.push(done ? byte : byte | 0x80);
    if (done) return out;
  }
}

function concat(parts: readonly (Uint8Array | readonly number[])[]): Uint8Array<ArrayBuffer> {
  const length = parts.reduce((sum, part) => sum + part.length, 0);
  const out = new Uint8Array(length);
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

const withSize = (content: Uint8Array): Uint8Array => concat([unsignedLeb(content.length), content]);
const vector = (items: readonly Uint8Array[]): Uint8Array => concat([unsignedLeb(items.length), ...items]);
const utf8 = (text: string) => new TextEncoder().encode(text);

/** Skips the immediates of the operator just read (`opcode`). */
function skipImmediates(reader: Reader, opcode: number): void {
  switch (opcode) {
    case OP.block:
    case OP.loop:
    case OP.if: {
      // A block type: 0x40, a value type (one byte), or a type index (a positive s33).
      const first = reader.bytes[reader.offset] ?? 0;
      if (first === 0x40 || (first >= 0x6f && first <= 0x7f)) reader.skip(1);
      else reader.skipLeb();
      return;
    }
    case OP.br:
    case OP.brIf:
    case 0x10: // call
    case 0x20: // local.get
    case 0x21: // local.set
    case 0x22: // local.tee
    case 0x23: // global.get
    case 0x24: // global.set
    case 0x25: // table.get
    case 0x26: // table.set
    case 0x3f: // memory.size
    case 0x40: // memory.grow
    case 0x41: // i32.const
    case 0x42: // i64.const
    case 0xd2: // ref.func
      reader.skipLeb();
      return;
    case OP.brTable: {
      const count = reader.u32();
      for (let index = 0; index <= count; index += 1) reader.skipLeb();
      return;
    }
    case 0x11: // call_indirect: type index, table index
      reader.skipLeb();
      reader.skipLeb();
      return;
    case 0x1c: // select with types
      reader.skip(reader.u32());
      return;
    case 0x43: // f32.const
      reader.skip(4);
      return;
    case 0x44: // f64.const
      reader.skip(8);
      return;
    case 0xd0: // ref.null t
      reader.skip(1);
      return;
    case 0xfc: {
      const sub = reader.u32();
      if (sub <= 7) return; // saturating truncations
      if (sub === 8 || sub === 10 || sub === 12 || sub === 14) {
        reader.skipLeb(); // memory.init, memory.copy, table.init, table.copy: two indexes
        reader.skipLeb();
        return;
      }
      if (sub === 9 || sub === 11 || sub === 13 || (sub >= 15 && sub <= 17)) {
        reader.skipLeb(); // data.drop, memory.fill, elem.drop, table.grow/size/fill
        return;
      }
      throw new Error(`unknown 0xfc operator ${sub}`);
    }
    case 0xfd:
      throw new Error("SIMD operators are not supported by the instruction counter");
    default:
      if (opcode >= 0x28 && opcode <= 0x3e) {
        reader.skipLeb(); // memarg: alignment, offset
        reader.skipLeb();
        return;
      }
      // Everything else in MVP, sign extension and reference types has no immediate.
      if (opcode <= 0x1b || (opcode >= 0x45 && opcode <= 0xc4) || opcode === 0xd1) return;
      throw new Error(`unknown Wasm operator 0x${opcode.toString(16)}`);
  }
}

/** `global.get g; i64.const weight; i64.add; global.set g` */
function increment(global: number, weight: number): number[] {
  const index = unsignedLeb(global);
  return [0x23, ...index, 0x42, ...signedLeb(BigInt(weight)), 0x7c, 0x24, ...index];
}

/** One function body with an increment at the start of each straight-line run. */
function instrumentBody(body: Uint8Array, global: number): Uint8Array {
  const reader = new Reader(body);
  const localGroups = reader.u32();
  for (let group = 0; group < localGroups; group += 1) {
    reader.u32();
    reader.skip(1);
  }
  const parts: (Uint8Array | number[])[] = [body.subarray(0, reader.offset)];
  let runStart = reader.offset;
  let weight = 0;
  const flush = () => {
    if (weight > 0) parts.push(increment(global, weight));
    parts.push(reader.bytesOf(runStart));
    runStart = reader.offset;
    weight = 0;
  };
  while (reader.offset < body.length) {
    const opcode = reader.byte();
    skipImmediates(reader, opcode);
    if (!FREE.has(opcode)) weight += 1;
    if (ENDS_RUN.has(opcode)) flush();
  }
  if (reader.offset !== runStart) flush();
  return concat(parts);
}

type Section = { readonly id: number; readonly content: Uint8Array };

function sectionsOf(bytes: Uint8Array): Section[] {
  const reader = new Reader(bytes);
  const header = bytes.subarray(0, 8);
  if (header.join() !== [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00].join()) throw new Error("not a Wasm module (version 1)");
  reader.skip(8);
  const sections: Section[] = [];
  while (reader.offset < bytes.length) {
    const id = reader.byte();
    const size = reader.u32();
    sections.push({ id, content: bytes.subarray(reader.offset, reader.offset + size) });
    reader.skip(size);
  }
  return sections;
}

/** How many functions and globals the module imports (they come first in each index space). */
function importCounts(section: Section | undefined): { functions: number; globals: number } {
  const counts = { functions: 0, globals: 0 };
  if (!section) return counts;
  const reader = new Reader(section.content);
  const count = reader.u32();
  for (let index = 0; index < count; index += 1) {
    reader.skip(reader.u32()); // module
    reader.skip(reader.u32()); // name
    const kind = reader.byte();
    if (kind === 0x00) {
      reader.u32();
      counts.functions += 1;
    } else if (kind === 0x01) {
      reader.skip(1); // reference type
      const flags = reader.u32();
      reader.u32();
      if (flags & 1) reader.u32();
    } else if (kind === 0x02) {
      const flags = reader.u32();
      reader.u32();
      if (flags & 1) reader.u32();
    } else if (kind === 0x03) {
      reader.skip(2); // value type, mutability
      counts.globals += 1;
    } else throw new Error(`unknown import kind ${kind}`);
  }
  return counts;
}

/** The entries of a vector section, each as its bytes (`entry` skips one). */
function entriesOf(section: Section | undefined, entry: (reader: Reader) => void): Uint8Array[] {
  if (!section) return [];
  const reader = new Reader(section.content);
  const count = reader.u32();
  const entries: Uint8Array[] = [];
  for (let index = 0; index < count; index += 1) {
    const start = reader.offset;
    entry(reader);
    entries.push(reader.bytesOf(start));
  }
  return entries;
}

function skipConstantExpression(reader: Reader): void {
  for (;;) {
    const opcode = reader.byte();
    if (opcode === OP.end) return;
    skipImmediates(reader, opcode);
  }
}

export type InstrumentedModule = {
  readonly bytes: Uint8Array<ArrayBuffer>;
  /** Export names of the counters: one (`__instructions`), or one per defined function. */
  readonly counters: readonly { readonly exportName: string; readonly functionIndex: number | null }[];
};

export function instrumentModule(original: Uint8Array, options: { readonly perFunction?: boolean } = {}): InstrumentedModule {
  const sections = sectionsOf(original);
  const find = (id: number) => sections.find((section) => section.id === id);
  const imported = importCounts(find(SECTION.import));
  const globals = entriesOf(find(SECTION.global), (reader) => {
    reader.skip(2);
    skipConstantExpression(reader);
  });
  const exports = entriesOf(find(SECTION.export), (reader) => {
    reader.skip(reader.u32());
    reader.skip(1);
    reader.u32();
  });
  const bodies = entriesOf(find(SECTION.code), (reader) => reader.skip(reader.u32()));

  const firstCounter = imported.globals + globals.length;
  const counterCount = options.perFunction ? bodies.length : 1;
  const counters = Array.from({ length: counterCount }, (_, index) => ({
    exportName: options.perFunction ? `${INSTRUCTION_COUNTER_EXPORT}_${imported.functions + index}` : INSTRUCTION_COUNTER_EXPORT,
    functionIndex: options.perFunction ? imported.functions + index : null,
  }));
  // (global (mut i64) (i64.const 0)), exported.
  const newGlobals = counters.map(() => Uint8Array.from([0x7e, 0x01, 0x42, 0x00, OP.end]));
  const newExports = counters.map(({ exportName }, index) => concat([withSize(utf8(exportName)), [0x03], unsignedLeb(firstCounter + index)]));
  const newBodies = bodies.map((entry, index) => {
    const reader = new Reader(entry);
    const size = reader.u32();
    return withSize(instrumentBody(entry.subarray(reader.offset, reader.offset + size), firstCounter + (options.perFunction ? index : 0)));
  });

  const replaced = new Map<number, Uint8Array>([
    [SECTION.global, vector([...globals, ...newGlobals])],
    [SECTION.export, vector([...exports, ...newExports])],
    [SECTION.code, vector(newBodies)],
  ]);
  const out: Uint8Array[] = [original.subarray(0, 8)];
  const written = new Set<number>();
  const writeMissingBefore = (id: number) => {
    // A module without a global or export section gets one in its place in the order.
    for (const missing of replaced.keys()) {
      if (!written.has(missing) && SECTION_ORDER.indexOf(missing) < SECTION_ORDER.indexOf(id)) {
        out.push(Uint8Array.from([missing]), withSize(replaced.get(missing) ?? new Uint8Array()));
        written.add(missing);
      }
    }
  };
  for (const section of sections) {
    if (section.id !== SECTION.custom) writeMissingBefore(section.id);
    const content = replaced.get(section.id) ?? section.content;
    if (replaced.has(section.id)) written.add(section.id);
    out.push(Uint8Array.from([section.id]), withSize(content));
  }
  writeMissingBefore(Number.MAX_SAFE_INTEGER);
  return { bytes: concat(out), counters };
}

/** Function names from the `name` custom section, when the build kept it. */
export function functionNames(bytes: Uint8Array): Map<number, string> {
  const names = new Map<number, string>();
  for (const section of sectionsOf(bytes)) {
    if (section.id !== SECTION.custom) continue;
    const reader = new Reader(section.content);
    const nameLength = reader.u32();
    if (new TextDecoder().decode(reader.bytesOf(reader.offset, reader.offset + nameLength)) !== "name") continue;
    reader.skip(nameLength);
    while (reader.offset < section.content.length) {
      const kind = reader.byte();
      const size = reader.u32();
      const end = reader.offset + size;
      if (kind === 1) {
        const count = reader.u32();
        for (let index = 0; index < count; index += 1) {
          const functionIndex = reader.u32();
          const length = reader.u32();
          names.set(functionIndex, new TextDecoder().decode(reader.bytesOf(reader.offset, reader.offset + length)));
          reader.skip(length);
        }
      }
      reader.offset = end;
    }
  }
  return names;
}

export type CountedRun = DiscountFunctionRun & {
  /** Instructions executed by the export, as Wasmtime's fuel counts them. */
  readonly instructions: number;
  /** With `perFunction`: instructions by function index. */
  readonly byFunction: ReadonlyMap<number, number>;
};

/** Runs `target` on `input` (JSON text, or a value to stringify) in an instrumented copy of `original` and reads its counters. */
export function instructionCounter(original: Uint8Array, options: { readonly perFunction?: boolean } = {}): (target: DiscountFunctionTarget, input: unknown) => CountedRun {
  const instrumented = instrumentModule(original, options);
  const module = new WebAssembly.Module(instrumented.bytes);
  return (target, input) => {
    const run = runDiscountFunctionModule(module, target, typeof input === "string" ? input : JSON.stringify(input));
    const byFunction = new Map<number, number>();
    let instructions = 0;
    for (const { exportName, functionIndex } of instrumented.counters) {
      const counter = run.exports[exportName];
      if (!(counter instanceof WebAssembly.Global)) throw new Error(`the instrumented module lacks ${exportName}`);
      const count = Number(counter.value as bigint);
      instructions += count;
      if (functionIndex !== null && count > 0) byFunction.set(functionIndex, count);
    }
    return { ...run, instructions, byFunction };
  };
}
