import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { Badge, BlockStack, Card, DataTable, EmptyState, InlineStack, Page, Text } from "@shopify/polaris";
import { EMPTY_ILLUSTRATION } from "~/components/program/empty-illustration";
import { groupAddedAndRemoved } from "~/components/program/history-changes";
import { ProgramTabs } from "~/components/program/program-editor";
import { getDatabase } from "~/db.server";
import { programHistory } from "~/services/program-history.server";
import { authenticate } from "~/shopify.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const { session } = await authenticate.admin(request);
  const history = await programHistory(getDatabase(), session.shop);
  if (!history) throw new Response("This shop is not installed", { status: 404 });
  return { versions: history.map((entry) => ({ ...entry, effectiveAt: entry.effectiveAt.toISOString(), createdAt: entry.createdAt.toISOString() })) };
}

const when = (iso: string) => new Date(iso).toLocaleString("en", { dateStyle: "long", timeStyle: "short", timeZone: "UTC" }) + " UTC";

/** Every version of the program, newest first: who saved it, when, and what changed. */
export default function ProgramHistory() {
  const { versions } = useLoaderData<typeof loader>();
  return (
    <Page title="Program history" subtitle="Every saved version; each applies to orders from the moment it was saved">
      <BlockStack gap="400">
        <ProgramTabs selected="history" />
        {versions.length === 0 ? (
          <Card>
            <EmptyState heading="No versions yet" action={{ content: "Design your program", url: "/app/program" }} image={EMPTY_ILLUSTRATION}>
              <p>Each time you save the program, a version appears here with who saved it and what changed.</p>
            </EmptyState>
          </Card>
        ) : (
          versions.map((entry, index) => (
            <Card key={entry.version}>
              <BlockStack gap="200">
                <InlineStack gap="200" blockAlign="center">
                  <Text as="h2" variant="headingMd">
                    Version {entry.version}
                  </Text>
                  {index === 0 ? <Badge tone="success">In force</Badge> : null}
                </InlineStack>
                <Text as="p" tone="subdued">
                  Saved by {entry.madeBy ?? "a staff member"} on {when(entry.createdAt)}; applies to orders from {when(entry.effectiveAt)}.
                </Text>
                {entry.first ? (
                  <Text as="p">The first version of the program.</Text>
                ) : entry.changes.length === 0 ? (
                  <Text as="p">No rule changed.</Text>
                ) : (
                  <DataTable
                    columnContentTypes={["text", "text", "text"]}
                    headings={["What changed", "Before", "After"]}
                    rows={groupAddedAndRemoved(entry.changes).map((change) => [change.label, change.before ?? "—", change.after ?? "—"])}
                  />
                )}
              </BlockStack>
            </Card>
          ))
        )}
      </BlockStack>
    </Page>
  );
}
