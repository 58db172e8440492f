import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { useFetcher, useLoaderData } from "@remix-run/react";
import {
  Banner,
  BlockStack,
  Box,
  Button,
  Card,
  DataTable,
  InlineGrid,
  InlineStack,
  Layout,
  Page,
  Pagination,
  ProgressBar,
  Text,
  TextField,
} from "@shopify/polaris";
import { useAppBridge } from "@shopify/app-bridge-react";
import { useEffect, useId, useState } from "react";
import { z } from "zod";
import { getDatabase } from "~/db.server";
import { adjustPoints } from "~/services/members/adjust-points.server";
import { getMemberDetail } from "~/services/members/member-detail.server";
import { setBirthday } from "~/services/members/set-birthday.server";
import { staffFromSession } from "~/services/staff.server";
import { authenticate } from "~/shopify.server";
import { formatMoney } from "~/loyalty/money/display";

/** `$id` is the member's row id in Wafa (the members list links to it), not Shopify's customer id. */
const Params = z.object({ id: z.coerce.number().int().positive().max(2_147_483_647) });
const notFound = () => new Response("No such member in this shop", { status: 404 });

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { session } = await authenticate.admin(request);
  const parsed = Params.safeParse(params);
  if (!parsed.success) throw notFound();
  const before = z.coerce.number().int().positive().safeParse(new URL(request.url).searchParams.get("ledgerBefore") ?? undefined);
  const member = await getMemberDetail(getDatabase(), session.shop, parsed.data.id, before.success ? { ledgerBefore: before.data } : {}, new Date());
  if (!member) throw notFound();
  // A new key each time the form is shown: submitting the same form twice is one adjustment.
  return { member, idempotencyKey: crypto.randomUUID(), firstLedgerPage: !before.success };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { session, sessionToken } = await authenticate.admin(request);
  const parsed = Params.safeParse(params);
  if (!parsed.success) throw notFound();
  const form = Object.fromEntries(await request.formData());
  const now = new Date();
  if (form.intent === "adjust") {
    const result = await adjustPoints(getDatabase(), session.shop, parsed.data.id, form, staffFromSession(session, sessionToken?.sub), now);
    if (result.status === "not_found" || result.status === "shop_not_installed") throw notFound();
    if (result.status === "invalid") return data({ intent: "adjust", ok: false, errors: result.errors }, { status: 400 });
    if (result.status === "insufficient") return data({ intent: "adjust", ok: false, errors: { points: result.message } }, { status: 400 });
    if (result.status === "not_member") return data({ intent: "adjust", ok: false, errors: { points: result.message } }, { status: 400 });
    return { intent: "adjust", ok: true, errors: {}, replayed: result.status === "already_recorded", available: result.available };
  }
  if (form.intent === "birthday" || form.intent === "clear-birthday") {
    const result = await setBirthday(getDatabase(), session.shop, parsed.data.id, form.intent === "birthday" ? form : null, now);
    if (result.status === "not_found" || result.status === "shop_not_installed") throw notFound();
    if (result.status === "invalid") return data({ intent: "birthday", ok: false, errors: result.errors }, { status: 400 });
    return { intent: "birthday", ok: true, errors: {} };
  }
  return data({ intent: "unknown", ok: false, errors: {} }, { status: 400 });
}

type Member = ReturnType<typeof useLoaderData<typeof loader>>["member"];
type Entry = Member["ledger"]["entries"][number];

const count = new Intl.NumberFormat("en");
const signed = (points: number) => (points > 0 ? `+${count.format(points)}` : count.format(points));
const day = (date: Date | null) => (date ? date.toLocaleDateString("en", { dateStyle: "medium" }) : "—");
const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

/** What caused a ledger entry, in the merchant's words. */
function activityOf(entry: Entry): string {
  const order = entry.orderName ?? (entry.orderGid ? `order ${entry.orderGid.split("/").at(-1)}` : null);
  switch (entry.kind) {
    case "earn":
      return order ? `Earned on ${order}` : "Points earned";
    case "reversal":
      return order ? `Taken back: ${order} changed or refunded` : "Points taken back";
    case "release":
      return order ? `Pending points from ${order} became available` : "Pending points became available";
    case "redeem":
      return "Redeemed for a reward";
    case "adjust":
      return "Manual adjustment";
    case "expire":
      return "Points expired";
    case "bonus":
      return entry.memo ?? "Bonus points";
    default:
      return entry.kind;
  }
}

function metricValue(member: Member, value: number): string {
  if (member.tier?.metric === "spend") return formatMoney(value, member.currencyCode);
  if (member.tier?.metric === "orders") return `${count.format(value)} orders`;
  return `${count.format(value)} points`;
}

