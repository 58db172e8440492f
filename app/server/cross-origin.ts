import type { ServerBuild } from "@remix-run/node";
import { matchRoutes } from "@remix-run/react";

type RouteTree = Parameters<typeof matchRoutes>[0];

/**
 * Remix refuses a form post from another site to a page or a `.data` URL by throwing
 * (`throwIfPotentialCSRFAttack` in @remix-run/server-runtime: an Origin whose host is not
 * the Host / X-Forwarded-Host) and answers that 500. It is the client's doing, so the host
 * answers the same requests 403 before Remix sees them. Resource routes are not checked,
 * by Remix or here: UI extensions call /api/* from Shopify's CDN origin, with CORS.
 */
export function crossOriginGuard(build: ServerBuild): (request: Request) => Response | null {
  const tree = routeTree(build);
  return (request) => {
    const pathname = new URL(request.url).pathname;
    const singleFetch = pathname.endsWith(".data");
    const guarded = singleFetch ? request.method !== "GET" : ["POST", "PUT", "PATCH", "DELETE"].includes(request.method);
    if (!guarded || sameOrigin(request.headers)) return null;
    if (!singleFetch && isResourceRoute(build, tree, pathname)) return null;
    return new Response("Forbidden: a cross-origin request to an admin page", { status: 403, headers: { "Content-Type": "text/plain" } });
  };
}

/** Remix's test, without its throw: no Origin, or one whose host is the request's host. */
function sameOrigin(headers: Headers): boolean {
  const origin = headers.get("origin");
  if (origin === null) return true;
  const host = headers.get("x-forwarded-host")?.split(",")[0]?.trim() || headers.get("host");
  if (!host || origin === "null") return false;
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}

/** As Remix decides: the deepest matching route has neither a component nor an error boundary. */
function isResourceRoute(build: ServerBuild, tree: RouteTree, pathname: string): boolean {
  const id = matchRoutes(tree, pathname)?.at(-1)?.route.id;
  const module = id ? build.routes[id]?.module : undefined;
  return module !== undefined && module.default == null && module.ErrorBoundary == null;
}

function routeTree(build: ServerBuild, parentId?: string): RouteTree {
  return Object.values(build.routes)
    .filter((route) => route !== undefined && route.parentId === parentId)
    .map((route) => {
      const common = { id: route.id, ...(route.path !== undefined ? { path: route.path } : {}), ...(route.caseSensitive ? { caseSensitive: true } : {}) };
      return route.index ? { ...common, index: true as const } : { ...common, children: routeTree(build, route.id) };
    });
}
