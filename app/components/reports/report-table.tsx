import type { ReactNode } from "react";
import { BlockStack, Card, DataTable, InlineStack, Text } from "@shopify/polaris";
import { CsvExportButton } from "./csv-export";

export type ReportTableProps = {
  readonly title: string;
  readonly filename: string;
  readonly headings: readonly string[];
  readonly rows: ReadonlyArray<ReadonlyArray<string | number | null>>;
  readonly empty?: string;
  readonly action?: ReactNode;
};

/** A report table with its CSV export; numbers are the services' display strings ("—" when not defined). */
export function ReportTable({ title, filename, headings, rows, empty, action }: ReportTableProps) {
  const types: Array<"text" | "numeric"> = headings.map((_, index) => (index === 0 ? "text" : "numeric"));
  return (
    <Card>
      <BlockStack gap="300">
        <InlineStack align="space-between" blockAlign="center">
          <Text as="h2" variant="headingMd">
            {title}
          </Text>
          <InlineStack gap="200">
            {action}
            {rows.length > 0 ? <CsvExportButton filename={filename} headings={headings} rows={rows} /> : null}
          </InlineStack>
        </InlineStack>
        {rows.length === 0 ? (
          <Text as="p" tone="subdued">
            {empty ?? "Nothing to show for this period."}
          </Text>
        ) : (
          <DataTable columnContentTypes={types} headings={[...headings]} rows={rows.map((row) => row.map((cell) => cell ?? "—"))} />
        )}
      </BlockStack>
    </Card>
  );
}
