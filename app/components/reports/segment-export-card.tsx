import { useFetcher } from "@remix-run/react";
import { Badge, Banner, BlockStack, Button, Card, InlineStack, ProgressBar, Text } from "@shopify/polaris";
import { useEffect, useState } from "react";
import type { SegmentExportStatus, SegmentExportView } from "~/services/reports/request-segment-export.server";

const EXPORT_ROUTE = "/app/reports/segment-export";
const POLL_MS = 3000;

type ExportAnswer = { readonly ok?: boolean; readonly message?: string; readonly export: SegmentExportView | null };

const STATUS_BADGE: Record<SegmentExportStatus, { label: string; tone: "info" | "attention" | "success" | "critical" }> = {
  requested: { label: "Waiting to start", tone: "info" },
  running: { label: "Writing to Shopify", tone: "attention" },
  finished: { label: "Done", tone: "success" },
  failed: { label: "Failed", tone: "critical" },
};

function ExportProgress({ view }: { readonly view: SegmentExportView }) {
  const badge = STATUS_BADGE[view.status];
  const percent = view.toWrite === 0 ? (view.status === "finished" ? 100 : 0) : Math.floor((100 * view.written) / view.toWrite);
  const when = view.finishedAt ?? view.startedAt ?? view.requestedAt;
  return (
    <BlockStack gap="200">
      <InlineStack gap="200" blockAlign="center">
        <Badge tone={badge.tone}>{badge.label}</Badge>
        <Text as="span" tone="subdued">
          {new Date(when).toLocaleString()}
        </Text>
      </InlineStack>
      <ProgressBar progress={percent} tone={view.status === "failed" ? "critical" : "highlight"} />
      <Text as="p">
        {view.status === "requested"
          ? "The export starts in a moment."
          : `${view.written} of ${view.toWrite} customers whose segment changed written (A ${view.segments.A}, B ${view.segments.B}, C ${view.segments.C} customers ranked).`}
        {view.refused > 0 ? ` Shopify refused ${view.refused}; the next export tries them again.` : ""}
      </Text>
      {view.error ? (
        <Text as="p" tone={view.status === "failed" ? "critical" : "subdued"}>
          {view.error}
        </Text>
      ) : null}
    </BlockStack>
  );
}

/**
 * The Segments tab's "Export segments to Shopify": a confirmation saying what changes in
 * the shop, then the export's progress, polled while it runs.
 */
export function SegmentExportCard({ initial }: { readonly initial: SegmentExportView | null }) {
  const submit = useFetcher<ExportAnswer>();
  const poll = useFetcher<ExportAnswer>();
  const [confirming, setConfirming] = useState(false);
  const view = poll.data?.export ?? submit.data?.export ?? initial;
  const active = view?.status === "requested" || view?.status === "running";
  const { load } = poll;
  const accepted = submit.data?.ok === true;
  // After a request, read the progress at once: an older answer of the poll would hide it.
  useEffect(() => {
    if (accepted) load(EXPORT_ROUTE);
  }, [accepted, submit.data, load]);
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(() => load(EXPORT_ROUTE), POLL_MS);
    return () => clearInterval(timer);
  }, [active, load]);
  return (
    <Card>
      <BlockStack gap="300">
        <InlineStack align="space-between" blockAlign="center">
          <Text as="h2" variant="headingMd">
            Use the segments in Shopify
          </Text>
          <Button onClick={() => setConfirming(true)} disabled={active || confirming}>
            Export segments to Shopify
          </Button>
        </InlineStack>
        <Text as="p" tone="subdued">
          Tags each ranked customer wafa-rfm-a, wafa-rfm-b or wafa-rfm-c and sets the app metafield rfm_segment to A, B or C, so customer segments, discounts, emails and Flow can target them.
        </Text>
        {confirming ? (
          <Banner tone="warning" title="Export the segments as of today?">
            <BlockStack gap="200">
              <Text as="p">
                Each ranked customer gets the tag of their segment, and any earlier wafa-rfm-a, -b or -c tag is removed; your other tags stay. The metafield rfm_segment is set to A, B or C. Only customers whose segment changed since the last export are written; customers no longer ranked lose the tag.
              </Text>
              <submit.Form method="post" action={EXPORT_ROUTE} onSubmit={() => setConfirming(false)}>
                <input type="hidden" name="intent" value="export-segments" />
                <input type="hidden" name="confirmed" value="yes" />
                <InlineStack gap="200">
                  <Button submit variant="primary" loading={submit.state !== "idle"}>
                    Export to Shopify
                  </Button>
                  <Button onClick={() => setConfirming(false)}>Cancel</Button>
                </InlineStack>
              </submit.Form>
            </BlockStack>
          </Banner>
        ) : null}
        {submit.data?.message ? <Banner tone={submit.data.ok ? "info" : "critical"}>{submit.data.message}</Banner> : null}
        {view ? <ExportProgress view={view} /> : null}
      </BlockStack>
    </Card>
  );
}
