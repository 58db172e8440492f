import type { GroupStats } from "./group-comparison";
import type { MemberComparison, RedeemerComparison } from "./member-comparison";
import { divideRatios, multiplyRatios, ratio, subtractRatios, type Ratio } from "./ratio";

/** The groups program ROI can be measured against, named as the report shows them. */
export const ROI_COMPARISON_GROUPS = {
  nonMembers: {
    name: "Non-members",
    description:
      "Members compared with non-members: customers who ordered in the same period without being enrolled at the time of the order. Guest checkouts are left out.",
  },
  nonRedeemers: {
    name: "Members who have not redeemed",
    description:
      "Members who redeemed a reward compared with members who never have, in the same period. Useful when every customer is enrolled and there are no non-members.",
  },
} as const;
export type RoiComparisonGroup = keyof typeof ROI_COMPARISON_GROUPS;

export type ProgramRoi = {
  readonly comparisonGroup: RoiComparisonGroup;
  readonly comparisonName: string;
  readonly comparisonDescription: string;
  /** Customers in the program group who ordered in the period. */
  readonly programCustomers: number;
  readonly programRevenueMinor: number;
  /** Net sales per customer in the period (AOV × frequency) of each group. */
  readonly programRevenuePerCustomer: Ratio;
  readonly comparisonRevenuePerCustomer: Ratio;
  /** (program − comparison revenue per customer) × program customers, minor units. */
  readonly incrementalRevenue: Ratio;
  readonly rewardCostMinor: number;
  /** (incremental revenue − reward cost) / reward cost; 1 = 100 %. */
  readonly roi: Ratio;
};

/**
 * Program ROI = (incremental revenue − reward cost) / reward cost, where incremental revenue
 * = (program group's AOV × frequency − comparison group's AOV × frequency) × program group's
 * customers, all over the same period. AOV × frequency is net sales per customer, so this is
 * the extra each program customer spent over a comparable customer, times how many there
 * are. "Gross" here means before the reward cost; revenue is net sales like everywhere.
 * Customers who join are often already the keener ones, so this is an upper bound on what
 * the program caused; the comparison group is named beside the figure. Not defined when
 * the comparison group has no customers or nothing was spent on rewards.
 */
export function programRoi(input: {
  readonly program: GroupStats;
  readonly comparison: GroupStats;
  readonly comparisonGroup: RoiComparisonGroup;
  readonly rewardCostMinor: number;
}): ProgramRoi {
  const { program, comparison, comparisonGroup, rewardCostMinor } = input;
  const gap = subtractRatios(program.revenuePerCustomer, comparison.revenuePerCustomer);
  const incrementalRevenue = multiplyRatios(gap, ratio(program.customers, 1));
  const cost = ratio(rewardCostMinor, 1);
  const roi = divideRatios(subtractRatios(incrementalRevenue, cost), cost);
  return {
    comparisonGroup,
    comparisonName: ROI_COMPARISON_GROUPS[comparisonGroup].name,
    comparisonDescription: ROI_COMPARISON_GROUPS[comparisonGroup].description,
    programCustomers: program.customers,
    programRevenueMinor: program.netSalesMinor,
    programRevenuePerCustomer: program.revenuePerCustomer,
    comparisonRevenuePerCustomer: comparison.revenuePerCustomer,
    incrementalRevenue,
    rewardCostMinor,
    roi,
  };
}

/** ROI of members against non-members (the default comparison). */
export function memberProgramRoi(comparison: MemberComparison, rewardCostMinor: number): ProgramRoi {
  return programRoi({ program: comparison.members, comparison: comparison.nonMembers, comparisonGroup: "nonMembers", rewardCostMinor });
}

/** ROI of redeemers against members who have not redeemed. */
export function redeemerProgramRoi(comparison: RedeemerComparison, rewardCostMinor: number): ProgramRoi {
  return programRoi({ program: comparison.redeemers, comparison: comparison.nonRedeemers, comparisonGroup: "nonRedeemers", rewardCostMinor });
}
