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
 * `startOffset` is where `chunks` begin in the file (a resumed download). Blank lines are
 * skipped; a final line without a newline is still a line.
 */
export async function* jsonlLines(chunks: AsyncIterable<Uint8Array>, startOffset = 0): AsyncGenerator<JsonlLine> {
  const decoder = new TextDecoder("utf-8", { fatal: true });
  let carry: Uint8Array | null = null;
  let offset = startOffset;
  for await (const chunk of chunks) {
    let start = 0;
    for (let index = chunk.indexOf(NEWLINE); index !== -1; index = chunk.indexOf(NEWLINE, start)) {
      const piece = chunk.subarray(start, index);
      const bytes: Uint8Array = carry ? concat(carry, piece) : piece;
      carry = null;
      offset += bytes.length + 1;
      start = index + 1;
      const text = decoder.decode(bytes).trim();
      if (text !== "") yield { text, endOffset: offset };
    }
    if (start < chunk.length) carry = carry ? concat(carry, chunk.subarray(start)) : chunk.slice(start);
  }
  if (carry && carry.length > 0) {
    offset += carry.length;
    const text = decoder.decode(carry).trim();
    if (text !== "") yield { text, endOffset: offset };
  }
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const joined = new Uint8Array(a.length + b.length);
  joined.set(a, 0);
  joined.set(b, a.length);
  return joined;
}
