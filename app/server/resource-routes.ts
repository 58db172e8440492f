import type { ServerBuild } from "@remix-run/node";

type RouteHandler = (args: { request: Request; params: Record<string, string>; context: Record<string, unknown> }) => unknown;
export type ResourceRoute = { readonly id: string; readonly loader?: RouteHandler; readonly action?: RouteHandler };

/**
 * Resource routes (no UI) with a static path, by pathname. Remix's server router flattens
 * and ranks the whole route tree on every request (measured: 22 % of the CPU of an empty
 * request); for these routes the host calls the route module's loader or action itself,
 * with Remix's semantics for resource routes. See docs/decisions/0005-http-host.md.
 */
export function staticResourceRoutes(build: ServerBuild): Map<string, ResourceRoute> {
  const routes = new Map<string, ResourceRoute>();
  for (const route of Object.values(build.routes)) {
    if (!route || "default" in route.module || route.index) continue;
    const path = fullPath(build, route.id);
    if (path === null || /[:*]/.test(path)) continue;
    const module = route.module as { loader?: RouteHandler; action?: RouteHandler };
    routes.set(path, { id: route.id, ...(module.loader ? { loader: module.loader } : {}), ...(module.action ? { action: module.action } : {}) });
  }
  return routes;
}

function fullPath(build: ServerBuild, id: string): string | null {
  const segments: string[] = [];
  for (let current = build.routes[id]; current; current = current.parentId ? build.routes[current.parentId] : undefined) {
    if (current.path === undefined && current.id !== "root") return null;
    if (current.path) segments.unshift(current.path);
  }
  return `/${segments.join("/")}`;
}

/**
 * What Remix's `data(value, init)` returns (a `DataWithResponseInit`). Read by shape: Remix
 * does not export its check, and the class lives in a transitive package.
 */
type DataWithInit = { readonly type: "DataWithResponseInit"; readonly data: unknown; readonly init: ResponseInit | null };
const isDataWithInit = (value: unknown): value is DataWithInit =>
  typeof value === "object" && value !== null && "type" in value && value.type === "DataWithResponseInit" && "data" in value && "init" in value;

/**
 * Calls a resource route the way Remix does: a returned or thrown Response is the answer,
 * and a plain value is answered as JSON. A `data(value, init)` answers with its value and
 * its status and headers, returned or thrown (a thrown one defaults to 500, as Remix's
 * error responses do): serialising the wrapper itself gave a 200 whose body was the wrapper.
 */
export async function callResourceRoute(route: ResourceRoute, request: Request, onError: (error: unknown) => void): Promise<Response> {
  const method = request.method.toUpperCase();
  const handler = method === "GET" || method === "HEAD" ? route.loader : route.action;
  if (!handler) return new Response(null, { status: 405, headers: { Allow: route.loader ? "GET, HEAD" : "POST" } });
  let response: Response;
  try {
    const result = await handler({ request, params: {}, context: {} });
    response = result instanceof Response ? result : isDataWithInit(result) ? Response.json(result.data, result.init ?? {}) : Response.json(result ?? null);
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    if (!isDataWithInit(thrown)) {
      onError(thrown);
      return new Response("Unexpected Server Error", { status: 500 });
    }
    response = Response.json(thrown.data, { ...thrown.init, status: thrown.init?.status ?? 500 });
  }
  return method === "HEAD" ? new Response(null, response) : response;
}
