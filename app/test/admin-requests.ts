// Signed admin requests against the real server, as App Bridge makes them: a session token
// (Shopify's test helper, `sub` = USER_ID) in the Authorization header, and Remix's single
// fetch `.data` URLs whose turbo-stream answers are decoded here.
import { getJwt } from "@shopify/shopify-api/test-helpers";
import { decode } from "turbo-stream";
import type { AppServer } from "./app-server";

/** Shopify's library answers requests from bots with 410: admin requests come from a browser. */
export const BROWSER_USER_AGENT = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0 Safari/537.36";

/**
 * An admin session token as Shopify admin signs it. The helper's default `iss` lacks the
 * scheme; Shopify's documented claims are `iss` https://<shop>/admin, `dest` https://<shop>.
 */
export async function adminToken(server: AppServer, shop: string, overrides: Record<string, unknown> = {}): Promise<string> {
  const { token } = await getJwt(shop.replace(".myshopify.com", ""), server.apiKey, server.apiSecret, { iss: `https://${shop}/admin`, ...overrides });
  return token;
}

/** A request to an admin URL (a page, a resource route or a `.data` URL) with a valid session token. */
export async function adminFetch(server: AppServer, shop: string, path: string, init: RequestInit = {}, token?: string): Promise<Response> {
  const headers = new Headers(init.headers);
  headers.set("Authorization", `Bearer ${token ?? (await adminToken(server, shop))}`);
  if (!headers.has("User-Agent")) headers.set("User-Agent", BROWSER_USER_AGENT);
  return fetch(new URL(path, server.url), { ...init, headers, redirect: "manual" });
}

export type RouteResult = { readonly status: number; readonly data?: unknown; readonly error?: unknown; readonly redirect?: string };

/** A thrown Response (e.g. a 404) as Remix's client sees it: its status and data. */
export type RouteErrorResponse = { readonly status: number; readonly statusText: string; readonly data: unknown };

/**
 * Remix encodes thrown responses, errors and redirects with turbo-stream plugins; these
 * decode them to plain values (Remix's client does the same with its own classes).
 */
const REMIX_PLUGINS = [
  (type: string, ...rest: unknown[]) => {
    if (type === "ErrorResponse") {
      const [data, status, statusText] = rest;
      return { value: { status, statusText, data } satisfies Record<keyof RouteErrorResponse, unknown> };
    }
    if (type === "SanitizedError") {
      const [name, message] = rest;
      return { value: { name, message } };
    }
    if (type === "SingleFetchRedirect") return { value: { redirect: rest[0] } };
    return undefined;
  },
];

async function decodeBody(response: Response): Promise<unknown> {
  if (!response.body) return undefined;
  const decoded = await decode(response.body, { plugins: REMIX_PLUGINS });
  await decoded.done;
  return decoded.value;
}

/**
 * What a route's loader returned, through single fetch: `path` is the page URL (with its
 * query), `routeId` the Remix route id, e.g. `routes/app.members`.
 */
export async function loadRoute(server: AppServer, shop: string, path: string, routeId: string): Promise<RouteResult> {
  const url = new URL(path, server.url);
  const dataUrl = new URL(`${url.pathname.replace(/\/$/, "") || "/_root"}.data${url.search}`, server.url);
  dataUrl.searchParams.set("_routes", routeId);
  const response = await adminFetch(server, shop, dataUrl.pathname + dataUrl.search);
  if (response.headers.get("Content-Type")?.includes("text/x-script") !== true) {
    return { status: response.status, error: await response.text() };
  }
  const results = (await decodeBody(response)) as Record<string, { data?: unknown; error?: unknown; redirect?: string }> | undefined;
  const result = results?.[routeId];
  return { status: response.status, ...(result ?? {}) };
}

/**
 * Submits a form to a route's action through single fetch, as `useSubmit`/`<Form>` do:
 * `fields` become a urlencoded body (JSON values are sent as strings, so a form field named
 * `program` can carry the whole program).
 */
export async function submitRoute(server: AppServer, shop: string, path: string, fields: Record<string, string>): Promise<RouteResult> {
  const url = new URL(path, server.url);
  const dataUrl = `${url.pathname.replace(/\/$/, "")}.data${url.search}`;
  const response = await adminFetch(server, shop, dataUrl, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams(fields).toString(),
  });
  if (response.headers.get("Content-Type")?.includes("text/x-script") !== true) {
    return { status: response.status, error: await response.text() };
  }
  const result = (await decodeBody(response)) as { data?: unknown; error?: unknown; redirect?: string } | undefined;
  return { status: response.status, ...(result ?? {}) };
}
