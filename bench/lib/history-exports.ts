// The history import bench's stand-in for Shopify's file storage: serves a generated shop's
// customers and orders as bulk operation JSONL files (app/test/history-jsonl.ts), streamed
// from a generator (nothing held in memory or on disk). It runs in its own process, so the
// import being measured does not pay for writing the files.
// `tsx bench/lib/history-exports.ts --orders N --customers M` prints "listening on <port>".
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { parseArgs } from "node:util";
import { customerLine, orderLines } from "../../app/test/history-jsonl";

const { values } = parseArgs({ options: { orders: { type: "string" }, customers: { type: "string" } } });
const ORDERS = Number(values.orders);
const CUSTOMERS = Number(values.customers);

/** Lines joined into chunks of about 64 KiB: fewer writes for the socket. */
function* generate(kind: "customers" | "orders"): Generator<string> {
  let chunk = "";
  const flushAt = 64 * 1024;
  if (kind === "customers") {
    for (let id = 1; id <= CUSTOMERS; id++) {
      chunk += `${customerLine(id)}\n`;
      if (chunk.length >= flushAt) {
        yield chunk;
        chunk = "";
      }
    }
  } else {
    // Two years of orders, all before the program (the bench installs it on 2026-01-01).
    const start = Date.parse("2024-01-01T00:00:00Z");
    const step = Math.floor((2 * 365 * 86_400_000) / ORDERS);
    for (let id = 1; id <= ORDERS; id++) {
      const processedAt = new Date(start + id * step).toISOString();
      for (const line of orderLines({ id, customerId: id % 5 === 0 ? null : 1 + (id % CUSTOMERS), processedAt, lines: 1 + (id % 3) })) chunk += `${line}\n`;
      if (chunk.length >= flushAt) {
        yield chunk;
        chunk = "";
      }
    }
  }
  if (chunk !== "") yield chunk;
}

const server = createServer((request, response) => {
  const kind = request.url?.includes("orders") ? "orders" : "customers";
  response.writeHead(200, { "Content-Type": "application/jsonl" });
  const chunks = generate(kind);
  const pump = () => {
    for (;;) {
      const next = chunks.next();
      if (next.done) return void response.end();
      if (!response.write(next.value)) return void response.once("drain", pump);
    }
  };
  pump();
});
server.listen(0, "127.0.0.1", () => console.log(`listening on ${(server.address() as AddressInfo).port}`));
process.on("SIGTERM", () => server.close(() => process.exit(0)));
