import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation, useRevalidator } from "@remix-run/react";
import { Banner, BlockStack, Button, Card, InlineStack, Layout, Modal, Page, ProgressBar, Text } from "@shopify/polaris";
import { useEffect, useState } from "react";
import { z } from "zod";
import { getDatabase } from "~/db.server";
import { runHistoryImportInBackground } from "~/services/history-import-runner.server";
import { historyImportStatus } from "~/services/history-import-status.server";
import { grantHistoryPoints } from "~/services/grant-history-points.server";
import { startHistoryImport } from "~/services/import-history.server";
import { authenticate } from "~/shopify.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const { session } = await authenticate.admin(request);
  return { history: await historyImportStatus(getDatabase(), session.shop) };
}

/** Granting points cannot be undone: the modal's form says the merchant confirmed it. */
const Intent = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("start") }),
  z.object({ intent: z.literal("grant"), confirmed: z.literal("yes", { message: "Confirm the grant first." }) }),
]);

const MESSAGES: Record<string, string> = {
  shop_not_installed: "This shop is not installed.",
  already_running: "An import is already under way.",
  no_completed_import: "Import your history first: points can be granted once it has finished.",
  no_program: "Set up your points program first.",
};

export async function action({ request }: ActionFunctionArgs) {
  const { session, admin } = await authenticate.admin(request);
  const parsed = Intent.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success) return Response.json({ error: parsed.error.issues.find((issue) => issue.path[0] === "confirmed")?.message ?? "Unknown action." }, { status: 400 });
  const now = new Date();
  if (parsed.data.intent === "grant") {
    const granted = await grantHistoryPoints(getDatabase(), session.shop, `staff:${session.onlineAccessInfo?.associated_user.id ?? "unknown"}`, now);
    if (granted.status !== "granted") return Response.json({ error: MESSAGES[granted.status] }, { status: 409 });
    return { granted: { orders: granted.orders, points: granted.points } };
  }
  const started = await startHistoryImport(getDatabase(), session.shop, admin, now);
  if (started.status === "shopify_refused") return Response.json({ error: `Shopify did not start the export: ${started.message}` }, { status: 502 });
  if (started.status === "shop_not_installed") return Response.json({ error: MESSAGES[started.status] }, { status: 409 });
  // Started, or already under way (perhaps interrupted by a restart): drive it from its checkpoint.
  runHistoryImportInBackground(getDatabase(), session.shop);
  return { started: true };
}

export default function HistoryImport() {
  const { history } = useLoaderData<typeof loader>();
  const result = useActionData<{ error?: string; granted?: { orders: number; points: number }; started?: boolean }>();
  const navigation = useNavigation();
  const revalidator = useRevalidator();
  const [confirming, setConfirming] = useState(false);
  const running = history?.status === "running" || history?.status === "downloading";
  useEffect(() => {
    if (!running) return;
    const timer = setInterval(() => revalidator.revalidate(), 2000);
    return () => clearInterval(timer);
  }, [running, revalidator]);

  return (
    <Page title="History import" subtitle="Your past customers and orders, for reports">
      <Layout>
        <Layout.Section>
          <BlockStack gap="400">
            {result?.error ? <Banner tone="critical">{result.error}</Banner> : null}
            {result?.granted ? <Banner tone="success">{`${result.granted.points} points granted for ${result.granted.orders} past orders.`}</Banner> : null}
            <Card>
              <BlockStack gap="300">
                <Text as="h2" variant="headingMd">Import</Text>
                {history ? (
                  <>
                    <Text as="p">{statusText(history.status)}</Text>
                    <ProgressBar progress={history.percent} tone={history.status === "failed" ? "critical" : "highlight"} />
                    <Text as="p" tone="subdued">{history.progress}</Text>
                    {history.error ? <Text as="p" tone="critical">{history.error}</Text> : null}
                  </>
                ) : (
                  <Text as="p">Past orders feed your reports. They earn no points unless you grant them below.</Text>
                )}
                <InlineStack gap="200">
                  <Form method="post">
                    <input type="hidden" name="intent" value="start" />
                    <Button submit variant="primary" disabled={running} loading={navigation.state === "submitting"}>
                      {history ? "Import again" : "Import history"}
                    </Button>
                  </Form>
                  <Button disabled={history?.status !== "completed"} onClick={() => setConfirming(true)}>Grant points for past orders</Button>
                </InlineStack>
              </BlockStack>
            </Card>
          </BlockStack>
        </Layout.Section>
      </Layout>
      <Modal open={confirming} onClose={() => setConfirming(false)} title="Grant points for past orders?">
        <Modal.Section>
          <Form method="post" onSubmit={() => setConfirming(false)}>
            <BlockStack gap="300">
              <Text as="p">Customers earn points for their past paid orders under your current program. Each order is rewarded once, however often you grant. This cannot be undone except by adjusting balances.</Text>
              <input type="hidden" name="intent" value="grant" />
              <input type="hidden" name="confirmed" value="yes" />
              <InlineStack gap="200">
                <Button submit variant="primary">Grant points</Button>
                <Button onClick={() => setConfirming(false)}>Cancel</Button>
              </InlineStack>
            </BlockStack>
          </Form>
        </Modal.Section>
      </Modal>
    </Page>
  );
}

function statusText(status: string): string {
  if (status === "completed") return "Import finished.";
  if (status === "failed") return "Import failed.";
  return "Importing your history…";
}
