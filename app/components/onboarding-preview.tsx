import { Banner, BlockStack, Card, Text } from "@shopify/polaris";
import type { EarningPreview, TypicalCustomer } from "~/loyalty/program/preview";
import { shopAmountFormatter, type TypicalCustomerBasis } from "~/loyalty/program/wizard";
import { FigureGrid } from "./figure-grid";

export type EarningPreviewCardProps = {
  readonly preview: EarningPreview;
  readonly typical: { readonly customer: TypicalCustomer; readonly basis: TypicalCustomerBasis };
  readonly currencyCode: string;
  readonly pointValue: { readonly points: number; readonly amountMinor: number };
};

/** What a typical customer of this shop would earn, and where that estimate comes from. */
export function EarningPreviewCard({ preview, typical, currencyCode, pointValue }: EarningPreviewCardProps) {
  const amount = shopAmountFormatter(currencyCode);
  const count = new Intl.NumberFormat("en");
  const { customer, basis } = typical;
  const who = `${customer.ordersPerYear} order${customer.ordersPerYear === 1 ? "" : "s"} a year of ${amount(customer.averageOrderMinor)}`;
  const reward = preview.firstReward;
  const firstReward = !reward
    ? "No reward every member can use yet: add one in the program designer."
    : reward.ordersNeeded === null
      ? `"${reward.name}" (${count.format(reward.cost)} points) is out of reach within a year: consider a cheaper first reward.`
      : reward.ordersNeeded === 0
        ? `"${reward.name}" (${count.format(reward.cost)} points) right after joining.`
        : `"${reward.name}" (${count.format(reward.cost)} points) after ${reward.ordersNeeded} order${reward.ordersNeeded === 1 ? "" : "s"}.`;
  const figures = [
    ["Points on a first order", count.format(preview.firstOrderPoints)],
    ["Points in a year", count.format(preview.yearPoints)],
    ["Worth, in a year", amount(preview.yearValueMinor)],
    ["Given back", `${(preview.returnBasisPoints / 100).toFixed(1)} %`],
  ] as const;
  return (
    <Card>
      <BlockStack gap="400">
        <Text as="h2" variant="headingMd">
          What a typical customer would earn
        </Text>
        {basis.source === "history" ? (
          <Text as="p" tone="subdued">
            Your typical customer, from your last 12 months ({count.format(basis.customers)} customers, {count.format(basis.orders)} orders): {who}.
          </Text>
        ) : (
          <Banner tone="info">
            <p>
              Your shop has too little order history for an estimate ({count.format(basis.customers)} customers in the last 12 months), so this uses an example
              customer: {who}.
            </p>
          </Banner>
        )}
        <FigureGrid figures={figures} />
        <Text as="p">
          <Text as="span" fontWeight="semibold">
            First reward:
          </Text>{" "}
          {firstReward}
        </Text>
        {preview.tierAtYearEnd ? <Text as="p">After a year they would be in the {preview.tierAtYearEnd.name} tier.</Text> : null}
        <Text as="p" tone="subdued">
          {count.format(pointValue.points)} points are worth {amount(pointValue.amountMinor)}. Includes {count.format(preview.bonusPoints)} bonus points (welcome, birthday,
          tiers).
        </Text>
      </BlockStack>
    </Card>
  );
}
