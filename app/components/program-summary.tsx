import { BlockStack, Card, Text } from "@shopify/polaris";
import { formatMoney } from "~/loyalty/money/display";
import { FigureGrid } from "./figure-grid";

export type ProgramSummaryProps = {
  readonly currencyCode: string;
  readonly rule: { readonly enabled: boolean; readonly points: number; readonly perAmountMinor: number } | null;
  readonly effectiveAt: string | null;
  readonly stats: { readonly members: number; readonly pointsAvailable: number; readonly pointsLifetime: number; readonly orders: number };
  readonly locale: string;
};

/** The program in force, in a sentence a merchant reads at a glance, and its totals. */
export function ProgramSummary({ currencyCode, rule, effectiveAt, stats, locale }: ProgramSummaryProps) {
  const count = new Intl.NumberFormat(locale);
  const sentence = !rule
    ? "No program yet."
    : rule.enabled
      ? `${count.format(rule.points)} ${rule.points === 1 ? "point" : "points"} for every ${formatMoney(rule.perAmountMinor, currencyCode, locale)} spent, on the order subtotal after discounts and refunds (shipping, taxes and gift cards excluded), rounded down per order. Points are available at once.`
      : "Earning on purchases is switched off.";
  const figures = [
    ["Members", count.format(stats.members)],
    ["Points available", count.format(stats.pointsAvailable)],
    ["Points earned, all time", count.format(stats.pointsLifetime)],
    ["Orders recorded", count.format(stats.orders)],
  ] as const;
  return (
    <Card>
      <BlockStack gap="400">
        <BlockStack gap="200">
          <Text as="h2" variant="headingMd">
            Your program
          </Text>
          <Text as="p">{sentence}</Text>
          {effectiveAt ? (
            <Text as="p" tone="subdued">
              In force since {new Date(effectiveAt).toLocaleDateString(locale, { dateStyle: "long" })}.
            </Text>
          ) : null}
        </BlockStack>
        <FigureGrid figures={figures} />
      </BlockStack>
    </Card>
  );
}
