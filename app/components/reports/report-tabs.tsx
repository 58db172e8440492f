import { Form } from "@remix-run/react";
import { Banner, BlockStack, Button, Card, InlineGrid, InlineStack, ProgressBar, Select, Text, TextField } from "@shopify/polaris";
import { useState } from "react";
import { formatMoney } from "~/loyalty/money/display";
import { METRIC_DEFINITIONS, type MetricId } from "~/loyalty/metrics/metric-definitions";
import { GOAL_METRICS, type GoalMetric } from "~/services/reports/goal-metrics";
import type { FeedbackReport } from "~/services/reports/feedback.server";
import type { Figure } from "~/services/reports/figures.server";
import type { GoalsReport, LoyaltyIndexReport } from "~/services/reports/goals.server";
import type { GroupRow, MembersReport } from "~/services/reports/members.server";
import type { ProgramReport } from "~/services/reports/program.server";
import type { AnyReport } from "~/services/reports/reports.server";
import type { RetentionReport } from "~/services/reports/retention.server";
import type { SegmentsReport } from "~/services/reports/segments.server";
import type { SummaryReport } from "~/services/reports/summary.server";
import { ChartCard, chartMoney, chartPercent } from "./charts";
import { CohortHeatmap } from "./cohort-heatmap";
import { FormulaButton, MetricCard } from "./metric-card";
import { ReportTable } from "./report-table";

const show = (figure: Figure) => figure.display ?? "—";
const fileName = (report: AnyReport, table: string) => `${report.report}-${table}-${report.period.first}-${report.period.last}.csv`;

function MetricGrid({ metrics }: { readonly metrics: SummaryReport["metrics"] }) {
  return (
    <InlineGrid columns={{ xs: 1, sm: 2, lg: 4 }} gap="400">
      {metrics.map((figure) => (
        <MetricCard key={figure.metric} figure={figure} />
      ))}
    </InlineGrid>
  );
}

function FlowChart({ report }: { readonly report: SummaryReport | RetentionReport }) {
  const points = (flow: SummaryReport["flow"]["current"]) => [
    { key: "At the start (S)", value: flow.atStart },
    { key: "Kept", value: flow.retained },
    { key: "Lost", value: flow.lost },
    { key: "New", value: flow.acquiredFirstTime },
    { key: "Won back", value: flow.acquiredWonBack },
    { key: "At the end (E)", value: flow.atEnd },
  ];
  return (
    <ChartCard
      title="Customers kept, lost and gained"
      kind="bar"
      testId="customer-flow"
      series={[
        { name: `${report.period.first} – ${report.period.last}`, data: points(report.flow.current) },
        { name: "Previous period", data: points(report.flow.previous) },
      ]}
    />
  );
}

function SummaryTab({ report }: { readonly report: SummaryReport }) {
  return (
    <BlockStack gap="400">
      <MetricGrid metrics={report.metrics} />
      <FlowChart report={report} />
    </BlockStack>
  );
}

function RetentionTab({ report }: { readonly report: RetentionReport }) {
  return (
    <BlockStack gap="400">
      <MetricGrid metrics={report.metrics.slice(0, 4)} />
      <FlowChart report={report} />
      <CohortHeatmap cohorts={report.cohorts} filename={fileName(report, "cohorts")} />
    </BlockStack>
  );
}

const GROUP_HEADINGS = ["Group", "Orders", "Customers", "Net sales", "AOV", "Frequency", "Revenue per customer", "Share of revenue", "LTV"];
const groupCells = (row: GroupRow) => [row.group, row.orders, row.customers, show(row.netSales), show(row.aov), show(row.frequency), show(row.revenuePerCustomer), show(row.revenueShare), show(row.ltv)];

function MembersTab({ report }: { readonly report: MembersReport }) {
  const formula = (metric: MetricId) => <FormulaButton metric={metric} />;
  return (
    <BlockStack gap="400">
      <ChartCard
        title="Average order value and revenue per customer"
        kind="bar"
        testId="member-comparison"
        unit={{ kind: "money", currency: report.shop.currencyCode }}
        series={[
          { name: "AOV", data: report.members.map((row) => ({ key: row.group, value: chartMoney(row.aov, report.shop.currencyCode) })) },
          { name: "Revenue per customer", data: report.members.map((row) => ({ key: row.group, value: chartMoney(row.revenuePerCustomer, report.shop.currencyCode) })) },
        ]}
      />
      <ReportTable title="Members vs non-members" filename={fileName(report, "members")} headings={GROUP_HEADINGS} rows={report.members.map(groupCells)} action={formula("member-comparison")} />
      <ReportTable title="Redeemers vs members who have not redeemed" filename={fileName(report, "redeemers")} headings={GROUP_HEADINGS} rows={report.redeemers.map(groupCells)} action={formula("redeemer-comparison")} />
      <ReportTable title="By tier" filename={fileName(report, "tiers")} headings={GROUP_HEADINGS} rows={report.tiers.map(groupCells)} empty="The program has no tiers, or no member holds one yet." action={formula("tier-comparison")} />
    </BlockStack>
  );
}

