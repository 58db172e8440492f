import { BlockStack, Card, Text } from "@shopify/polaris";
import { BarChart, LineChart, PolarisVizProvider } from "@shopify/polaris-viz";
import { formatMoney, majorUnitsForChart } from "~/loyalty/money/display";
import { minorUnitsPerUnit } from "~/loyalty/money/currency";
import type { Figure } from "~/services/reports/figures.server";
import { ClientOnly } from "./client-only";

export type ChartSeries = { readonly name: string; readonly data: ReadonlyArray<{ readonly key: string; readonly value: number | null }> };

/**
 * What a chart's numbers are, so that its axis and tooltips read like the tables beside it.
 * Money is plotted in major units of the currency (see `chartMoney`), shares in percent.
 */
export type ChartUnit = { readonly kind: "money"; readonly currency: string } | { readonly kind: "percent" } | { readonly kind: "count" };

const defined = (figure: Figure) => (figure.value.denominator === 0 ? null : figure.value.numerator / figure.value.denominator);

/**
 * The one place a report's money reaches a chart: figures hold minor units (an AOV of 92.09
 * USD is 9209), a chart plots major units by the currency's exponent (92.09; JPY 1,500 stays
 * 1500). A float for drawing only; null when not defined.
 */
export function chartMoney(figure: Figure, currency: string): number | null {
  const minor = defined(figure);
  return minor === null ? null : majorUnitsForChart(minor, currency);
}

/** A share (0–1) as the percentage the tables show. */
export function chartPercent(figure: Figure): number | null {
  const share = defined(figure);
  return share === null ? null : share * 100;
}

function labelFor(unit: ChartUnit): (value: string | number | null) => string {
  return (value) => {
    if (value === null || value === "") return "";
    const number = Number(value);
    if (!Number.isFinite(number)) return String(value);
    if (unit.kind === "money") return formatMoney(Math.round(number * minorUnitsPerUnit(unit.currency)), unit.currency);
    if (unit.kind === "percent") return `${new Intl.NumberFormat("en", { maximumFractionDigits: 1 }).format(number)} %`;
    return new Intl.NumberFormat("en").format(number);
  };
}

function Fallback({ series, unit }: { readonly series: readonly ChartSeries[]; readonly unit: ChartUnit }) {
  const label = labelFor(unit);
  return (
    <Text as="p" tone="subdued">
      {series.map((entry) => `${entry.name}: ${entry.data.map((point) => `${point.key} ${point.value === null ? "—" : label(point.value)}`).join(", ")}`).join("; ")}
    </Text>
  );
}

/** A chart card; the chart itself renders in the browser only (the server sends its numbers as text). */
export function ChartCard({ title, kind, series, testId, unit = { kind: "count" } }: { readonly title: string; readonly kind: "bar" | "line"; readonly series: readonly ChartSeries[]; readonly testId: string; readonly unit?: ChartUnit }) {
  const data = series.map((entry) => ({ name: entry.name, data: entry.data.map((point) => ({ key: point.key, value: point.value })) }));
  const label = labelFor(unit);
  return (
    <Card>
      <BlockStack gap="300">
        <Text as="h2" variant="headingMd">
          {title}
        </Text>
        <div style={{ height: 280 }} data-chart={testId}>
          <ClientOnly fallback={<Fallback series={series} unit={unit} />}>
            {() => (
              <PolarisVizProvider>
                {kind === "bar" ? (
                  <BarChart data={data} theme="Light" yAxisOptions={{ labelFormatter: label }} tooltipOptions={{ valueFormatter: label }} />
                ) : (
                  <LineChart data={data} theme="Light" yAxisOptions={{ labelFormatter: label }} tooltipOptions={{ valueFormatter: label }} />
                )}
              </PolarisVizProvider>
            )}
          </ClientOnly>
        </div>
      </BlockStack>
    </Card>
  );
}
