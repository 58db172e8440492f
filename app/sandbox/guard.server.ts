import { serverEnv } from "../env.server";
import { sandboxEnabled } from "./edge.server";

/** Sandbox routes do not exist unless the sandbox is on (never in production). */
export function requireSandbox() {
  const env = serverEnv();
  if (!sandboxEnabled(env)) throw new Response("Not Found", { status: 404 });
  return env;
}
