import { data, type ActionFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { getDatabase } from "~/db.server";
import { launchProgram, pauseProgram } from "~/services/launch-program.server";
import { ENSURE_APP_DISCOUNT_JOB } from "~/jobs/app-discount-jobs.server";
import { SYNC_STOREFRONT_CONFIG_JOB } from "~/jobs/storefront-jobs.server";
import { requestShopJobs } from "~/services/request-shop-jobs.server";
import { authenticate } from "~/shopify.server";

const Intent = z.object({ intent: z.enum(["launch", "pause"], 'Choose "launch" or "pause".') });

/** Launches or pauses the program for shoppers (a resource route the checklist and settings post to). */
export async function action({ request }: ActionFunctionArgs) {
  const { session } = await authenticate.admin(request);
  const parsed = Intent.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success) return data({ status: "invalid" as const, message: parsed.error.issues[0]?.message ?? "Invalid request." }, { status: 400 });
  const run = parsed.data.intent === "launch" ? launchProgram : pauseProgram;
  const result = await run(getDatabase(), session.shop, new Date());
  if (result.status === "shop_not_installed") throw new Response("This shop is not installed", { status: 404 });
  // Going live also creates the shop's Wafa rewards discount.
  await requestShopJobs(getDatabase(), session.shop, result.status === "live" ? [SYNC_STOREFRONT_CONFIG_JOB, ENSURE_APP_DISCOUNT_JOB] : [SYNC_STOREFRONT_CONFIG_JOB]);
  return data({ status: result.status, launchedAt: result.status === "live" ? result.launchedAt.toISOString() : null });
}
