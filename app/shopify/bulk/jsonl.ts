/**
 * Splits a JSONL byte stream into lines without ever holding more than one chunk and one
 * partial line in memory. Each line comes with the byte offset just after its newline, the
 * checkpoint a resumed import restarts from (docs/decisions/0013-history-import.md).
 */
export type JsonlLine = {
  readonly text: string;
  /** Offset (in bytes from the start of the file) just after this line's newline. */
  readonly endOffset: number;
};

const NEWLINE = 0x0a;

/**
 * The lines of each chunk at once (a file has millions: one step of an async generator per
 * line cost more than splitting them). `startOffset` is where `chunks` begin in the file (a
 * resumed download). Blank lines are skipped; a final line without a newline is still a line.
 */
export async function* jsonlLineBatches(chunks: AsyncIterable<Uint8Array>, startOffset = 0): AsyncGenerator<JsonlLine[]> {
  const decoder = new TextDecoder("utf-8", { fatal: true });
  let carry: Uint8Array | null = null;
  let offset = startOffset;
  for await (const chunk of chunks) {
    const last = chunk.lastIndexOf(NEWLINE);
    if (last === -1) {
      carry = carry ? concat(carry, chunk) : chunk.slice();
      continue;
    }
    const complete = carry ? concat(carry, chunk.subarray(0, last + 1)) : chunk.subarray(0, last + 1);
    carry = last + 1 < chunk.length ? chunk.slice(last + 1) : null;
    const lines = splitLines(complete, decoder.decode(complete), offset);
    offset += complete.length;
    if (lines.length > 0) yield lines;
  }
  if (carry && carry.length > 0) {
    const text = decoder.decode(carry).trim();
    if (text !== "") yield [{ text, endOffset: offset + carry.length }];
  }
}

/**
 * Lines of `bytes` (ending with a newline) and of `text`, its decoding, walked together: a
 * newline byte is never part of a multi-byte character, so the n-th newline of one is the
 * n-th of the other, and the bytes give the offsets.
 */
function splitLines(bytes: Uint8Array, text: string, offset: number): JsonlLine[] {
  const lines: JsonlLine[] = [];
  let byteStart = 0;
  let textStart = 0;
  while (byteStart < bytes.length) {
    const byteEnd = bytes.indexOf(NEWLINE, byteStart);
    const textEnd = text.indexOf("\n", textStart);
    const line = text.slice(textStart, textEnd).trim();
    if (line !== "") lines.push({ text: line, endOffset: offset + byteEnd + 1 });
    byteStart = byteEnd + 1;
    textStart = textEnd + 1;
  }
  return lines;
}

/** Line by line (tests, small files). */
export async function* jsonlLines(chunks: AsyncIterable<Uint8Array>, startOffset = 0): AsyncGenerator<JsonlLine> {
  for await (const lines of jsonlLineBatches(chunks, startOffset)) yield* lines;
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const joined = new Uint8Array(a.length + b.length);
  joined.set(a, 0);
  joined.set(b, a.length);
  return joined;
}
