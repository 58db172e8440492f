import type { AppDatabase } from "../../db/database.server";
import { memberComparison, ratio, redeemerComparison, tierComparison, type GroupStats } from "../../loyalty/metrics";
import { ok, type Result } from "../../loyalty/result";
import { loadCustomerFacts, loadOrderFacts, loadRedeemers, loadTiers } from "../../repositories/report-facts.server";
import { moneyFigure, numberFigure, percentFigure, type Figure } from "./figures.server";
import { reportContext, type ReportContext, type ReportContextError, type ReportQuery } from "./report-context.server";
import { reportHeader, type ReportHeader } from "./summary.server";

/** One group's line of a comparison table, each figure exact and as shown. */
export type GroupRow = {
  readonly group: string;
  readonly orders: number;
  readonly customers: number;
  readonly netSales: Figure;
  readonly aov: Figure;
  readonly frequency: Figure;
  readonly revenuePerCustomer: Figure;
  readonly revenueShare: Figure;
  readonly lifetimeCustomers: number;
  readonly ltv: Figure;
};

export type MembersReport = ReportHeader & {
  readonly report: "members";
  /** Members, non-members and guest checkouts: the three revenue shares add up to 100 %. */
  readonly members: readonly GroupRow[];
  /** Among members: who has redeemed a reward, who has not. */
  readonly redeemers: readonly GroupRow[];
  /** Members by their tier now (empty without tiers). */
  readonly tiers: readonly GroupRow[];
};

export function groupRow(group: string, stats: GroupStats, currency: string): GroupRow {
  return {
    group,
    orders: stats.orders,
    customers: stats.customers,
    netSales: moneyFigure(ratio(stats.netSalesMinor, 1), currency),
    aov: moneyFigure(stats.aov, currency),
    frequency: numberFigure(stats.frequency),
    revenuePerCustomer: moneyFigure(stats.revenuePerCustomer, currency),
    revenueShare: percentFigure(stats.revenueShare),
    lifetimeCustomers: stats.lifetimeCustomers,
    ltv: moneyFigure(stats.ltv, currency),
  };
}

/** The order and customer facts the comparisons need, for the period's end. */
export async function comparisonFacts(database: AppDatabase, context: ReportContext) {
  const { shop, period } = context;
  const [orders, customers, redeemers, tiers] = await Promise.all([
    loadOrderFacts(database.db, shop.id, period.to),
    loadCustomerFacts(database.db, shop.id),
    loadRedeemers(database.db, shop.id, period.to),
    loadTiers(database.db, shop.id),
  ]);
  return { orders, customers, redeemers, tiers };
}

/** Members vs non-members (and guests), redeemers vs non-redeemers, and members by tier, for the period. */
export async function getMembersReport(database: AppDatabase, shopDomain: string, query: ReportQuery, now: Date): Promise<Result<MembersReport, ReportContextError>> {
  const context = await reportContext(database, shopDomain, query, now);
  if (!context.ok) return context;
  const { period, shop, tierNames } = context.value;
  const currency = shop.currencyCode;
  const { orders, customers, redeemers, tiers } = await comparisonFacts(database, context.value);
  const split = memberComparison(orders, customers, period);
  const redeeming = redeemerComparison(orders, customers, period, redeemers);
  const byTier = tierComparison(orders, period, tiers);
  const tierOrder = [...tierNames.keys()];
  byTier.sort((a, b) => tierOrder.indexOf(a.tier) - tierOrder.indexOf(b.tier));
  return ok({
    report: "members",
    ...reportHeader(context.value),
    members: [groupRow("Members", split.members, currency), groupRow("Non-members", split.nonMembers, currency), groupRow("Guest checkouts", split.guests, currency)],
    redeemers: [groupRow("Redeemers", redeeming.redeemers, currency), groupRow("Members who have not redeemed", redeeming.nonRedeemers, currency)],
    tiers: byTier.map(({ tier, stats }) => groupRow(tierNames.get(tier) ?? tier, stats, currency)),
  });
}
