/**
 * The metrics a goal can be set on: the store-level ones the summary measures with the fast
 * path. Shared by the goals service and the page's goal form (no server code here).
 */
export const GOAL_METRICS = [
  "customer-retention-rate",
  "churn-rate",
  "repeat-purchase-rate",
  "lifetime-repeat-purchase-rate",
  "purchase-frequency",
  "average-order-value",
  "historical-lifetime-value",
  "projected-lifetime-value",
] as const;
export type GoalMetric = (typeof GOAL_METRICS)[number];