export default function MemberPage() {
  const { member, idempotencyKey, firstLedgerPage } = useLoaderData<typeof loader>();
  return (
    <Page title={member.name} subtitle={member.email ?? undefined} backAction={{ content: "Members", url: "/app/members" }}>
      <Layout>
        <Layout.Section>
          <InlineGrid columns={{ xs: 1, sm: 3 }} gap="400">
            <BalanceCard title="Available" points={member.balance.available} help="Can be spent now" />
            <BalanceCard title="Pending" points={member.balance.pending} help="Becomes available after the waiting period" />
            <BalanceCard title="Earned in total" points={member.balance.lifetime} help={`${count.format(member.orders.count)} qualifying order${member.orders.count === 1 ? "" : "s"}`} />
          </InlineGrid>
        </Layout.Section>
        {member.tier ? (
          <Layout.Section>
            <TierCard member={member} />
          </Layout.Section>
        ) : null}
        <Layout.Section>
          <AdjustmentCard idempotencyKey={idempotencyKey} enrolled={member.enrolledAt !== null} />
        </Layout.Section>
        <Layout.Section>
          <LedgerCard member={member} firstPage={firstLedgerPage} />
        </Layout.Section>
        <Layout.Section variant="oneThird">
          <BirthdayCard member={member} />
        </Layout.Section>
        {member.tierEvents.length > 0 ? (
          <Layout.Section variant="oneThird">
            <Card>
              <BlockStack gap="200">
                <Text as="h2" variant="headingMd">
                  Tier changes
                </Text>
                {member.tierEvents.map((event) => (
                  <Text as="p" key={event.id}>
                    {day(event.occurredAt)}: {event.description}
                  </Text>
                ))}
              </BlockStack>
            </Card>
          </Layout.Section>
        ) : null}
      </Layout>
    </Page>
  );
}

function BalanceCard({ title, points, help }: { title: string; points: number; help: string }) {
  return (
    <Card>
      <BlockStack gap="100">
        <Text as="h2" variant="headingSm" tone="subdued">
          {title}
        </Text>
        <Text as="p" variant="heading2xl" numeric>
          {count.format(points)}
        </Text>
        <Text as="p" tone="subdued">
          {help}
        </Text>
      </BlockStack>
    </Card>
  );
}

function TierCard({ member }: { member: Member }) {
  const tier = member.tier;
  // The bar is named by the sentence under it ("120.00 more to reach Gold").
  const progressId = useId();
  if (!tier) return null;
  return (
    <Card>
      <BlockStack gap="200">
        <Text as="h2" variant="headingMd">
          {tier.name ? `Tier: ${tier.name}` : "No tier yet"}
          {tier.due ? ` · ${tier.due.name ? `qualifies for ${tier.due.name}` : "leaving this tier"} at the next evaluation` : ""}
        </Text>
        <ProgressBar progress={tier.percentToNext} size="small" ariaLabelledBy={progressId} />
        <Text as="p" tone="subdued" id={progressId}>
          {tier.next
            ? `${metricValue(member, tier.remainingToNext)} more to reach ${tier.next.name} (${metricValue(member, tier.value)} so far).`
            : tier.name
              ? "Highest tier reached."
              : "Tiers are off in the current program."}
          {tier.belowSince ? ` Below this tier's threshold since ${day(tier.belowSince)}: the tier is kept for the grace period.` : ""}
        </Text>
      </BlockStack>
    </Card>
  );
}

function AdjustmentCard({ idempotencyKey, enrolled }: { idempotencyKey: string; enrolled: boolean }) {
  const fetcher = useFetcher<typeof action>();
  const shopify = useAppBridge();
  const [points, setPoints] = useState("");
  const [reason, setReason] = useState("");
  const result = fetcher.data?.intent === "adjust" ? fetcher.data : undefined;
  const errors: { points?: string; reason?: string; idempotencyKey?: string } = result && !result.ok ? result.errors : {};
  // After a success the page's data reloads with a new key, so the next adjustment is a new one.
  useEffect(() => {
    if (fetcher.state !== "idle" || !result?.ok) return;
    shopify.toast.show("replayed" in result && result.replayed ? "This adjustment was already recorded" : "Points adjusted");
    setPoints("");
    setReason("");
  }, [fetcher.state, result, shopify]);
  if (!enrolled) {
    return <Banner tone="info">This customer is not a member yet: points can be adjusted once they join the program.</Banner>;
  }
  return (
    <Card>
      <fetcher.Form method="post">
        <BlockStack gap="300">
          <Text as="h2" variant="headingMd">
            Adjust points
          </Text>
          <input type="hidden" name="intent" value="adjust" />
          <input type="hidden" name="idempotencyKey" value={idempotencyKey} />
          {errors.idempotencyKey ? <Banner tone="critical">{errors.idempotencyKey}</Banner> : null}
          <TextField
            label="Points"
            name="points"
            type="number"
            value={points}
            onChange={setPoints}
            helpText="A positive number adds points, a negative number removes them."
            error={errors.points}
            autoComplete="off"
          />
          <TextField
            label="Reason"
            name="reason"
            value={reason}
            onChange={setReason}
            multiline={2}
            maxLength={500}
            showCharacterCount
            helpText="Shown in the member's history with your name."
            error={errors.reason}
            autoComplete="off"
          />
          <InlineStack align="end">
            <Button submit variant="primary" loading={fetcher.state !== "idle"}>
              Adjust points
            </Button>
          </InlineStack>
        </BlockStack>
      </fetcher.Form>
    </Card>
  );
}

