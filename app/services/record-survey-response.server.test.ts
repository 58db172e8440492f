import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { customerEffortScore, customerSatisfaction, netPromoterScore } from "../loyalty/metrics";
import type { OrderSnapshot } from "../loyalty/orders/order-state";
import { DEFAULT_SETTINGS, DEFAULT_SURVEY, type SurveySettings } from "../loyalty/settings/shop-settings";
import { findCustomer } from "../repositories/customers.server";
import { listCustomerDataExports } from "../repositories/data-exports.server";
import { findShop, saveShopSettings } from "../repositories/shops.server";
import { customerSurveyResponses, findSurveyResponse, surveyResponsesIn } from "../repositories/survey-responses.server";
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from "../test/databases";
import { expectProjectionMatchesLedger, installTestShop } from "../test/shops";
import { exportCustomerData, redactCustomerData } from "./compliance.server";
import { recordOrderEvent } from "./record-order-event.server";
import { getSurveyStatus, recordSurveyResponse, surveyRewardKey } from "./record-survey-response.server";

const NOW = new Date("2026-03-02T12:00:00Z");
const customerGid = (id: number) => `gid://shopify/Customer/${id}`;
const orderGid = (id: number) => `gid://shopify/Order/${id}`;

/** A paid order of `customer` (null: a guest), recorded as Shopify's webhook would. */
async function placeOrder(database: TestDatabase, shop: string, id: number, customer: number | null): Promise<void> {
  const at = new Date("2026-03-01T10:00:00Z");
  const snapshot: OrderSnapshot = {
    orderId: orderGid(id), name: `#${id}`, customerId: customer === null ? null : customerGid(customer), test: false, financialStatus: "paid",
    cancelledAt: null, createdAt: at, processedAt: at, updatedAt: at, currency: "USD", subtotalMinor: 2000, totalMinor: 2000, discountsMinor: 0,
    shippingMinor: 0, taxMinor: 0, taxesIncluded: false, includedRefundIds: [], lines: [], discountCodes: [], sourceName: "web",
  };
  const facts = customer === null ? null : { customerGid: customerGid(customer), email: `${customer}@example.com`, firstName: null, lastName: null, phone: null, shopifyCreatedAt: null, shopifyUpdatedAt: null };
  await recordOrderEvent(database, shop, { kind: "order", facts: { snapshot, refunds: [], customer: facts } }, { topic: "orders/paid", receivedAt: at });
}

