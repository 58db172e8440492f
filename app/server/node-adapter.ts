import type { IncomingMessage, ServerResponse } from "node:http";
import { once } from "node:events";
import { createRequestHandler, type ServerBuild } from "@remix-run/node";
import { crossOriginGuard } from "./cross-origin";
import { callResourceRoute, staticResourceRoutes } from "./resource-routes";

export type RemixListenerOptions = {
  readonly build: ServerBuild;
  readonly mode: string;
  /** Requests are resolved against the app's public URL (what Shopify and App Bridge use). */
  readonly appUrl: string;
  /** Bodies above this are answered 413 before Remix sees them (webhooks are the largest: 1 MiB). */
  readonly maxBodyBytes: number;
};

/**
 * Serves a Remix build on node:http. Request bodies are buffered with a hard size limit
 * (Wafa's largest legitimate body is a webhook), which is also faster than streaming
 * small bodies through web streams.
 */
export function createRemixListener(options: RemixListenerOptions) {
  const handle = createRequestHandler(options.build, options.mode);
  const resourceRoutes = staticResourceRoutes(options.build);
  const refuseCrossOrigin = crossOriginGuard(options.build);
  const onError = (error: unknown) => console.error(error);
  const origin = new URL(options.appUrl).origin;
  return async (incoming: IncomingMessage, outgoing: ServerResponse): Promise<void> => {
    try {
      const body = await readBody(incoming, options.maxBodyBytes);
      if (body === "too_large") {
        outgoing.writeHead(413, { "Content-Type": "text/plain", Connection: "close" }).end("Payload too large");
        return;
      }
      const path = incoming.url ?? "/";
      const queryAt = path.indexOf("?");
      const route = resourceRoutes.get(queryAt === -1 ? path : path.slice(0, queryAt));
      const url = `${origin}${path.startsWith("/") ? path : `/${path}`}`;
      // Rendered pages stop streaming when the client goes away; resource routes answer whole.
      let signal: AbortSignal | undefined;
      if (!route) {
        const controller = new AbortController();
        outgoing.once("close", () => {
          if (!outgoing.writableFinished) controller.abort();
        });
        signal = controller.signal;
      }
      const request = new Request(url, {
        method: incoming.method ?? "GET",
        headers: toHeaders(incoming),
        ...(body ? { body } : {}),
        ...(signal ? { signal } : {}),
      });
      if (route) await sendWhole(outgoing, await callResourceRoute(route, request, onError));
      else await sendStreaming(outgoing, refuseCrossOrigin(request) ?? (await handle(request)));
    } catch (error) {
      console.error(error);
      if (!outgoing.headersSent) outgoing.writeHead(500, { "Content-Type": "text/plain" }).end("Internal Server Error");
      else outgoing.destroy();
    }
  };
}

function toHeaders(incoming: IncomingMessage): Headers {
  const headers = new Headers();
  const raw = incoming.rawHeaders;
  for (let index = 0; index + 1 < raw.length; index += 2) {
    const name = raw[index];
    const value = raw[index + 1];
    if (name !== undefined && value !== undefined && !name.startsWith(":")) headers.append(name, value);
  }
  return headers;
}

async function readBody(incoming: IncomingMessage, limit: number): Promise<Uint8Array<ArrayBuffer> | null | "too_large"> {
  if (incoming.method === "GET" || incoming.method === "HEAD") return null;
  const declared = Number(incoming.headers["content-length"] ?? "0");
  if (declared > limit) {
    incoming.resume();
    return "too_large";
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of incoming) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    size += buffer.byteLength;
    if (size > limit) return "too_large";
    chunks.push(buffer);
  }
  if (size === 0) return null;
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

function responseHeaders(response: Response): Record<string, string | string[]> {
  const headers: Record<string, string | string[]> = {};
  response.headers.forEach((value, name) => {
    if (name !== "set-cookie") headers[name] = value;
  });
  const cookies = response.headers.getSetCookie();
  if (cookies.length > 0) headers["set-cookie"] = cookies;
  return headers;
}

/** Resource routes answer small bodies: one write with a Content-Length. */
async function sendWhole(outgoing: ServerResponse, response: Response): Promise<void> {
  const body = response.body ? Buffer.from(await response.arrayBuffer()) : null;
  const headers = responseHeaders(response);
  headers["content-length"] = String(body?.byteLength ?? 0);
  outgoing.writeHead(response.status, response.statusText, headers);
  outgoing.end(body ?? undefined);
}

/** Rendered pages stream as React produces them, respecting the socket's backpressure. */
async function sendStreaming(outgoing: ServerResponse, response: Response): Promise<void> {
  outgoing.writeHead(response.status, response.statusText, responseHeaders(response));
  if (!response.body) {
    outgoing.end();
    return;
  }
  const reader = response.body.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (!outgoing.write(value)) await once(outgoing, "drain");
      if (outgoing.destroyed) break;
    }
  } finally {
    reader.releaseLock();
  }
  outgoing.end();
}
