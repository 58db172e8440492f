import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { BlockStack, Card, EmptyState, Layout, Page, Text } from "@shopify/polaris";
import { DataRequestsTable } from "~/components/data-requests-table";
import { EMPTY_ILLUSTRATION } from "~/components/program/empty-illustration";
import { getDatabase } from "~/db.server";
import { listCustomerDataRequests } from "~/services/customer-data-requests.server";
import { authenticate } from "~/shopify.server";

/** `/app/data-requests`: the customers/data_request webhooks Shopify sent, each with Wafa's export of that customer. */
export async function loader({ request }: LoaderFunctionArgs) {
  const { session } = await authenticate.admin(request);
  const requests = await listCustomerDataRequests(getDatabase(), session.shop);
  if (!requests) throw new Response("This shop is not installed", { status: 404 });
  return { requests: requests.map((entry) => ({ ...entry, receivedAt: entry.receivedAt.toISOString() })) };
}

export default function DataRequests() {
  const { requests } = useLoaderData<typeof loader>();
  return (
    <Page title="Customer data requests" backAction={{ content: "Settings", url: "/app/settings" }}>
      <Layout>
        <Layout.Section>
          <BlockStack gap="400">
            <Text as="p">
              When a customer asks your store for their data, Shopify tells Wafa. Download what Wafa holds on them (membership, points
              history, orders, redemptions and survey answers) and send it to the customer with the rest of your reply.
            </Text>
            <Card padding="0">
              {requests.length === 0 ? (
                <EmptyState heading="No data requests" image={EMPTY_ILLUSTRATION}>
                  <p>Requests appear here when a customer asks your store for their data.</p>
                </EmptyState>
              ) : (
                <DataRequestsTable requests={requests} />
              )}
            </Card>
          </BlockStack>
        </Layout.Section>
      </Layout>
    </Page>
  );
}
