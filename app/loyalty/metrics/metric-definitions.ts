/**
 * What each metric means, as the reports page shows it one click away from the number: the
 * formula, and the choices made where the guides leave one open. The same choices are in the
 * doc comment of the function that computes the metric; shared terms (order, net sales,
 * active, lost, member, period) are defined once in definitions.ts (`DEFINITIONS`).
 */

export const METRIC_IDS = [
  "customer-retention-rate",
  "churn-rate",
  "repeat-purchase-rate",
  "lifetime-repeat-purchase-rate",
  "purchase-frequency",
  "average-order-value",
  "historical-lifetime-value",
  "projected-lifetime-value",
  "cohort-retention",
  "member-comparison",
  "redeemer-comparison",
  "tier-comparison",
  "points-earned",
  "points-redeemed",
  "points-expired",
  "points-donated",
  "outstanding-points",
  "redemption-rate",
  "points-liability",
  "breakage",
  "reward-cost",
  "program-roi",
  "rfm-segments",
  "net-promoter-score",
  "customer-satisfaction",
  "customer-effort-score",
  "customer-loyalty-index",
] as const;
export type MetricId = (typeof METRIC_IDS)[number];

/** Whether a rise is good news: goals and period comparisons use it. */
export type MetricDirection = "higher-is-better" | "lower-is-better" | "neutral";

/**
 * How the value is shown: `percent` (a 0..1 ratio × 100), `money` (minor units), `ratio`
 * (a plain number such as orders per customer), `points`, `nps` (−100..100), `scale`
 * (the 1–7 effort scale), `index` (0–100), `table`.
 */
export type MetricUnit = "percent" | "money" | "ratio" | "points" | "nps" | "scale" | "index" | "table";

export type MetricDefinition = {
  readonly name: string;
  readonly formula: string;
  readonly notes: string;
  readonly direction: MetricDirection;
  readonly unit: MetricUnit;
};