describe.each(DATABASE_KINDS)("the thank-you page survey on %s", (kind) => {
  let database: TestDatabase;
  let shopId = 0;
  const shop = `survey-${kind}.myshopify.com`;
  const configure = (survey: SurveySettings) => saveShopSettings(database.db, shopId, { ...DEFAULT_SETTINGS, survey }, false, NOW);
  const answer = (customer: number | null, body: Record<string, unknown>, at = NOW) =>
    recordSurveyResponse(database, { shop, customerGid: customer === null ? null : customerGid(customer) }, body, at);
  const surveyJournals = async (order: number) =>
    database.db.selectFrom("LedgerJournal").select(["key", "kind"]).where("shopId", "=", shopId).where("key", "=", surveyRewardKey(orderGid(order))).execute();
  const available = async (customer: number) => (await findCustomer(database.db, shopId, customerGid(customer)))?.pointsAvailable;

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    shopId = (await installTestShop(database, shop)).id;
    await configure({ ...DEFAULT_SURVEY, rewardPoints: 25 });
    await placeOrder(database, shop, 5001, 71);
    await placeOrder(database, shop, 5002, 72);
    await placeOrder(database, shop, 5003, null);
  });
  afterAll(() => database.drop());

  it("GIVEN a member answering about their own order THEN the answers are stored and 25 points granted once", async () => {
    const before = (await available(71)) ?? 0;
    const result = await answer(71, { orderId: orderGid(5001), recommend: 9, satisfaction: 5, effort: 2, comment: "  Quick delivery  " });
    expect(result).toEqual({ status: "recorded", receipt: { orderId: orderGid(5001), pointsEarned: 25, reward: "granted" } });
    expect(await findSurveyResponse(database.db, shopId, orderGid(5001))).toMatchObject({ recommend: 9, satisfaction: 5, effort: 2, comment: "Quick delivery", rewardPoints: 25 });
    expect(await available(71)).toBe(before + 25);
    expect(await surveyJournals(5001)).toEqual([{ key: `order:${orderGid(5001)}:survey`, kind: "bonus" }]);
    await expectProjectionMatchesLedger(database, shop);
  });

  it("GIVEN the same order answered again, even with other scores THEN the first response stands and no second reward", async () => {
    const before = await available(71);
    const replay = await answer(71, { orderId: orderGid(5001), recommend: 0 });
    expect(replay).toEqual({ status: "already_recorded", receipt: { orderId: orderGid(5001), pointsEarned: 25, reward: "granted" } });
    expect(await findSurveyResponse(database.db, shopId, orderGid(5001))).toMatchObject({ recommend: 9 });
    expect(await available(71)).toBe(before);
    expect(await surveyJournals(5001)).toHaveLength(1);
  });

  it("GIVEN concurrent first answers for one order THEN one response and one reward", async () => {
    const results = await Promise.all([1, 2, 3].map(() => answer(72, { orderId: orderGid(5002), recommend: 7 })));
    expect(results.map((result) => result.status).sort()).toEqual(["already_recorded", "already_recorded", "recorded"]);
    expect(results.every((result) => "receipt" in result && result.receipt.pointsEarned === 25)).toBe(true);
    expect(await surveyJournals(5002)).toHaveLength(1);
    await expectProjectionMatchesLedger(database, shop);
  });

  it("GIVEN another customer's order THEN refused, nothing stored, no points", async () => {
    expect(await answer(72, { orderId: orderGid(5001), recommend: 10 })).toEqual({ status: "not_your_order" });
    await placeOrder(database, shop, 5004, 71);
    expect(await answer(72, { orderId: orderGid(5004), recommend: 10 })).toEqual({ status: "not_your_order" });
    expect(await findSurveyResponse(database.db, shopId, orderGid(5004))).toBeNull();
  });

  it("GIVEN a guest THEN the answers are stored without a customer and without points", async () => {
    expect(await answer(null, { orderId: orderGid(5003), satisfaction: 4 })).toEqual({ status: "recorded", receipt: { orderId: orderGid(5003), pointsEarned: 0, reward: "guest" } });
    expect(await findSurveyResponse(database.db, shopId, orderGid(5003))).toMatchObject({ customerRowId: null, satisfaction: 4, rewardPoints: 0 });
    expect(await surveyJournals(5003)).toEqual([]);
  });

  it("GIVEN the order id of the thank-you page (OrderIdentity) THEN it is the order webhooks name", async () => {
    await placeOrder(database, shop, 5005, 71);
    const result = await answer(71, { orderId: "gid://shopify/OrderIdentity/5005", effort: 1 });
    expect(result).toMatchObject({ status: "recorded", receipt: { orderId: orderGid(5005), reward: "granted" } });
  });

  it("GIVEN answers before Shopify reported the order THEN refused as not recorded yet, nothing stored; the same answers sent after the order arrive are recorded and rewarded once", async () => {
    expect(await answer(73, { orderId: orderGid(5006), recommend: 8 })).toEqual({ status: "order_not_recorded" });
    expect(await answer(null, { orderId: orderGid(5006), recommend: 8 })).toEqual({ status: "order_not_recorded" });
    expect(await findSurveyResponse(database.db, shopId, orderGid(5006))).toBeNull();
    await placeOrder(database, shop, 5006, 73);
    const before = (await available(73)) ?? 0;
    expect(await answer(73, { orderId: orderGid(5006), recommend: 8 })).toEqual({ status: "recorded", receipt: { orderId: orderGid(5006), pointsEarned: 25, reward: "granted" } });
    expect(await answer(73, { orderId: orderGid(5006), recommend: 8 })).toMatchObject({ receipt: { pointsEarned: 25 } });
    expect(await available(73)).toBe(before + 25);
    expect(await findSurveyResponse(database.db, shopId, orderGid(5006))).toMatchObject({ customerRowId: expect.any(Number), rewardPoints: 25 });
    await expectProjectionMatchesLedger(database, shop);
  });

  it.each([
    ["a recommend score above 10", { recommend: 11 }, "recommend", "How likely you are to recommend us must be a whole number from 0 to 10."],
    ["a fractional satisfaction", { satisfaction: 3.5 }, "satisfaction", "Satisfaction must be a whole number from 1 to 5."],
    ["an effort of 0", { effort: 0 }, "effort", "Effort must be a whole number from 1 to 7."],
    ["no answer at all", { comment: "nice" }, "recommend", "Answer at least one question."],
    ["a comment over 1,000 characters", { recommend: 5, comment: "x".repeat(1001) }, "comment", "The comment can be at most 1000 characters."],
    ["an unknown field", { recommend: 5, rating: 3 }, "", 'Unrecognized key: "rating"'],
  ])("GIVEN %s THEN invalid with a message, nothing stored", async (_name, body, path, message) => {
    const result = await answer(71, { orderId: orderGid(5100), ...body });
    expect(result).toMatchObject({ status: "invalid", issues: expect.arrayContaining([{ path, message }]) });
    expect(await findSurveyResponse(database.db, shopId, orderGid(5100))).toBeNull();
  });

  it("GIVEN an order id that is not one THEN invalid", async () => {
    expect(await answer(71, { orderId: "5100", recommend: 5 })).toMatchObject({ status: "invalid", issues: [{ path: "orderId", message: "The order id must look like gid://shopify/Order/123." }] });
  });

  it("GIVEN a question the shop does not ask THEN invalid; GIVEN the survey switched off THEN refused; GIVEN no reward THEN none", async () => {
    await placeOrder(database, shop, 5101, 71);
    await placeOrder(database, shop, 5102, 71);
    await configure({ enabled: true, rewardPoints: 0, questions: ["recommend"] });
    expect(await answer(71, { orderId: orderGid(5101), recommend: 6, effort: 3 })).toEqual({ status: "invalid", issues: [{ path: "effort", message: "This shop's survey does not ask this question." }] });
    expect(await answer(71, { orderId: orderGid(5101), recommend: 6 })).toMatchObject({ status: "recorded", receipt: { reward: "no_reward", pointsEarned: 0 } });
    await configure({ ...DEFAULT_SURVEY, enabled: false });
    expect(await answer(71, { orderId: orderGid(5102), recommend: 6 })).toEqual({ status: "survey_disabled" });
    // An answer already given still reads back: the thank-you page shows its thanks.
    expect(await answer(71, { orderId: orderGid(5001), recommend: 6 })).toMatchObject({ status: "already_recorded", receipt: { pointsEarned: 25 } });
    await configure({ ...DEFAULT_SURVEY, rewardPoints: 25 });
  });

  it("GIVEN a shop that is not installed THEN shop_not_installed", async () => {
    expect(await recordSurveyResponse(database, { shop: "nowhere.myshopify.com", customerGid: null }, { orderId: orderGid(1), recommend: 5 }, NOW)).toEqual({ status: "shop_not_installed" });
  });

  it("GIVEN the status read THEN the survey and whether the order was answered; points only to the one who answered", async () => {
    const mine = await getSurveyStatus(database, { shop, customerGid: customerGid(71) }, orderGid(5001));
    expect(mine).toEqual({ status: "ok", survey: { enabled: true, questions: DEFAULT_SURVEY.questions, rewardPoints: 25 }, response: { answered: true, pointsEarned: 25 } });
    const someoneElse = await getSurveyStatus(database, { shop, customerGid: customerGid(72) }, orderGid(5001));
    expect(someoneElse).toMatchObject({ response: { answered: true, pointsEarned: 0 } });
    const guest = await getSurveyStatus(database, { shop, customerGid: null }, orderGid(9999));
    expect(guest).toMatchObject({ survey: { rewardPoints: 0 }, response: { answered: false, pointsEarned: 0 } });
    expect(await getSurveyStatus(database, { shop, customerGid: null }, "nope")).toMatchObject({ status: "invalid" });
  });

  it("GIVEN customers/data_request THEN the export holds the customer's answers", async () => {
    await exportCustomerData(database, shop, { customerGid: customerGid(71), dataRequestId: "req-1", ordersRequested: [] }, NOW);
    const [stored] = await listCustomerDataExports(database.db, shopId);
    const document = JSON.parse(stored?.export ?? "{}") as { surveyResponses?: Array<{ orderGid: string; comment: string | null }> };
    expect(document.surveyResponses).toEqual(expect.arrayContaining([expect.objectContaining({ orderGid: orderGid(5001), comment: "Quick delivery" })]));
  });

  it("GIVEN customers/redact THEN the customer's comments are erased, their scores stay", async () => {
    const customer = await findCustomer(database.db, shopId, customerGid(71));
    await redactCustomerData(database, shop, customerGid(71), NOW);
    const responses = await customerSurveyResponses(database.db, shopId, customer?.id ?? -1);
    expect(responses.length).toBeGreaterThan(0);
    expect(responses.every((response) => response.comment === null)).toBe(true);
    expect(responses.find((response) => response.orderGid === orderGid(5001))).toMatchObject({ recommend: 9, satisfaction: 5, effort: 2 });
  });
});

