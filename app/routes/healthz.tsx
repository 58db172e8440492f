/** Liveness for load balancers and deploys: the process serves requests (no database work). */
export function loader() {
  return new Response("ok", { headers: { "Content-Type": "text/plain", "Cache-Control": "no-store" } });
}
