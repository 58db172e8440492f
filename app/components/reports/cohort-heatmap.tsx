import { BlockStack, Card, InlineStack, Text } from "@shopify/polaris";
import { CsvExportButton } from "./csv-export";

export type HeatmapCohort = {
  readonly cohort: string;
  readonly size: number;
  readonly cells: ReadonlyArray<{ readonly monthsAfter: number; readonly customers: number; readonly rate: { readonly numerator: number; readonly denominator: number }; readonly partial: boolean }>;
};

function percentOf(rate: { readonly numerator: number; readonly denominator: number }): number | null {
  return rate.denominator === 0 ? null : Math.round((1000 * rate.numerator) / rate.denominator) / 10;
}

/** Monthly cohort retention as a heatmap table: darker = more of the cohort ordered that month. */
export function CohortHeatmap({ cohorts, filename }: { readonly cohorts: readonly HeatmapCohort[]; readonly filename: string }) {
  const width = cohorts.reduce((max, row) => Math.max(max, row.cells.length), 0);
  const months = Array.from({ length: width }, (_, k) => k);
  const rows = cohorts.map((row) => [row.cohort, row.size, ...months.map((k) => { const cell = row.cells[k]; return cell ? percentOf(cell.rate) : null; })]);
  return (
    <Card>
      <BlockStack gap="300">
        <InlineStack align="space-between" blockAlign="center">
          <Text as="h2" variant="headingMd">
            Monthly cohort retention
          </Text>
          {cohorts.length > 0 ? <CsvExportButton filename={filename} headings={["Cohort", "Customers", ...months.map((k) => `Month ${k} %`)]} rows={rows} /> : null}
        </InlineStack>
        {cohorts.length === 0 ? (
          <Text as="p" tone="subdued">No customers placed a first order in this period.</Text>
        ) : (
          <div style={{ overflowX: "auto" }}>
            <table style={{ borderCollapse: "collapse", fontSize: 12 }} data-heatmap="cohorts">
              <thead>
                <tr>
                  <th style={{ textAlign: "left", padding: 4 }}>Cohort</th>
                  <th style={{ textAlign: "right", padding: 4 }}>Customers</th>
                  {months.map((k) => (
                    <th key={k} style={{ padding: 4 }}>{`M${k}`}</th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {cohorts.map((row) => (
                  <tr key={row.cohort}>
                    <td style={{ padding: 4 }}>{row.cohort}</td>
                    <td style={{ padding: 4, textAlign: "right" }}>{row.size}</td>
                    {months.map((k) => {
                      const cell = row.cells[k];
                      const percent = cell ? percentOf(cell.rate) : null;
                      const shade = percent === null ? "transparent" : `rgba(0, 91, 211, ${0.08 + (0.85 * percent) / 100})`;
                      return (
                        <td key={k} title={cell ? `${cell.customers} of ${row.size}${cell.partial ? " (month not over)" : ""}` : ""} style={{ padding: 4, textAlign: "center", background: shade, color: percent !== null && percent > 55 ? "white" : "inherit", fontStyle: cell?.partial ? "italic" : "normal" }}>
                          {percent === null ? "" : `${percent}%`}
                        </td>
                      );
                    })}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </BlockStack>
    </Card>
  );
}
