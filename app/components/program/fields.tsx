import { Checkbox, InlineStack, Select, TextField } from "@shopify/polaris";
import { useEffect, useState } from "react";
import { currencyExponent, minorUnitsPerUnit } from "~/loyalty/money/currency";
import { formatDecimal, money, parseMoney } from "~/loyalty/money/money";

/**
 * Inputs for the designer. Each keeps the text as typed and hands the program a number:
 * NaN when the text is not a number, so the core's own check (the same one the server runs)
 * reports it beside the field rather than the browser silently dropping the keystrokes.
 */
type NumberFieldProps = {
  readonly label: string;
  readonly value: number;
  readonly onChange: (value: number) => void;
  readonly error?: string | undefined;
  readonly helpText?: string;
  readonly suffix?: string;
  readonly prefix?: string;
  readonly disabled?: boolean;
};

const NUMBER = /^-?\d+(\.\d+)?$/;

function useTypedText(value: number, format: (value: number) => string, parse: (text: string) => number) {
  const [text, setText] = useState(() => format(value));
  // A new value from outside (discard, a saved version, another field) replaces the text;
  // the text's own value (as typed) does not.
  useEffect(() => {
    if (!Object.is(parse(text), value)) setText(format(value));
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only outside changes of `value` matter
  }, [value]);
  return [text, setText] as const;
}

const showNumber = (value: number) => (Number.isFinite(value) ? String(value) : "");
const readNumber = (text: string) => (NUMBER.test(text.trim()) ? Number(text.trim()) : Number.NaN);

/** A whole number of points, days, percent… */
export function NumberField({ label, value, onChange, error, helpText, suffix, prefix, disabled }: NumberFieldProps) {
  const [text, setText] = useTypedText(value, showNumber, readNumber);
  const localError = text.trim() !== "" && Number.isNaN(readNumber(text)) ? `${label} must be a number.` : undefined;
  return (
    <TextField
      label={label}
      type="number"
      value={text}
      onChange={(next) => {
        setText(next);
        onChange(readNumber(next));
      }}
      error={localError ?? error}
      autoComplete="off"
      {...(helpText ? { helpText } : {})}
      {...(suffix ? { suffix } : {})}
      {...(prefix ? { prefix } : {})}
      {...(disabled ? { disabled } : {})}
    />
  );
}

type MoneyFieldProps = Omit<NumberFieldProps, "value" | "onChange" | "suffix"> & {
  readonly currency: string;
  /** Minor units (cents): how the program stores money. */
  readonly valueMinor: number;
  readonly onChange: (minor: number) => void;
};

/** An amount typed in the shop's currency units ("12.50"), stored as minor units (1250). */
export function MoneyField({ label, currency, valueMinor, onChange, error, helpText, disabled }: MoneyFieldProps) {
  const show = (minor: number) => (Number.isSafeInteger(minor) ? formatDecimal(money(minor, currency)) : "");
  const read = (text: string) => {
    const parsed = parseMoney(text, currency);
    return parsed.ok ? parsed.value.minor : Number.NaN;
  };
  const [text, setText] = useTypedText(valueMinor, show, read);
  const decimals = currencyExponent(currency);
  const localError =
    text.trim() !== "" && Number.isNaN(read(text))
      ? decimals === 0
        ? `Enter a whole amount of ${currency}.`
        : `Enter an amount like ${formatDecimal(money(12 * minorUnitsPerUnit(currency) + 5, currency))} (at most ${decimals} decimals).`
      : undefined;
  return (
    <TextField
      label={label}
      value={text}
      inputMode="decimal"
      suffix={currency}
      onChange={(next) => {
        setText(next);
        onChange(read(next));
      }}
      error={localError ?? error}
      autoComplete="off"
      {...(helpText ? { helpText } : {})}
      {...(disabled ? { disabled } : {})}
    />
  );
}

export const PERIOD_OPTIONS = [
  { label: "day", value: "day" },
  { label: "week", value: "week" },
  { label: "month", value: "month" },
  { label: "year", value: "year" },
] as const;

/** An optional limit: a checkbox that turns it on with a default, and its fields when on. */
export function OptionalSetting<T>({
  label,
  value,
  onChange,
  whenOn,
  children,
}: {
  readonly label: string;
  readonly value: T | null;
  readonly onChange: (value: T | null) => void;
  readonly whenOn: T;
  readonly children: (value: T) => React.ReactNode;
}) {
  return (
    <InlineStack gap="300" blockAlign="start" wrap>
      <Checkbox label={label} checked={value !== null} onChange={(checked) => onChange(checked ? whenOn : null)} />
      {value !== null ? children(value) : null}
    </InlineStack>
  );
}

export function PeriodSelect({ label, value, onChange, lifetime = false }: { label: string; value: string; onChange: (value: string) => void; lifetime?: boolean }) {
  const options = lifetime ? [...PERIOD_OPTIONS, { label: "lifetime", value: "lifetime" }] : [...PERIOD_OPTIONS];
  return <Select label={label} options={options} value={value} onChange={onChange} />;
}

const splitList = (text: string) =>
  text
    .split(",")
    .map((item) => item.trim())
    .filter((item) => item !== "");

/**
 * A comma-separated list (product tags, reminder days…) edited as text; `parse` turns each
 * item into the program's value (NaN for a day that is not a number, so the core reports it).
 */
export function ListField<T = string>({
  label,
  values,
  onChange,
  error,
  helpText,
  parse,
  show,
}: {
  readonly label: string;
  readonly values: readonly T[];
  readonly onChange: (values: T[]) => void;
  readonly error?: string | undefined;
  readonly helpText?: string;
  readonly parse?: (item: string) => T;
  readonly show?: (value: T) => string;
}) {
  const read = (text: string) => splitList(text).map((item) => (parse ? parse(item) : (item as T)));
  const write = (items: readonly T[]) => items.map((item) => (show ? show(item) : String(item))).join(", ");
  const [text, setText] = useState(() => write(values));
  useEffect(() => {
    if (JSON.stringify(read(text)) !== JSON.stringify(values)) setText(write(values));
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only outside changes of `values` matter
  }, [values]);
  return (
    <TextField
      label={label}
      value={text}
      onChange={(next) => {
        setText(next);
        onChange(read(next));
      }}
      error={error}
      autoComplete="off"
      {...(helpText ? { helpText } : {})}
    />
  );
}
