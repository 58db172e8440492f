import { BlockStack, Card, Checkbox, FormLayout, InlineGrid, Text } from "@shopify/polaris";
import type { ReactNode } from "react";
import type { ProgramIssue } from "~/loyalty/program/program-checks";
import type { EarningRules } from "~/loyalty/program/program";
import { ListField, MoneyField, NumberField, OptionalSetting, PeriodSelect } from "./fields";
import { capitalised, issueAt } from "./issues";

type Props = {
  readonly earning: EarningRules;
  readonly onChange: (earning: EarningRules) => void;
  readonly issues: readonly ProgramIssue[];
  readonly currency: string;
  readonly pointsName: string;
};

function RuleCard({ title, description, enabled, onToggle, children }: { title: string; description: string; enabled: boolean; onToggle: (on: boolean) => void; children: ReactNode }) {
  return (
    <Card>
      <BlockStack gap="300">
        <Checkbox label={<Text as="span" variant="headingMd">{title}</Text>} helpText={description} checked={enabled} onChange={onToggle} />
        {enabled ? children : null}
      </BlockStack>
    </Card>
  );
}

const PERIOD_WORDS = ["day", "week", "month", "year"] as const;
const asPeriod = (value: string) => PERIOD_WORDS.find((period) => period === value) ?? "month";