function LedgerCard({ member, firstPage }: { member: Member; firstPage: boolean }) {
  const rows = member.ledger.entries.map((entry) => [
    day(entry.occurredAt),
    activityOf(entry),
    entry.available !== 0 ? signed(entry.available) : "—",
    entry.pending !== 0 ? signed(entry.pending) : "—",
    entry.actorName ?? (entry.actor?.startsWith("staff:") ? "Staff" : "Wafa"),
    entry.kind === "adjust" || entry.kind === "expire" || entry.kind === "redeem" ? (entry.memo ?? "") : "",
  ]);
  return (
    <Card padding="0">
      <Box padding="400">
        <Text as="h2" variant="headingMd">
          Points history
        </Text>
      </Box>
      {rows.length === 0 ? (
        <Box padding="400">
          <Text as="p" tone="subdued">
            No points yet.
          </Text>
        </Box>
      ) : (
        <DataTable
          columnContentTypes={["text", "text", "numeric", "numeric", "text", "text"]}
          headings={["Date", "Activity", "Available", "Pending", "By", "Reason"]}
          rows={rows}
        />
      )}
      <Box padding="400">
        <InlineStack align="center">
          <Pagination
            hasPrevious={!firstPage}
            previousURL={`/app/members/${member.id}`}
            previousTooltip="Newest"
            hasNext={member.ledger.nextBefore !== null}
            nextURL={`/app/members/${member.id}?ledgerBefore=${member.ledger.nextBefore ?? ""}`}
            nextTooltip="Older"
          />
        </InlineStack>
      </Box>
    </Card>
  );
}

function BirthdayCard({ member }: { member: Member }) {
  const fetcher = useFetcher<typeof action>();
  const shopify = useAppBridge();
  const [month, setMonth] = useState(member.birthday ? String(member.birthday.month) : "");
  const [dayOfMonth, setDayOfMonth] = useState(member.birthday ? String(member.birthday.day) : "");
  const [year, setYear] = useState(member.birthday?.year ? String(member.birthday.year) : "");
  const result = fetcher.data?.intent === "birthday" ? fetcher.data : undefined;
  const errors: { month?: string; day?: string; year?: string } = result && !result.ok ? result.errors : {};
  useEffect(() => {
    if (fetcher.state === "idle" && result?.ok) shopify.toast.show("Birthday saved");
  }, [fetcher.state, result, shopify]);
  return (
    <Card>
      <fetcher.Form method="post">
        <BlockStack gap="300">
          <Text as="h2" variant="headingMd">
            Birthday
          </Text>
          <input type="hidden" name="intent" value="birthday" />
          <Text as="p" tone="subdued">
            {member.birthday ? `${member.birthday.day} ${MONTHS[member.birthday.month - 1] ?? ""}${member.birthday.year ? ` ${member.birthday.year}` : ""}` : "Not given"}
          </Text>
          <InlineStack gap="200" wrap={false}>
            <TextField label="Month" name="month" type="number" min={1} max={12} value={month} onChange={setMonth} error={errors.month} autoComplete="off" />
            <TextField label="Day" name="day" type="number" min={1} max={31} value={dayOfMonth} onChange={setDayOfMonth} error={errors.day} autoComplete="off" />
            <TextField label="Year (optional)" name="year" type="number" value={year} onChange={setYear} error={errors.year} autoComplete="off" />
          </InlineStack>
          <InlineStack gap="200" align="end">
            {member.birthday ? (
              <Button
                onClick={() => fetcher.submit({ intent: "clear-birthday" }, { method: "post" })}
                loading={fetcher.state !== "idle" && fetcher.formData?.get("intent") === "clear-birthday"}
              >
                Clear
              </Button>
            ) : null}
            <Button submit loading={fetcher.state !== "idle" && fetcher.formData?.get("intent") === "birthday"}>
              Save birthday
            </Button>
          </InlineStack>
        </BlockStack>
      </fetcher.Form>
    </Card>
  );
}
