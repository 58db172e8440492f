import { redirect, type LoaderFunctionArgs } from "@remix-run/node";
import { sandboxAdminUrl } from "~/sandbox/boot.server";
import { requireSandbox } from "~/sandbox/guard.server";

/** Opens the embedded admin as Shopify admin would: with shop, host and a fresh session token. */
export async function loader({ request }: LoaderFunctionArgs) {
  const env = requireSandbox();
  throw redirect(sandboxAdminUrl(new URL(request.url).origin, env));
}
