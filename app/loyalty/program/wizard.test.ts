import { describe, expect, it } from "vitest";
import { PRESETS } from "./presets";
import { ProgramRulesSchema } from "./program";
import { defaultTypicalCustomer, keyNumbersOf, shopAmountFormatter, typicalCustomerFrom, WIZARD_KINDS, WizardChoiceSchema, wizardProgram } from "./wizard";

describe("the wizard's choice", () => {
  it("offers exactly the presets' kinds, in their order", () => {
    expect([...WIZARD_KINDS]).toEqual(PRESETS.map((preset) => preset.kind));
  });

  it.each([
    [{ kind: "spend" }, { kind: "spend", numbers: {} }],
    [{ kind: "frequency", numbers: { orderPoints: "15", signupPoints: "" } }, { kind: "frequency", numbers: { orderPoints: 15 } }],
    [{ kind: "cashback", numbers: { spendPoints: 3, signupPoints: "0" } }, { kind: "cashback", numbers: { spendPoints: 3, signupPoints: 0 } }],
  ])("GIVEN %j THEN it reads as %j", (input, expected) => {
    expect(WizardChoiceSchema.parse(input)).toEqual(expected);
  });

  it.each([
    [{ kind: "custom" }, "Choose one of the eight program types."],
    [{ kind: "lottery" }, "Choose one of the eight program types."],
    [{}, "Choose one of the eight program types."],
    [{ kind: "spend", numbers: { spendPoints: "-1" } }, "Points per amount spent must be at least 1."],
    [{ kind: "spend", numbers: { spendPoints: "2.5" } }, "Points per amount spent must be a whole number."],
    [{ kind: "spend", numbers: { spendPoints: "lots" } }, "Points per amount spent must be a number."],
    [{ kind: "spend", numbers: { signupPoints: "-5" } }, "The sign-up bonus must be at least 0."],
    [{ kind: "frequency", numbers: { orderPoints: "1000000" } }, "Points per order can be at most 100,000."],
    [{ kind: "spend", numbers: { bonus: "5" } }, 'Unrecognized key: "bonus"'],
  ])("GIVEN %j THEN it is refused: %s", (input, message) => {
    const parsed = WizardChoiceSchema.safeParse(input);
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((issue) => issue.message)).toContain(message);
  });
});

describe("the wizard's program", () => {
  it.each(WIZARD_KINDS.map((kind) => [kind]))("%s with its own numbers is exactly the preset", (kind) => {
    const preset = PRESETS.find((candidate) => candidate.kind === kind);
    expect(wizardProgram({ kind, numbers: {} }, "USD")).toEqual(preset?.rules("USD"));
  });

  it.each(WIZARD_KINDS.map((kind) => [kind]))("%s with every key number changed is a program the engine can run", (kind) => {
    const rules = wizardProgram({ kind, numbers: { spendPoints: 7, orderPoints: 12, signupPoints: 300 } }, "JPY");
    const parsed = ProgramRulesSchema.safeParse(rules);
    expect(parsed.success ? [] : parsed.error.issues).toEqual([]);
    for (const number of keyNumbersOf(rules, "JPY")) expect(number.value).toBe({ spendPoints: 7, orderPoints: 12, signupPoints: 300 }[number.name]);
  });

  it("GIVEN points for spending THEN the spend rate and sign-up bonus are tuned, and a per-order number is ignored", () => {
    const rules = wizardProgram({ kind: "spend", numbers: { spendPoints: 2, orderPoints: 50, signupPoints: 0 } }, "USD");
    expect(rules.earning.spend).toMatchObject({ enabled: true, points: 2, perAmountMinor: 100 });
    expect(rules.earning.perOrder.enabled).toBe(false);
    expect(rules.earning.signup.enabled).toBe(false);
  });

  it("GIVEN rewards for coming back THEN spend points are not offered as a key number (it earns per order)", () => {
    const rules = wizardProgram({ kind: "frequency", numbers: {} }, "USD");
    expect(keyNumbersOf(rules, "USD").map((number) => number.name)).toEqual(["orderPoints", "signupPoints"]);
    expect(wizardProgram({ kind: "frequency", numbers: { spendPoints: 9 } }, "USD").earning.spend.enabled).toBe(false);
  });
});

describe("a typical customer from the shop's last 12 months", () => {
  const history = (orders: number[], spendPerOrder = 4_000) => orders.map((count) => ({ orders: count, spendMinor: count * spendPerOrder }));

  it("GIVEN five or more buyers THEN the median orders and the average order value", () => {
    // Orders 1, 2, 2, 3, 12: median 2; 20 orders, 80,000 spent: 4,000 each.
    expect(typicalCustomerFrom(history([1, 2, 2, 3, 12]), "USD")).toEqual({
      customer: { ordersPerYear: 2, averageOrderMinor: 4_000 },
      basis: { source: "history", customers: 5, orders: 20 },
    });
  });

  it("GIVEN an even number of buyers THEN the median is the mean of the middle two, rounded down", () => {
    expect(typicalCustomerFrom(history([1, 1, 2, 5, 6, 9]), "USD").customer.ordersPerYear).toBe(3);
  });

  it("GIVEN an average order that is not whole THEN it is rounded down to a minor unit", () => {
    const result = typicalCustomerFrom([...history([1, 1, 1, 1]), { orders: 2, spendMinor: 8_001 }], "USD");
    expect(result.customer.averageOrderMinor).toBe(Math.floor(24_001 / 6));
  });

  it.each([
    [[], 0, 0],
    [[1, 2, 3, 4], 4, 10],
    [[0, 0, 0, 0, 0, 0], 0, 0],
  ])("GIVEN too little history (%j) THEN the default customer, and the basis says so", (orders, customers, total) => {
    expect(typicalCustomerFrom(history(orders), "USD")).toEqual({
      customer: { ordersPerYear: 3, averageOrderMinor: 5_000 },
      basis: { source: "default", customers, orders: total },
    });
  });

  it("GIVEN a currency without minor units THEN the default order is 50 units", () => {
    expect(defaultTypicalCustomer("JPY")).toEqual({ ordersPerYear: 3, averageOrderMinor: 50 });
    expect(defaultTypicalCustomer("KWD")).toEqual({ ordersPerYear: 3, averageOrderMinor: 50_000 });
  });
});

describe("amounts in reward names", () => {
  it.each([
    ["USD", 500, "$5"],
    ["USD", 550, "$5.50"],
    ["JPY", 500, "¥500"],
    ["KWD", 5_000, "KWD\u00a05"],
    ["KWD", 5_250, "KWD\u00a05.250"],
  ])("%s %i minor units read as %s", (currency, minor, expected) => {
    expect(shopAmountFormatter(currency)(minor)).toBe(expected);
  });
});
