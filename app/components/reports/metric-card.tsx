import { Badge, BlockStack, Box, Button, Card, InlineStack, Popover, Text } from "@shopify/polaris";
import { useState } from "react";
import { METRIC_DEFINITIONS, type MetricId } from "~/loyalty/metrics/metric-definitions";

/** A metric figure as the report services answer it (figures.server.ts `MetricFigure`). */
export type MetricCardFigure = {
  readonly metric: MetricId;
  readonly name: string;
  readonly current: { readonly display: string | null };
  readonly previous: { readonly display: string | null };
  readonly change: { readonly display: string | null };
  readonly trend: "up" | "down" | "flat" | "unknown";
  readonly better: boolean | null;
  readonly detail: string;
};

/** The metric's formula and the choices behind it, one click away from the number. */
export function FormulaButton({ metric }: { readonly metric: MetricId }) {
  const [open, setOpen] = useState(false);
  const definition = METRIC_DEFINITIONS[metric];
  return (
    <Popover
      active={open}
      onClose={() => setOpen(false)}
      activator={
        <Button variant="plain" onClick={() => setOpen((value) => !value)} accessibilityLabel={`How ${definition.name} is calculated`}>
          Formula
        </Button>
      }
    >
      <Box padding="400" maxWidth="360px">
        <BlockStack gap="200">
          <Text as="h3" variant="headingSm">
            {definition.name}
          </Text>
          <Text as="p" fontWeight="semibold">
            {definition.formula}
          </Text>
          <Text as="p" tone="subdued">
            {definition.notes}
          </Text>
        </BlockStack>
      </Box>
    </Popover>
  );
}

function changeTone(figure: MetricCardFigure): "success" | "critical" | undefined {
  if (figure.better === null) return undefined;
  return figure.better ? "success" : "critical";
}

/** One headline metric: this period, the previous one, the change, and the formula. */
export function MetricCard({ figure }: { readonly figure: MetricCardFigure }) {
  const tone = changeTone(figure);
  return (
    <Card>
      <BlockStack gap="200">
        <InlineStack align="space-between" blockAlign="center" wrap={false}>
          <Text as="h3" variant="headingSm">
            {figure.name}
          </Text>
          <FormulaButton metric={figure.metric} />
        </InlineStack>
        <Text as="p" variant="headingXl" id={`metric-${figure.metric}`}>
          {figure.current.display ?? "—"}
        </Text>
        <InlineStack gap="200" blockAlign="center">
          {figure.change.display ? <Badge {...(tone ? { tone } : {})}>{figure.change.display}</Badge> : null}
          <Text as="span" tone="subdued">
            previous period: {figure.previous.display ?? "—"}
          </Text>
        </InlineStack>
        <Text as="p" tone="subdued" variant="bodySm">
          {figure.detail}
        </Text>
      </BlockStack>
    </Card>
  );
}
