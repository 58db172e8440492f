import { BlockStack, Card, InlineGrid, Text } from "@shopify/polaris";
import { useState } from "react";
import { minorUnitsPerUnit } from "~/loyalty/money/currency";
import { formatMoney } from "~/loyalty/money/display";
import { previewTypicalCustomer } from "~/loyalty/program/preview";
import { validateProgram, type ProgramRules } from "~/loyalty/program/program";
import { MoneyField, NumberField } from "./fields";

/** 525 basis points → "5.25". */
const percentFromBasisPoints = (basisPoints: number) => `${Math.floor(basisPoints / 100)}.${String(basisPoints % 100).padStart(2, "0")}`;

/**
 * What a typical customer would earn in a year under the draft, computed in the browser
 * with the engine itself (preview.ts), so it moves as the merchant types. Shown only for a
 * draft the core accepts: the engine never runs on rules it could not save.
 */
export function EarningPreviewCard({ draft, currency, pointsName }: { readonly draft: ProgramRules; readonly currency: string; readonly pointsName: string }) {
  const [ordersPerYear, setOrdersPerYear] = useState(4);
  const [averageOrderMinor, setAverageOrderMinor] = useState(60 * minorUnitsPerUnit(currency));
  const checked = validateProgram(draft);
  const amount = (minor: number) => formatMoney(minor, currency);
  const usable = checked.ok && Number.isSafeInteger(ordersPerYear) && ordersPerYear >= 0 && Number.isSafeInteger(averageOrderMinor) && averageOrderMinor >= 0;
  const preview = usable ? previewTypicalCustomer(checked.rules, { ordersPerYear, averageOrderMinor }, currency) : null;
  const count = new Intl.NumberFormat("en");
  return (
    <Card>
      <BlockStack gap="300">
        <Text as="h2" variant="headingMd">
          A typical customer&apos;s year
        </Text>
        <InlineGrid columns={2} gap="300">
          <NumberField label="Orders a year" value={ordersPerYear} onChange={setOrdersPerYear} />
          <MoneyField label="Average order" currency={currency} valueMinor={averageOrderMinor} onChange={setAverageOrderMinor} />
        </InlineGrid>
        {!preview ? (
          <Text as="p" tone="subdued">
            {checked.ok ? "Enter the orders and the average order to see the preview." : "Fix the highlighted settings to see what customers would earn."}
          </Text>
        ) : (
          <BlockStack gap="100">
            <Text as="p">
              First order: <b>{count.format(preview.firstOrderPoints)}</b> {pointsName}.
            </Text>
            <Text as="p">
              First year: <b>{count.format(preview.yearPoints)}</b> {pointsName} ({count.format(preview.purchasePoints)} from orders, {count.format(preview.bonusPoints)} from bonuses), worth {amount(preview.yearValueMinor)}: a{" "}
              {percentFromBasisPoints(preview.returnBasisPoints)} % return on their spend.
            </Text>
            {preview.tierAtYearEnd ? <Text as="p">They would end the year in {preview.tierAtYearEnd.name}.</Text> : null}
            <Text as="p" tone={preview.firstReward?.ordersNeeded === null ? "caution" : undefined}>
              {!preview.firstReward
                ? "There is no reward every member can use yet: add one on the Rewards page."
                : preview.firstReward.ordersNeeded === null
                  ? `They could not afford “${preview.firstReward.name}” (${count.format(preview.firstReward.cost)} ${pointsName}) within the year: rewards that take too long to reach make programs fail.`
                  : preview.firstReward.ordersNeeded === 0
                    ? `They can use “${preview.firstReward.name}” as soon as they join.`
                    : `They can afford “${preview.firstReward.name}” after ${preview.firstReward.ordersNeeded} ${preview.firstReward.ordersNeeded === 1 ? "order" : "orders"}.`}
            </Text>
          </BlockStack>
        )}
      </BlockStack>
    </Card>
  );
}
