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

/** Calls a resource route the way Remix does: a returned or thrown Response is the answer. */
export async function callResourceRoute(route: ResourceRoute, request: Request, onError: (error: unknown) => void): Promise<Response> {
  const method = request.method.toUpperCase();
  const handler = method === "GET" || method === "HEAD" ? route.loader : route.action;
  if (!handler) return new Response(null, { status: 405, headers: { Allow: route.loader ? "GET, HEAD" : "POST" } });
  try {
    const result = await handler({ request, params: {}, context: {} });
    if (result instanceof Response) return method === "HEAD" ? new Response(null, result) : result;
    return Response.json(result ?? null);
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    onError(thrown);
    return new Response("Unexpected Server Error", { status: 500 });
  }
}