function ProgramTab({ report }: { readonly report: ProgramReport }) {
  return (
    <BlockStack gap="400">
      <MetricGrid metrics={report.metrics} />
      <ChartCard
        title="Points by month"
        kind="line"
        testId="points-by-month"
        series={(["earned", "redeemed", "expired", "donated"] as const).map((kind) => ({ name: `Points ${kind}`, data: report.monthly.map((month) => ({ key: month.month, value: month[kind] })) }))}
      />
      <ReportTable
        title="Program ROI"
        filename={fileName(report, "roi")}
        headings={["Compared with", "Program customers", "Their revenue per customer", "Comparison's revenue per customer", "Incremental revenue", "Reward cost", "ROI"]}
        rows={report.roi.map((roi) => [roi.comparisonName, roi.programCustomers, show(roi.programRevenuePerCustomer), show(roi.comparisonRevenuePerCustomer), show(roi.incrementalRevenue), show(roi.rewardCost), show(roi.roi)])}
        action={<FormulaButton metric="program-roi" />}
      />
      <Text as="p" tone="subdued">
        {report.roi.map((roi) => `${roi.comparisonName}: ${roi.comparisonDescription}`).join(" ")} Reward cost values redeemed and donated points at the program&apos;s point value ({report.pointValue.points.toLocaleString("en")} points = {formatMoney(report.pointValue.amountMinor, report.shop.currencyCode)}).
      </Text>
    </BlockStack>
  );
}

function SegmentsTab({ report }: { readonly report: SegmentsReport }) {
  return (
    <BlockStack gap="400">
      <ChartCard title="Share of revenue by segment" kind="bar" testId="segments" unit={{ kind: "percent" }} series={[{ name: "Share of lifetime revenue", data: report.segments.map((row) => ({ key: `Segment ${row.segment}`, value: chartPercent(row.revenueShare) })) }]} />
      <ReportTable
        title={`Segments (top ${report.cuts.A} % = A, up to ${report.cuts.B} % = B, the rest C)`}
        filename={fileName(report, "segments")}
        headings={["Segment", "Customers", "Lifetime net sales", "Share of revenue"]}
        rows={report.segments.map((row) => [row.segment, row.customers, show(row.netSales), show(row.revenueShare)])}
        action={<FormulaButton metric="rfm-segments" />}
      />
      <ReportTable
        title={`Best-ranked customers (${report.top.length} of ${report.rankedCustomers})`}
        filename={fileName(report, "ranking")}
        headings={["Customer", "Rank", "Segment", "Days since last order", "Orders", "Net sales", "R", "F", "M", "Score"]}
        rows={report.top.map((row) => [row.customer, row.rank, row.segment, row.recencyDays, row.orders, show(row.netSales), row.scores.recency, row.scores.frequency, row.scores.monetary, row.scores.total])}
      />
    </BlockStack>
  );
}



