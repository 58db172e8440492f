import { BlockStack, Card, FormLayout, Text, TextField } from "@shopify/polaris";
import type { ProgramRules } from "~/loyalty/program/program";
import { keyNumbersOf, shopAmountFormatter, type KeyNumberName } from "~/loyalty/program/wizard";
import { minorUnitsPerUnit } from "~/loyalty/money/currency";

/** What the merchant typed, per key number (strings: a field may be empty or mid-edit). */
export type NumberDrafts = Partial<Record<KeyNumberName, string>>;

export type KeyNumbersStepProps = {
  /** The preset's program, for which numbers apply and their starting values. */
  readonly program: ProgramRules;
  readonly currencyCode: string;
  readonly drafts: NumberDrafts;
  readonly errors: Partial<Record<KeyNumberName, string>>;
  readonly onChange: (drafts: NumberDrafts) => void;
};

const LABELS = (unitAmount: string): Record<KeyNumberName, { label: string; help: string }> => ({
  spendPoints: { label: `Points for every ${unitAmount} spent`, help: "On the order subtotal after discounts, before shipping and taxes." },
  orderPoints: { label: "Points for every order", help: "Whatever the order's size (small orders below the preset's minimum earn none)." },
  signupPoints: { label: "Welcome bonus on joining", help: "Points a new member can use at once; 0 switches it off." },
});

/** The few numbers worth setting before the start; everything else waits for the designer. */
export function KeyNumbersStep({ program, currencyCode, drafts, errors, onChange }: KeyNumbersStepProps) {
  const labels = LABELS(shopAmountFormatter(currencyCode)(minorUnitsPerUnit(currencyCode)));
  return (
    <Card>
      <BlockStack gap="300">
        <Text as="h2" variant="headingMd">
          Set the key numbers
        </Text>
        <Text as="p" tone="subdued">
          The preset&apos;s values are a good start. Rewards, tiers and limits can be changed later in the program designer.
        </Text>
        <FormLayout>
          {keyNumbersOf(program, currencyCode).map(({ name, value }) => (
            <TextField
              key={name}
              label={labels[name].label}
              helpText={labels[name].help}
              type="number"
              min={name === "signupPoints" ? 0 : 1}
              step={1}
              autoComplete="off"
              value={drafts[name] ?? String(value)}
              error={errors[name]}
              onChange={(next) => onChange({ ...drafts, [name]: next })}
            />
          ))}
        </FormLayout>
      </BlockStack>
    </Card>
  );
}
