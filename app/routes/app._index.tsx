import type { LoaderFunctionArgs } from "@remix-run/node";
import { Form, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { BlockStack, Box, Button, Card, InlineStack, Layout, Page, Pagination, Text, TextField } from "@shopify/polaris";
import { useState } from "react";
import { z } from "zod";
import { MembersTable } from "~/components/members-table";
import { ProgramSummary } from "~/components/program-summary";
import { getDatabase } from "~/db.server";
import { minorUnitsPerUnit } from "~/loyalty/money/currency";
import { getProgramOverview, listMembers } from "~/services/admin-home.server";
import { ensureShopRecorded } from "~/services/after-auth.server";
import { serverEnv } from "~/env.server";
import { sandboxInstallFor } from "~/sandbox/edge.server";
import { authenticate } from "~/shopify.server";

const Query = z.object({
  q: z.string().max(200).optional(),
  after: z.coerce.number().int().positive().optional(),
  before: z.coerce.number().int().positive().optional(),
});

export async function loader({ request }: LoaderFunctionArgs) {
  const { session, admin } = await authenticate.admin(request);
  // On first open Remix runs this loader alongside the layout's, whose token exchange
  // records the installation: make sure it has landed (idempotent) before reading.
  await ensureShopRecorded(getDatabase(), { session, admin, sandbox: sandboxInstallFor(session.shop, serverEnv()) });
  const query = Query.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  const { q, after, before } = query.success ? query.data : {};
  const [overview, page] = await Promise.all([
    getProgramOverview(getDatabase(), session.shop),
    listMembers(getDatabase(), session.shop, { ...(q ? { search: q } : {}), ...(before ? { before } : after ? { after } : {}) }),
  ]);
  if (!overview) throw new Response("This shop is not installed", { status: 404 });
  return {
    overview: { ...overview, program: overview.program && { ...overview.program, effectiveAt: overview.program.effectiveAt.toISOString() } },
    minorPerUnit: minorUnitsPerUnit(overview.shop.currencyCode),
    members: page.members.map((member) => ({ ...member, enrolledAt: member.enrolledAt.toISOString() })),
    nextCursor: page.nextCursor,
    previousCursor: page.previousCursor,
    search: q ?? "",
  };
}

export default function Home() {
  const data = useLoaderData<typeof loader>();
  const navigation = useNavigation();
  const [params] = useSearchParams();
  const [search, setSearch] = useState(data.search);
  const locale = "en";
  const { overview } = data;
  const pageParams = (cursor: "after" | "before", value: number | null) => {
    const next = new URLSearchParams(params);
    next.delete("after");
    next.delete("before");
    if (value !== null) next.set(cursor, String(value));
    return `?${next.toString()}`;
  };

  return (
    <Page title={overview.shop.name ?? "Wafa"} subtitle="Loyalty points, exact to the last point">
      <Layout>
        <Layout.Section>
          <ProgramSummary
            currencyCode={overview.shop.currencyCode}
            rule={overview.program?.rules.earning.spend ?? null}
            minorPerUnit={data.minorPerUnit}
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