/** Every way to earn (rules-schema.ts EarningRules), one card each, switched on and off. */
export function EarningRulesEditor({ earning, onChange, issues, currency, pointsName }: Props) {
  const at = (...path: (string | number)[]) => issueAt(issues, "earning", ...path);
  const set = <K extends keyof EarningRules>(key: K, value: EarningRules[K]) => onChange({ ...earning, [key]: value });
  const { spend, perOrder, nthOrder, signup, birthday, anniversary } = earning;
  return (
    <BlockStack gap="400">
      <RuleCard title="Points for spending" description={`Customers earn ${pointsName} for every amount they spend, rounded down per order.`} enabled={spend.enabled} onToggle={(enabled) => set("spend", { ...spend, enabled })}>
        <FormLayout>
          <InlineGrid columns={2} gap="300">
            <NumberField label={`${capitalised(pointsName)} earned`} value={spend.points} onChange={(points) => set("spend", { ...spend, points })} error={at("spend", "points")} />
            <MoneyField label="for every" currency={currency} valueMinor={spend.perAmountMinor} onChange={(perAmountMinor) => set("spend", { ...spend, perAmountMinor })} error={at("spend", "perAmountMinor")} />
          </InlineGrid>
          <BlockStack gap="100">
            <Text as="p" variant="headingSm">What counts as spend</Text>
            <Checkbox label="Include shipping" checked={spend.base.includeShipping} onChange={(includeShipping) => set("spend", { ...spend, base: { ...spend.base, includeShipping } })} />
            <Checkbox label="Include taxes" checked={spend.base.includeTaxes} onChange={(includeTaxes) => set("spend", { ...spend, base: { ...spend.base, includeTaxes } })} />
            <Checkbox label="Use prices before discounts" checked={spend.base.beforeDiscounts} onChange={(beforeDiscounts) => set("spend", { ...spend, base: { ...spend.base, beforeDiscounts } })} />
            <Checkbox label="Include gift cards" checked={spend.base.includeGiftCards} onChange={(includeGiftCards) => set("spend", { ...spend, base: { ...spend.base, includeGiftCards } })} />
          </BlockStack>
          <ListField
            label="Products with these tags earn nothing"
            helpText="Separate tags with commas."
            values={spend.base.excludedProductTags}
            onChange={(excludedProductTags) => set("spend", { ...spend, base: { ...spend.base, excludedProductTags } })}
            error={at("spend", "base", "excludedProductTags")}
          />
          <OptionalSetting label="Limit the points per order" value={spend.maxPointsPerOrder} whenOn={1000} onChange={(maxPointsPerOrder) => set("spend", { ...spend, maxPointsPerOrder })}>
            {(max) => <NumberField label="Most points per order" value={max} onChange={(maxPointsPerOrder) => set("spend", { ...spend, maxPointsPerOrder })} error={at("spend", "maxPointsPerOrder")} />}
          </OptionalSetting>
          <OptionalSetting label="Cap the points per customer" value={spend.cap} whenOn={{ maxPoints: 5000, period: "month" as const }} onChange={(cap) => set("spend", { ...spend, cap })}>
            {(cap) => (
              <InlineGrid columns={2} gap="300">
                <NumberField label="Most points" value={cap.maxPoints} onChange={(maxPoints) => set("spend", { ...spend, cap: { ...cap, maxPoints } })} error={at("spend", "cap", "maxPoints")} />
                <PeriodSelect label="each" value={cap.period} onChange={(period) => set("spend", { ...spend, cap: { ...cap, period: asPeriod(period) } })} />
              </InlineGrid>
            )}
          </OptionalSetting>
        </FormLayout>
      </RuleCard>

      <RuleCard title="Points per order" description="The same points for every order, whatever its size." enabled={perOrder.enabled} onToggle={(enabled) => set("perOrder", { ...perOrder, enabled })}>
        <FormLayout>
          <InlineGrid columns={2} gap="300">
            <NumberField label={`${capitalised(pointsName)} per order`} value={perOrder.points} onChange={(points) => set("perOrder", { ...perOrder, points })} error={at("perOrder", "points")} />
            <MoneyField label="Minimum order" helpText="Smaller orders earn no per-order points." currency={currency} valueMinor={perOrder.minimumSubtotalMinor} onChange={(minimumSubtotalMinor) => set("perOrder", { ...perOrder, minimumSubtotalMinor })} error={at("perOrder", "minimumSubtotalMinor")} />
          </InlineGrid>
          <OptionalSetting label="Limit how often" value={perOrder.limit} whenOn={{ maxAwards: 1, period: "day" as const }} onChange={(limit) => set("perOrder", { ...perOrder, limit })}>
            {(limit) => (
              <InlineGrid columns={2} gap="300">
                <NumberField label="At most (orders)" value={limit.maxAwards} onChange={(maxAwards) => set("perOrder", { ...perOrder, limit: { ...limit, maxAwards } })} error={at("perOrder", "limit", "maxAwards")} />
                <PeriodSelect label="each" value={limit.period} onChange={(period) => set("perOrder", { ...perOrder, limit: { ...limit, period: asPeriod(period) } })} />
              </InlineGrid>
            )}
          </OptionalSetting>
        </FormLayout>
      </RuleCard>

      <RuleCard title="Every-Nth-order bonus" description="A bonus on every Nth qualifying order (the 5th, 10th, …)." enabled={nthOrder.enabled} onToggle={(enabled) => set("nthOrder", { ...nthOrder, enabled })}>
        <InlineGrid columns={2} gap="300">
          <NumberField label="Every how many orders" value={nthOrder.every} onChange={(every) => set("nthOrder", { ...nthOrder, every })} error={at("nthOrder", "every")} />
          <NumberField label={`Bonus ${pointsName}`} value={nthOrder.points} onChange={(points) => set("nthOrder", { ...nthOrder, points })} error={at("nthOrder", "points")} />
        </InlineGrid>
      </RuleCard>

      <RuleCard title="Sign-up bonus" description="Welcome value on day one: usable on the next order." enabled={signup.enabled} onToggle={(enabled) => set("signup", { ...signup, enabled })}>
        <NumberField label={`${capitalised(pointsName)} on joining`} value={signup.points} onChange={(points) => set("signup", { ...signup, points })} error={at("signup", "points")} />
      </RuleCard>

      <RuleCard title="Birthday bonus" description="Once a year, on the birthday the customer gave." enabled={birthday.enabled} onToggle={(enabled) => set("birthday", { ...birthday, enabled })}>
        <NumberField label={`${capitalised(pointsName)} on their birthday`} value={birthday.points} onChange={(points) => set("birthday", { ...birthday, points })} error={at("birthday", "points")} />
      </RuleCard>

      <RuleCard title="Anniversary bonus" description="Every year of membership, growing with tenure." enabled={anniversary.enabled} onToggle={(enabled) => set("anniversary", { ...anniversary, enabled })}>
        <InlineGrid columns={2} gap="300">
          <NumberField label={`${capitalised(pointsName)} on the first anniversary`} value={anniversary.points} onChange={(points) => set("anniversary", { ...anniversary, points })} error={at("anniversary", "points")} />
          <NumberField label="More each further year" value={anniversary.increasePerYear} onChange={(increasePerYear) => set("anniversary", { ...anniversary, increasePerYear })} error={at("anniversary", "increasePerYear")} />
        </InlineGrid>
      </RuleCard>
    </BlockStack>
  );
}
