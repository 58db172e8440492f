import type { ActionFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { getDatabase } from "~/db.server";
import { findShop, isInstalled } from "~/repositories/shops.server";
import { sandboxRedemptionState } from "~/sandbox/admin/redemption-operations";
import { requireSandbox } from "~/sandbox/guard.server";
import { releaseExpiredRedemptions } from "~/services/redemption/release-redemptions.server";
import { offlineAdminFor } from "~/shopify/admin/offline-admin.server";

/** GET /sandbox/redemptions: what the simulated Admin API holds for redemptions (metafields, codes, store credit). */
export function loader() {
  requireSandbox();
  return Response.json(sandboxRedemptionState());
}

const Command = z.object({ command: z.literal("release-expired"), at: z.iso.datetime() });

/**
 * POST /sandbox/redemptions {"command": "release-expired", "at": ISO}: the expiry job for the
 * sandbox shop as if the clock read `at` (holds last an hour; a demo or a test need not wait).
 */
export async function action({ request }: ActionFunctionArgs) {
  const env = requireSandbox();
  const command = Command.safeParse(await request.json().catch(() => null));
  if (!command.success) return Response.json({ ok: false, error: 'expected {"command": "release-expired", "at": "<ISO date-time>"}' }, { status: 400 });
  const database = getDatabase();
  const shop = await findShop(database.db, env.SANDBOX_SHOP);
  if (!isInstalled(shop)) return Response.json({ ok: false, error: `${env.SANDBOX_SHOP} is not installed` }, { status: 409 });
  const result = await releaseExpiredRedemptions(database, offlineAdminFor, { shopId: shop.id, now: new Date(command.data.at) });
  return Response.json({ ok: true, ...result });
}
