import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { getDatabase } from "~/db.server";
import { latestSegmentExportView, requestSegmentExport } from "~/services/reports/request-segment-export.server";
import { authenticate } from "~/shopify.server";

/**
 * The Segments tab's export of the RFM segments to Shopify (docs/decisions/0014-reports.md):
 * GET answers the latest export's progress (the tab polls it while the export runs, without
 * recomputing the reports); POST asks for an export, with the merchant's confirmation.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const { session } = await authenticate.admin(request);
  return { export: await latestSegmentExportView(getDatabase(), session.shop) };
}

const ExportForm = z.object({ intent: z.literal("export-segments"), confirmed: z.string().optional() });

export async function action({ request }: ActionFunctionArgs) {
  const { session } = await authenticate.admin(request);
  const form = ExportForm.safeParse(Object.fromEntries(await request.formData()));
  if (!form.success) return data({ ok: false, message: "That request could not be read. Reload the page and try again.", export: null }, { status: 400 });
  const requested = await requestSegmentExport(getDatabase(), session.shop, { confirmed: form.data.confirmed === "yes" }, new Date());
  if (!requested.ok) return data({ ok: false, message: requested.message, export: null }, { status: requested.error === "shop_not_found" ? 404 : 400 });
  const message = requested.value.alreadyUnderWay ? "An export is already under way: it writes the segments as of when it runs." : "Export requested: it starts in a moment.";
  return data({ ok: true, message, export: requested.value.export });
}