function GoalsTab({ report }: { readonly report: GoalsReport }) {
  const [metric, setMetric] = useState<GoalMetric>(GOAL_METRICS[0]);
  const unit = METRIC_DEFINITIONS[metric].unit;
  const [target, setTarget] = useState("");
  return (
    <BlockStack gap="400">
      {report.goals.length === 0 ? <Banner>No goals yet. Set one below, for example a purchase frequency of 3.3 over a 12-month period, or a retention rate of 50 %.</Banner> : null}
      {report.goals.map((goal) => (
        <Card key={goal.metric}>
          <BlockStack gap="200">
            <InlineStack align="space-between" blockAlign="center">
              <Text as="h3" variant="headingSm">
                {goal.name}: {show(goal.current)} of a {show(goal.target)} target {goal.met ? "(met)" : ""}
              </Text>
              <Form method="post">
                <input type="hidden" name="intent" value="remove-goal" />
                <input type="hidden" name="metric" value={goal.metric} />
                <Button submit variant="plain" tone="critical">
                  Remove
                </Button>
              </Form>
            </InlineStack>
            <ProgressBar progress={goal.progressPercent ?? 0} tone={goal.met ? "success" : "highlight"} />
            <Text as="p" tone="subdued">
              {goal.progressPercent === null ? "Not measurable in this period." : `${goal.progressPercent} % of the way; ${show(goal.remaining)} to go.`}
            </Text>
          </BlockStack>
        </Card>
      ))}
      <Card>
        <Form method="post">
          <input type="hidden" name="intent" value="save-goal" />
          <InlineStack gap="300" blockAlign="end" wrap>
            <Select label="Metric" name="metric" options={GOAL_METRICS.map((id) => ({ label: METRIC_DEFINITIONS[id].name, value: id }))} value={metric} onChange={(value) => setMetric(GOAL_METRICS.find((id) => id === value) ?? metric)} />
            <TextField
              label="Target"
              name="target"
              value={target}
              onChange={setTarget}
              autoComplete="off"
              helpText={unit === "percent" ? "In percent, e.g. 50" : unit === "money" ? "In your currency, e.g. 75.00" : "e.g. 3.3"}
            />
            <Button submit variant="primary">
              Set goal
            </Button>
          </InlineStack>
        </Form>
      </Card>
    </BlockStack>
  );
}

function LoyaltyIndexTab({ report }: { readonly report: LoyaltyIndexReport }) {
  const [weights, setWeights] = useState(() => ({ ...report.weights }));
  const names = { retention: "Retention rate", repeat: "Repeat purchase rate", frequency: `Purchase frequency (full score at ${report.frequencyTarget.display ?? "—"})`, nps: "Net Promoter Score" } as const;
  return (
    <BlockStack gap="400">
      <Card>
        <BlockStack gap="200">
          <InlineStack align="space-between">
            <Text as="h2" variant="headingMd">
              Customer Loyalty Index
            </Text>
            <FormulaButton metric="customer-loyalty-index" />
          </InlineStack>
          <Text as="p" variant="heading2xl" id="metric-customer-loyalty-index">
            {show(report.index)}
          </Text>
          {report.missing.length > 0 ? <Text as="p" tone="subdued">Left out (not defined in this period): {report.missing.map((component) => names[component]).join(", ")}; the other weights are scaled up to 100 %.</Text> : null}
        </BlockStack>
      </Card>
      <ReportTable
        title="Components"
        filename={fileName(report, "components")}
        headings={["Component", "Score", "Weight %", "Applied weight"]}
        rows={report.components.map((entry) => [names[entry.component], show(entry.score), entry.weight, show(entry.appliedWeight)])}
      />
      <Card>
        <Form method="post">
          <input type="hidden" name="intent" value="save-weights" />
          <InlineStack gap="300" blockAlign="end" wrap>
            {(["retention", "repeat", "frequency", "nps"] as const).map((component) => (
              <TextField key={component} label={`${names[component]} weight`} name={component} type="number" value={String(weights[component])} onChange={(value) => setWeights({ ...weights, [component]: Number(value) })} autoComplete="off" />
            ))}
            <Button submit variant="primary">
              Save weights
            </Button>
          </InlineStack>
        </Form>
      </Card>
    </BlockStack>
  );
}

function FeedbackTab({ report }: { readonly report: FeedbackReport }) {
  const { nps, csat, ces } = report.scores;
  return (
    <BlockStack gap="400">
      {report.message ? <Banner tone="info">{report.message}</Banner> : null}
      <ReportTable
        title="Survey scores"
        filename={fileName(report, "scores")}
        headings={["Score", "Value", "Responses"]}
        rows={[
          ["Net Promoter Score", show(nps.score), nps.responses],
          ["Customer satisfaction (CSAT)", show(csat.rate), csat.responses],
          ["Customer effort (CES, 1 = very easy)", show(ces.average), ces.responses],
        ]}
      />
    </BlockStack>
  );
}

/** The selected report, drawn from the service's answer (the JSON export is the same answer). */
export function ReportTab({ report }: { readonly report: AnyReport }) {
  switch (report.report) {
    case "summary":
      return <SummaryTab report={report} />;
    case "retention":
      return <RetentionTab report={report} />;
    case "members":
      return <MembersTab report={report} />;
    case "program":
      return <ProgramTab report={report} />;
    case "segments":
      return <SegmentsTab report={report} />;
    case "goals":
      return <GoalsTab report={report} />;
    case "loyalty-index":
      return <LoyaltyIndexTab report={report} />;
    case "feedback":
      return <FeedbackTab report={report} />;
  }
}
