import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { Banner, BlockStack, Button, Card, InlineStack, Layout, Page, Tabs, Text, TextField } from "@shopify/polaris";
import vizStyles from "@shopify/polaris-viz/build/esm/styles.css?url";
import { useState } from "react";
import { z } from "zod";
import { JsonExportButton } from "~/components/reports/csv-export";
import { ReportTab } from "~/components/reports/report-tabs";
import { SegmentExportCard } from "~/components/reports/segment-export-card";
import { getDatabase } from "~/db.server";
import { removeReportGoal, saveLoyaltyIndexWeights, saveReportGoal } from "~/services/reports/goals.server";
import { runReport } from "~/services/reports/reports.server";
import { latestSegmentExportView } from "~/services/reports/request-segment-export.server";
import { getSummaryReport } from "~/services/reports/summary.server";
import { authenticate } from "~/shopify.server";

export const links = () => [{ rel: "stylesheet", href: vizStyles }];

const TABS = ["summary", "retention", "members", "program", "segments", "goals", "loyalty-index", "feedback"] as const;
const TAB_TITLES = ["Summary", "Retention", "Members", "Program", "Segments", "Goals", "Loyalty index", "Feedback"];
const Query = z.object({ from: z.string().optional(), to: z.string().optional(), tab: z.enum(TABS).catch("summary") });

export async function loader({ request }: LoaderFunctionArgs) {
  const { session } = await authenticate.admin(request);
  const { tab, ...dates } = Query.parse(Object.fromEntries(new URL(request.url).searchParams));
  const now = new Date();
  const asked = await getSummaryReport(getDatabase(), session.shop, dates, now);
  // Dates that do not parse are explained, and the default period shown instead.
  const query = asked.ok ? dates : {};
  const summary = asked.ok ? asked : await getSummaryReport(getDatabase(), session.shop, query, now);
  if (!summary.ok) throw new Response(summary.message, { status: 404 });
  const report = tab === "summary" ? summary : await runReport(getDatabase(), tab, session.shop, query, now);
  if (!report.ok) throw new Response(report.message, { status: 404 });
  const segmentExport = tab === "segments" ? await latestSegmentExportView(getDatabase(), session.shop) : null;
  return { tab, summary: summary.value, report: report.value, segmentExport, error: asked.ok ? null : asked.message };
}

const Intent = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("save-goal"), metric: z.string(), target: z.string() }),
  z.object({ intent: z.literal("remove-goal"), metric: z.string() }),
  z.object({ intent: z.literal("save-weights"), retention: z.string(), repeat: z.string(), frequency: z.string(), nps: z.string() }),
]);

export async function action({ request }: ActionFunctionArgs) {
  const { session } = await authenticate.admin(request);
  const form = Intent.safeParse(Object.fromEntries(await request.formData()));
  if (!form.success) return data({ ok: false, message: "That change could not be read. Reload the page and try again." }, { status: 400 });
  const [database, shop, now, fields] = [getDatabase(), session.shop, new Date(), form.data];
  const result =
    fields.intent === "save-goal"
      ? await saveReportGoal(database, shop, fields, now)
      : fields.intent === "remove-goal"
        ? await removeReportGoal(database, shop, fields.metric, now)
        : await saveLoyaltyIndexWeights(database, shop, fields, now);
  return data(result.ok ? { ok: true, message: "Saved." } : { ok: false, message: result.message }, { status: result.ok ? 200 : 400 });
}

function PeriodPicker({ first, last, previousFirst, previousLast, tab }: { first: string; last: string; previousFirst: string; previousLast: string; tab: string }) {
  const [from, setFrom] = useState(first);
  const [to, setTo] = useState(last);
  return (
    <Card>
      <Form method="get">
        <input type="hidden" name="tab" value={tab} />
        <InlineStack gap="300" blockAlign="end" wrap>
          <TextField label="From" type="date" name="from" value={from} onChange={setFrom} autoComplete="off" />
          <TextField label="To" type="date" name="to" value={to} onChange={setTo} autoComplete="off" />
          <Button submit variant="primary">
            Show
          </Button>
          <Text as="p" tone="subdued">
            {first} – {last}, compared with {previousFirst} – {previousLast}
          </Text>
        </InlineStack>
      </Form>
    </Card>
  );
}

export default function Reports() {
  const data = useLoaderData<typeof loader>();
  const saved = useActionData<typeof action>();
  const [params, setParams] = useSearchParams();
  const { period } = data.summary;
  const exportQuery = `from=${period.first}&to=${period.last}`;
  return (
    <Page title="Reports" subtitle={`Loyalty and retention, in ${data.summary.shop.currencyCode}, on the shop's calendar (${data.summary.shop.timeZone})`}>
      <Layout>
        <Layout.Section>
          <BlockStack gap="400">
            {data.error ? <Banner tone="warning" title="Those dates could not be used">{data.error} Showing the last 30 days instead.</Banner> : null}
            {saved ? <Banner tone={saved.ok ? "success" : "critical"}>{saved.message}</Banner> : null}
            <PeriodPicker key={`${period.first}-${period.last}`} {...period} tab={data.tab} />
            <Tabs
              tabs={TABS.map((id, index) => ({ id, content: TAB_TITLES[index] ?? id }))}
              selected={Math.max(0, TABS.indexOf(data.tab))}
              onSelect={(index) => {
                const next = new URLSearchParams(params);
                next.set("tab", TABS[index] ?? "summary");
                setParams(next);
              }}
            />
            <InlineStack gap="200" blockAlign="center">
              <JsonExportButton path={`/app/reports/${data.tab}.json?${exportQuery}`} filename={`${data.tab}-${period.first}-${period.last}.json`} />
              <Text as="p" tone="subdued">
                /app/reports/{data.tab}.json?{exportQuery}
              </Text>
            </InlineStack>
            {data.tab === "segments" ? <SegmentExportCard initial={data.segmentExport} /> : null}
            <ReportTab report={data.report} />
          </BlockStack>
        </Layout.Section>
      </Layout>
    </Page>
  );
}
