import type { ActionFunctionArgs } from "@remix-run/node";
import { requireSandbox } from "~/sandbox/guard.server";
import { sandboxRuntime } from "~/sandbox/runtime.server";
import { runStoreCommand } from "~/sandbox/store-commands.server";

/** POST /sandbox/api {"command": "place-order", …}: the simulated store, for scripts. */
export async function action({ request }: ActionFunctionArgs) {
  requireSandbox();
  let input: unknown;
  try {
    input = await request.json();
  } catch {
    return Response.json({ ok: false, error: "the body must be JSON" }, { status: 400 });
  }
  const result = await runStoreCommand(sandboxRuntime(), input);
  return Response.json(result, { status: result.ok ? 200 : 400 });
}
