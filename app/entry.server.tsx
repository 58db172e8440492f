import { PassThrough } from "node:stream";
import { createReadableStreamFromReadable, type EntryContext } from "@remix-run/node";
import { RemixServer } from "@remix-run/react";
import { isbot } from "isbot";
import { renderToPipeableStream } from "react-dom/server";
import { closeDatabase } from "./db.server";
import { serverEnv } from "./env.server";
import { sandboxEnabled } from "./sandbox/edge.server";
import { addDocumentResponseHeaders } from "./shopify.server";

export const streamTimeout = 5000;

export default async function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
) {
  addDocumentResponseHeaders(request, responseHeaders);
  // The sandbox serves its own App Bridge stand-in: preloading Shopify's CDN script (the
  // library's Link header) would be unused online and a failed request offline.
  if (sandboxEnabled(serverEnv()) && responseHeaders.get("Link")?.includes("cdn.shopify.com")) responseHeaders.delete("Link");
  const ready = isbot(request.headers.get("user-agent") ?? "") ? "onAllReady" : "onShellReady";
  return new Promise<Response>((resolve, reject) => {
    const { pipe, abort } = renderToPipeableStream(<RemixServer context={remixContext} url={request.url} />, {
      [ready]: () => {
        const body = new PassThrough();
        responseHeaders.set("Content-Type", "text/html");
        resolve(new Response(createReadableStreamFromReadable(body), { headers: responseHeaders, status: responseStatusCode }));
        pipe(body);
      },
      onShellError(error: unknown) {
        reject(error);
      },
      onError(error: unknown) {
        responseStatusCode = 500;
        console.error(error);
      },
    });
    setTimeout(abort, streamTimeout + 1000);
  });
}

// Lifecycle hooks for the HTTP host (app/server/main.ts).
export { startSandbox } from "./sandbox/boot.server";
export { startScheduledWork } from "./jobs/host.server";

export async function shutdown(): Promise<void> {
  await closeDatabase();
}
