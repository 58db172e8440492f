import type { LoaderFunctionArgs } from "@remix-run/node";
import { Form, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { BlockStack, Box, Button, Card, InlineStack, Layout, Page, Pagination, Text, TextField } from "@shopify/polaris";
import { useState } from "react";
import { MembersTable } from "~/components/members-table";
import { ProgramSummary } from "~/components/program-summary";
import { SetupChecklist } from "~/components/setup-checklist";
import { getDatabase } from "~/db.server";
import { getProgramOverview } from "~/services/admin-home.server";
import { getSetupChecklist } from "~/services/setup-checklist.server";
import { listMembers, parseMemberListQuery } from "~/services/members/list-members.server";
import { ensureShopRecorded } from "~/services/after-auth.server";
import { serverEnv } from "~/env.server";
import { sandboxInstallFor } from "~/sandbox/edge.server";
import { authenticate } from "~/shopify.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const { session, admin } = await authenticate.admin(request);
  // On first open Remix runs this loader alongside the layout's, whose token exchange
  // records the installation: make sure it has landed (idempotent) before reading.
  await ensureShopRecorded(getDatabase(), { session, admin, sandbox: sandboxInstallFor(session.shop, serverEnv()) });
  // The home shows the newest members: the members list's first sort and filters.
  const query = { ...parseMemberListQuery(new URL(request.url).searchParams), sort: "enrolled", direction: "desc", status: "members" } as const;
  const [overview, page, checklist] = await Promise.all([
    getProgramOverview(getDatabase(), session.shop),
    listMembers(getDatabase(), session.shop, query, new Date(), { limit: 25 }),
    getSetupChecklist(getDatabase(), session.shop, new Date()),
  ]);
  if (!overview) throw new Response("This shop is not installed", { status: 404 });
  return {
    // Shown until the program is live (docs/decisions/0011-onboarding-and-settings.md).
    checklist: checklist && !checklist.live ? checklist : null,
    overview: { ...overview, program: overview.program && { ...overview.program, effectiveAt: overview.program.effectiveAt.toISOString() } },
    members: page.members.map((member) => ({ ...member, lastOrderAt: member.lastOrderAt?.toISOString() ?? null, enrolledAt: member.enrolledAt?.toISOString() ?? null })),
    nextCursor: page.nextCursor,
    previousCursor: page.previousCursor,
    search: query.q ?? "",
  };
}

export default function Home() {
  const data = useLoaderData<typeof loader>();
  const navigation = useNavigation();
  const [params] = useSearchParams();
  const [search, setSearch] = useState(data.search);
  const locale = "en";
  const { overview } = data;
  const pageParams = (cursor: "after" | "before", value: string | null) => {
    const next = new URLSearchParams(params);
    next.delete("after");
    next.delete("before");
    if (value !== null) next.set(cursor, String(value));
    return `?${next.toString()}`;
  };

  return (
    <Page title={overview.shop.name ?? "Wafa"} subtitle="Loyalty points, exact to the last point">
      <Layout>
        {data.checklist ? (
          <Layout.Section>
            <SetupChecklist checklist={data.checklist} />
          </Layout.Section>
        ) : null}
        <Layout.Section>
          <ProgramSummary
            currencyCode={overview.shop.currencyCode}
            rule={overview.program?.rules.earning.spend ?? null}
            effectiveAt={overview.program?.effectiveAt ?? null}
            stats={overview.stats}
            locale={locale}
          />
        </Layout.Section>
        <Layout.Section>
          <Card padding="0">
            <BlockStack gap="0">
              <Box padding="400">
                <BlockStack gap="300">
                  <Text as="h2" variant="headingMd">
                    Members
                  </Text>
                  <Form method="get">
                    <InlineStack gap="200" blockAlign="end" wrap={false}>
                      <Box width="100%">
                        <TextField label="Search members" labelHidden name="q" value={search} onChange={setSearch} placeholder="Search by name or email" autoComplete="off" />
                      </Box>
                      <Button submit loading={navigation.state === "loading"}>
                        Search
                      </Button>
                    </InlineStack>
                  </Form>
                </BlockStack>
              </Box>
              <MembersTable members={data.members} locale={locale} searching={data.search !== ""} />
              <Box padding="400">
                <Pagination
                  hasPrevious={data.previousCursor !== null}
                  previousURL={pageParams("before", data.previousCursor)}
                  hasNext={data.nextCursor !== null}
                  nextURL={pageParams("after", data.nextCursor)}
                />
              </Box>
            </BlockStack>
          </Card>
        </Layout.Section>
      </Layout>
    </Page>
  );
}
