import { createReadStream, readdirSync, statSync } from "node:fs";
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
 * anything else for an hour. The files are listed once at start (the build is immutable),
 * so a request that is not for a file costs no file-system call.
 */
export function staticFiles(root: string) {
  const files = new Map<string, { file: string; size: number }>();
  const visit = (directory: string) => {
    for (const entry of readdirSync(directory, { withFileTypes: true })) {
      const file = path.join(directory, entry.name);
      if (entry.isDirectory()) visit(file);
      else files.set(`/${path.relative(root, file).split(path.sep).join("/")}`, { file, size: statSync(file).size });
    }
  };
  visit(root);
  return function serveStatic(incoming: IncomingMessage, outgoing: ServerResponse): boolean {
    if (incoming.method !== "GET" && incoming.method !== "HEAD") return false;
    const pathname = (incoming.url ?? "/").split("?")[0] ?? "/";
    const found = files.get(pathname);
    if (!found) return false;
    outgoing.writeHead(200, {
      "Content-Type": TYPES[path.extname(found.file)] ?? "application/octet-stream",
      "Content-Length": found.size,
      "Cache-Control": pathname.startsWith("/assets/") ? "public, max-age=31536000, immutable" : "public, max-age=3600",
    });
    if (incoming.method === "HEAD") outgoing.end();
    else createReadStream(found.file).pipe(outgoing);
    return true;
  };
}
