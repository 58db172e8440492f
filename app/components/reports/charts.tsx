import { BlockStack, Card, Text } from "@shopify/polaris";
import { BarChart, LineChart, PolarisVizProvider } from "@shopify/polaris-viz";
import { ClientOnly } from "./client-only";

export type ChartSeries = { readonly name: string; readonly data: ReadonlyArray<{ readonly key: string; readonly value: number | null }> };

function Fallback({ series }: { readonly series: readonly ChartSeries[] }) {
  return (
    <Text as="p" tone="subdued">
      {series.map((entry) => `${entry.name}: ${entry.data.map((point) => `${point.key} ${point.value ?? "—"}`).join(", ")}`).join("; ")}
    </Text>
  );
}

/** A chart card; the chart itself renders in the browser only (the server sends its numbers as text). */
export function ChartCard({ title, kind, series, testId }: { readonly title: string; readonly kind: "bar" | "line"; readonly series: readonly ChartSeries[]; readonly testId: string }) {
  const data = series.map((entry) => ({ name: entry.name, data: entry.data.map((point) => ({ key: point.key, value: point.value })) }));
  return (
    <Card>
      <BlockStack gap="300">
        <Text as="h2" variant="headingMd">
          {title}
        </Text>
        <div style={{ height: 280 }} data-chart={testId}>
          <ClientOnly fallback={<Fallback series={series} />}>
            {() => (
              <PolarisVizProvider>
                {kind === "bar" ? <BarChart data={data} theme="Light" /> : <LineChart data={data} theme="Light" />}
              </PolarisVizProvider>
            )}
          </ClientOnly>
        </div>
      </BlockStack>
    </Card>
  );
}