export const METRIC_DEFINITIONS: Readonly<Record<MetricId, MetricDefinition>> = {
  "customer-retention-rate": {
    name: "Customer retention rate (CRR)",
    formula: "(E − N) / S × 100",
    notes:
      "S = customers active at the start of the period, E = active at its end, N = customers active at the end who were not at the start: first-time buyers and lapsed customers won back. Counting the won-back in N keeps the rate to the customers you kept, between 0 and 100 %. Active = ordered within the inactivity window (default 180 days). Not shown when S is 0.",
    direction: "higher-is-better",
    unit: "percent",
  },
  "churn-rate": {
    name: "Churn rate",
    formula: "customers lost during the period / customers at its start × 100",
    notes:
      "Lost = active at the start of the period and not at its end: the inactivity window ran out during the period with no order since. Churn = 100 % − retention rate. The guides cite 5–8 % a month as typical for online shops.",
    direction: "lower-is-better",
    unit: "percent",
  },
  "repeat-purchase-rate": {
    name: "Repeat purchase rate",
    formula: "customers with 2+ orders / customers with 1+ orders, in the period",
    notes: "Only orders placed in the period count. Guest checkouts are not customers. Also shown as \"1:N\": one customer in every N comes back.",
    direction: "higher-is-better",
    unit: "percent",
  },
  "lifetime-repeat-purchase-rate": {
    name: "Repeat purchase rate (lifetime)",
    formula: "customers with 2+ orders ever / customers with 1+ orders ever",
    notes: "Every order up to the end of the period, including history from before Wafa was installed. Shopify's \"returning customer rate\" is this lifetime ratio.",
    direction: "higher-is-better",
    unit: "percent",
  },
  "purchase-frequency": {
    name: "Purchase frequency",
    formula: "orders / unique customers, in the period",
    notes: "Guest checkouts are left out of both counts. Frequency depends on the period's length: compare a yearly goal (e.g. 3.3 orders a year) with a 12-month period.",
    direction: "higher-is-better",
    unit: "ratio",
  },
  "average-order-value": {
    name: "Average order value (AOV)",
    formula: "net sales / orders, in the period",
    notes: "Every counted order, guest checkouts included; refunds reduce net sales. Shown in whole cents, rounded half up.",
    direction: "higher-is-better",
    unit: "money",
  },
  "historical-lifetime-value": {
    name: "Lifetime value (historical)",
    formula: "net sales of all customers up to the period end / customers with 1+ orders",
    notes: "Each customer's whole relationship up to the end of the period, history from before Wafa included.",
    direction: "higher-is-better",
    unit: "money",
  },
  "projected-lifetime-value": {
    name: "Lifetime value (projected)",
    formula: "AOV × purchase frequency per year × expected lifespan in years",
    notes:
      "AOV, frequency and churn are measured over the 12 months ending at the period end, over customers (guests left out). Expected lifespan = 1 / yearly churn rate (losing 25 % a year means 4 years), unless you set your own.",
    direction: "higher-is-better",
    unit: "money",
  },
  "cohort-retention": {
    name: "Monthly cohort retention",
    formula: "cohort customers ordering in month k after their first / cohort size",
    notes:
      "A cohort is the customers whose first order fell in one month (in the shop's time zone), within the period. Month 0 is the first order's month (always 100 %). Months not over at the end of the period are marked partial.",
    direction: "higher-is-better",
    unit: "table",
  },
  "member-comparison": {
    name: "Members vs non-members",
    formula: "AOV, frequency, net sales per customer, share of revenue and LTV, per group",
    notes:
      "An order is a member order if its customer had enrolled by the time of the order, so a customer who joins mid-period has non-member orders before and member orders after. Guest checkouts are a third line; the three shares add up to 100 %. LTV compares customers enrolled by the period end with the rest.",
    direction: "neutral",
    unit: "table",
  },
  "redeemer-comparison": {
    name: "Redeemers vs non-redeemers",
    formula: "AOV, frequency, net sales per customer, share of revenue and LTV, per group",
    notes: "Among members enrolled by the period end: those who have redeemed a reward at least once, and those who have not. All their orders in the period count.",
    direction: "neutral",
    unit: "table",
  },
  "tier-comparison": {
    name: "By tier",
    formula: "AOV, frequency, net sales per customer, share of revenue and LTV, per tier",
    notes: "Customers are grouped by their tier at the end of the period; all their orders in the period count.",
    direction: "neutral",
    unit: "table",
  },
  "points-earned": {
    name: "Points earned",
    formula: "points earned in the period − points reversed",
    notes: "Purchases, bonuses and adjustments, less points taken back when orders were refunded.",
    direction: "neutral",
    unit: "points",
  },
  "points-redeemed": {
    name: "Points redeemed",
    formula: "points spent on rewards in the period − points given back",
    notes: "Points returned when a reward went unused are subtracted.",
    direction: "neutral",
    unit: "points",
  },
  "points-expired": {
    name: "Points expired",
    formula: "points that expired in the period",
    notes: "",
    direction: "neutral",
    unit: "points",
  },
  "points-donated": {
    name: "Points donated",
    formula: "points members gave to your cause in the period",
    notes: "Their value is counted in the program's cost, like rewards.",
    direction: "neutral",
    unit: "points",
  },
  "outstanding-points": {
    name: "Outstanding points",
    formula: "points earned − redeemed − donated − expired, since the program began",
    notes: "What members hold at the end of the period.",
    direction: "neutral",
    unit: "points",
  },
  "redemption-rate": {
    name: "Redemption rate",
    formula: "(points redeemed + donated) / points earned, since the program began",
    notes:
      "Lifetime rather than per period: in a single period members spend points earned earlier, so a period's ratio can pass 100 %. Donations count as redemptions: both turn points into a cost.",
    direction: "higher-is-better",
    unit: "percent",
  },
  "points-liability": {
    name: "Points liability",
    formula: "outstanding points × point value × expected redemption rate",
    notes:
      "Expected redemption rate = your own estimate if set; otherwise the share of points already settled that were used rather than expired, used / (used + expired); 100 % until any point has settled.",
    direction: "neutral",
    unit: "money",
  },
  breakage: {
    name: "Breakage",
    formula: "1 − expected redemption rate",
    notes: "The share of outstanding points expected never to be used.",
    direction: "neutral",
    unit: "percent",
  },
  "reward-cost": {
    name: "Reward cost",
    formula: "value of rewards redeemed + donations made, in the period",
    notes: "What the rewards cost the shop in its currency (discounts given, store credit, free products and shipping), net of rewards given back.",
    direction: "neutral",
    unit: "money",
  },
  "program-roi": {
    name: "Program ROI",
    formula: "(incremental revenue − reward cost) / reward cost, incremental revenue = (members' AOV × frequency − comparison group's AOV × frequency) × members",
    notes:
      "Compared with the group named beside the figure (by default non-members in the same period). AOV × frequency is net sales per customer. Keener customers tend to join, so this is an upper bound on what the program caused.",
    direction: "higher-is-better",
    unit: "percent",
  },
  "rfm-segments": {
    name: "Segments A/B/C",
    formula: "rank by recency + frequency + monetary scores (each 1–5 by quintile); A = top 20 %, B = next 30 %, C = last 50 %",
    notes:
      "Over every customer with an order before the period end: days since the last order, number of orders, and net sales, lifetime. Equal values get equal scores; ties in the ranking go to more net sales, more orders, more recent, then customer id.",
    direction: "neutral",
    unit: "table",
  },
  "net-promoter-score": {
    name: "Net Promoter Score (NPS)",
    formula: "% promoters (9–10) − % detractors (0–6)",
    notes: "From the 0–10 \"would you recommend us\" question in the thank-you page survey, answers given in the period. Ranges from −100 to 100.",
    direction: "higher-is-better",
    unit: "nps",
  },
  "customer-satisfaction": {
    name: "Customer satisfaction (CSAT)",
    formula: "satisfied answers (4–5 of 5) / all answers × 100",
    notes: "From the satisfaction question (1–5) in the thank-you page survey, answers given in the period.",
    direction: "higher-is-better",
    unit: "percent",
  },
  "customer-effort-score": {
    name: "Customer effort score (CES)",
    formula: "average answer on the 1–7 effort scale",
    notes: "1 = very easy, 7 = very difficult, so lower is better. From the thank-you page survey, answers given in the period.",
    direction: "lower-is-better",
    unit: "scale",
  },
  "customer-loyalty-index": {
    name: "Customer Loyalty Index",
    formula: "Σ weight × score / Σ weights, scores on 0–100: retention rate, repeat purchase rate, frequency / target (capped at 100), (NPS + 100) / 2",
    notes: "Default weights: retention 30, repeat purchases 25, frequency 20, NPS 25; you can change them (whole numbers adding up to 100). A part with no data yet is left out and the other weights scaled up.",
    direction: "higher-is-better",
    unit: "index",
  },
};
