import { Badge, DataTable, Text } from "@shopify/polaris";
import { JsonExportButton } from "~/components/reports/csv-export";

export type DataRequestRow = {
  readonly id: number;
  readonly customerGid: string;
  readonly email: string | null;
  readonly receivedAt: string;
  readonly ordersRequested: readonly string[];
  readonly held: boolean;
};

const when = (iso: string) => new Date(iso).toLocaleString("en", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" }) + " UTC";
const orderNumber = (gid: string) => /\/(\d+)$/.exec(gid)?.[1] ?? gid;

/** The customers/data_request webhooks received: who, when, which orders, and the export to hand over. */
export function DataRequestsTable({ requests }: { readonly requests: readonly DataRequestRow[] }) {
  return (
    <DataTable
      columnContentTypes={["text", "text", "text", "text", "text"]}
      headings={["Customer", "Received", "Orders requested", "Data held", "Export"]}
      rows={requests.map((request) => [
        <Text as="span" key="customer">
          {request.email ?? request.customerGid}
        </Text>,
        when(request.receivedAt),
        request.ordersRequested.length === 0 ? "None named" : request.ordersRequested.map(orderNumber).join(", "),
        request.held ? <Badge tone="info">Yes</Badge> : <Badge>Nothing held</Badge>,
        <JsonExportButton key="export" path={`/app/data-requests/${request.id}.json`} filename={`wafa-customer-data-${request.id}.json`} />,
      ])}
    />
  );
}
