import { createReadStream, type Stats } from "node:fs";
import { stat } from "node:fs/promises";
import type { IncomingMessage, ServerResponse } from "node:http";
import path from "node:path";

const TYPES: Record<string, string> = {
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json",
  ".map": "application/json",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".woff2": "font/woff2",
  ".txt": "text/plain; charset=utf-8",
};

/**
 * Serves the client build (build/client): fingerprinted /assets/* cached for a year,
 * anything else for an hour. Answers false when there is no such file (Remix handles it).
 */
export async function serveStatic(root: string, incoming: IncomingMessage, outgoing: ServerResponse): Promise<boolean> {
  if (incoming.method !== "GET" && incoming.method !== "HEAD") return false;
  const pathname = decodeURIComponent(new URL(incoming.url ?? "/", "http://localhost").pathname);
  if (pathname === "/" || pathname.includes("\0")) return false;
  const file = path.resolve(root, `.${pathname}`);
  if (!file.startsWith(root + path.sep)) return false;
  let info: Stats;
  try {
    info = await stat(file);
  } catch {
    return false;
  }
  if (!info.isFile()) return false;
  outgoing.writeHead(200, {
    "Content-Type": TYPES[path.extname(file)] ?? "application/octet-stream",
    "Content-Length": info.size,
    "Cache-Control": pathname.startsWith("/assets/") ? "public, max-age=31536000, immutable" : "public, max-age=3600",
  });
  if (incoming.method === "HEAD") outgoing.end();
  else createReadStream(file).pipe(outgoing);
  return true;
}