describe.each(DATABASE_KINDS)("surveyResponsesIn feeding the survey scores on %s", (kind) => {
  let database: TestDatabase;
  const shop = `scores-${kind}.myshopify.com`;
  const day = (date: string) => new Date(`${date}T09:00:00Z`);
  beforeAll(async () => {
    database = await createTestDatabase(kind);
    await installTestShop(database, shop);
    await installTestShop(database, `scores-other-${kind}.myshopify.com`);
    // Eight answers in March, one in February and one at the period's end (both outside),
    // one at another shop. Guests: the repository needs no customer or order.
    const march: Array<[string, number | null, number | null, number | null]> = [
      ["2026-03-01", 10, 5, 1],
      ["2026-03-02", 9, 4, 2],
      ["2026-03-03", 9, 3, 2],
      ["2026-03-04", 8, 4, 3],
      ["2026-03-05", 7, null, 5],
      ["2026-03-06", 6, 2, 7],
      ["2026-03-07", 3, 1, null],
      ["2026-03-08", null, 5, 4],
    ];
    let order = 7000;
    const give = async (domain: string, at: Date, recommend: number | null, satisfaction: number | null, effort: number | null) => {
      order += 1;
      await placeOrder(database, domain, order, null);
      const result = await recordSurveyResponse(database, { shop: domain, customerGid: null }, { orderId: orderGid(order), recommend, satisfaction, effort }, at);
      expect(result.status).toBe("recorded");
    };
    for (const [date, recommend, satisfaction, effort] of march) await give(shop, day(date), recommend, satisfaction, effort);
    await give(shop, day("2026-02-28"), 0, 1, 7);
    await give(shop, new Date("2026-04-01T00:00:00Z"), 0, 1, 7);
    await give(`scores-other-${kind}.myshopify.com`, day("2026-03-10"), 0, 1, 7);
  });
  afterAll(() => database.drop());

  it("GIVEN March's answers THEN NPS, CSAT and CES equal the hand-computed values", async () => {
    const shopId = (await findShop(database.db, shop))?.id ?? -1;
    const period = { from: new Date("2026-03-01T00:00:00Z"), to: new Date("2026-04-01T00:00:00Z") };
    const responses = await surveyResponsesIn(database.db, shopId, period.from, period.to);
    expect(responses).toHaveLength(8);
    expect(responses[0]).toEqual({ customerId: null, respondedAt: day("2026-03-01"), recommend: 10, satisfaction: 5, effort: 1 });
    // Recommend: 10, 9, 9 promoters; 8, 7 passives; 6, 3 detractors; one skipped → 7 answers, NPS (3 − 2) / 7.
    expect(netPromoterScore(responses, period)).toEqual({ responses: 7, promoters: 3, passives: 2, detractors: 2, score: { numerator: 1, denominator: 7 } });
    // Satisfaction: 5, 4, 3, 4, 2, 1, 5 (one skipped) → 4 of 7 are 4 or 5.
    expect(customerSatisfaction(responses, period)).toEqual({ responses: 7, satisfied: 4, rate: { numerator: 4, denominator: 7 } });
    // Effort: 1 + 2 + 2 + 3 + 5 + 7 + 4 = 24 over 7 answers.
    expect(customerEffortScore(responses, period)).toEqual({ responses: 7, total: 24, average: { numerator: 24, denominator: 7 } });
  });
});
