import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import {
  Box,
  Card,
  ChoiceList,
  IndexFilters,
  IndexFiltersMode,
  InlineStack,
  Page,
  Pagination,
  TextField,
  useSetIndexFiltersMode,
  type AppliedFilterInterface,
  type FilterInterface,
  type IndexFiltersProps,
} from "@shopify/polaris";
import { useAppBridge } from "@shopify/app-bridge-react";
import { useCallback, useEffect, useState } from "react";
import { MembersTable } from "~/components/members-table";
import { getDatabase } from "~/db.server";
import { currentTierNamesForShop, listMembers, parseMemberListQuery } from "~/services/members/list-members.server";
import { NO_TIER } from "~/services/members/list-query";
import { authenticate } from "~/shopify.server";

/** The members list: `/app/members?q=&tier=&minPoints=&maxPoints=&lastOrderFrom=&lastOrderTo=&status=&sort=&direction=&after=|before=`. */
export async function loader({ request }: LoaderFunctionArgs) {
  const { session } = await authenticate.admin(request);
  const query = parseMemberListQuery(new URL(request.url).searchParams);
  const now = new Date();
  const [page, tiers] = await Promise.all([listMembers(getDatabase(), session.shop, query, now), currentTierNamesForShop(getDatabase(), session.shop, now)]);
  return {
    members: page.members.map((member) => ({ ...member, lastOrderAt: member.lastOrderAt?.toISOString() ?? null, enrolledAt: member.enrolledAt?.toISOString() ?? null })),
    nextCursor: page.nextCursor,
    previousCursor: page.previousCursor,
    tiers: [...tiers].map(([id, name]) => ({ id, name })),
    filtered: Boolean(query.q || query.tier || query.minPoints !== undefined || query.maxPoints !== undefined || query.lastOrderFrom || query.lastOrderTo || query.status === "all"),
  };
}

const SORT_OPTIONS: IndexFiltersProps["sortOptions"] = [
  { label: "Member since", value: "enrolled desc", directionLabel: "Newest first" },
  { label: "Member since", value: "enrolled asc", directionLabel: "Oldest first" },
  { label: "Name", value: "name asc", directionLabel: "A–Z" },
  { label: "Name", value: "name desc", directionLabel: "Z–A" },
  { label: "Available points", value: "balance desc", directionLabel: "Most first" },
  { label: "Available points", value: "balance asc", directionLabel: "Fewest first" },
  { label: "Points earned", value: "lifetime desc", directionLabel: "Most first" },
  { label: "Points earned", value: "lifetime asc", directionLabel: "Fewest first" },
  { label: "Last order", value: "lastOrder desc", directionLabel: "Most recent first" },
  { label: "Last order", value: "lastOrder asc", directionLabel: "Oldest first" },
];

/** Text filters reach the URL (and the loader) once the merchant stops typing. */
function useDebouncedParam(name: string, update: (changes: Record<string, string | null>) => void) {
  const [params] = useSearchParams();
  const committed = params.get(name) ?? "";
  const [draft, setDraft] = useState(committed);
  useEffect(() => setDraft(committed), [committed]);
  useEffect(() => {
    if (draft === committed) return;
    const timer = setTimeout(() => update({ [name]: draft || null }), 400);
    return () => clearTimeout(timer);
  }, [draft, committed, name, update]);
  return [draft, setDraft] as const;
}

export default function Members() {
  const data = useLoaderData<typeof loader>();
  const navigation = useNavigation();
  const shopify = useAppBridge();
  const [params, setParams] = useSearchParams();
  // The search field shows from the start: the list has no saved views to show instead.
  const { mode, setMode } = useSetIndexFiltersMode(IndexFiltersMode.Filtering);
  const [exporting, setExporting] = useState(false);
  const update = useCallback(
    (changes: Record<string, string | null>) => {
      const next = new URLSearchParams(params);
      for (const [key, value] of Object.entries(changes)) {
        if (value === null || value === "") next.delete(key);
        else next.set(key, value);
      }
      // A new search, filter or sort starts from its first page.
      next.delete("after");
      next.delete("before");
      setParams(next);
    },
    [params, setParams],
  );
  const [search, setSearch] = useDebouncedParam("q", update);
  const [minPoints, setMinPoints] = useDebouncedParam("minPoints", update);
  const [maxPoints, setMaxPoints] = useDebouncedParam("maxPoints", update);
  const [lastOrderFrom, setLastOrderFrom] = useDebouncedParam("lastOrderFrom", update);
  const [lastOrderTo, setLastOrderTo] = useDebouncedParam("lastOrderTo", update);
  const tier = params.get("tier");
  const status = params.get("status") === "all" ? "all" : "members";
  const sortSelected = [`${params.get("sort") ?? "enrolled"} ${params.get("direction") ?? "desc"}`];
  const tierLabel = (id: string) => (id === NO_TIER ? "No tier" : (data.tiers.find((level) => level.id === id)?.name ?? id));

  const filters: FilterInterface[] = [
    {
      key: "tier",
      label: "Tier",
      filter: (
        <ChoiceList
          title="Tier"
          titleHidden
          choices={[...data.tiers.map((level) => ({ label: level.name, value: level.id })), { label: "No tier", value: NO_TIER }]}
          selected={tier ? [tier] : []}
          onChange={([value]) => update({ tier: value ?? null })}
        />
      ),
      shortcut: true,
    },
    {
      key: "points",
      label: "Available points",
      filter: (
        <InlineStack gap="200" wrap={false}>
          <TextField label="At least" type="number" min={0} value={minPoints} onChange={setMinPoints} autoComplete="off" />
          <TextField label="At most" type="number" min={0} value={maxPoints} onChange={setMaxPoints} autoComplete="off" />
        </InlineStack>
      ),
    },
    {
      key: "lastOrder",
      label: "Last order",
      filter: (
        <InlineStack gap="200" wrap={false}>
          <TextField label="On or after" type="date" value={lastOrderFrom} onChange={setLastOrderFrom} autoComplete="off" />
          <TextField label="On or before" type="date" value={lastOrderTo} onChange={setLastOrderTo} autoComplete="off" />
        </InlineStack>
      ),
    },
    {
      key: "status",
      label: "Membership",
      filter: (
        <ChoiceList
          title="Membership"
          titleHidden
          choices={[{ label: "Members only", value: "members" }, { label: "All customers", value: "all" }]}
          selected={[status]}
          onChange={([value]) => update({ status: value === "all" ? "all" : null })}
        />
      ),
    },
  ];
  const applied: AppliedFilterInterface[] = [];
  if (tier) applied.push({ key: "tier", label: `Tier: ${tierLabel(tier)}`, onRemove: () => update({ tier: null }) });
  if (params.get("minPoints") || params.get("maxPoints")) {
    applied.push({ key: "points", label: `Available points: ${params.get("minPoints") || "0"} to ${params.get("maxPoints") || "any"}`, onRemove: () => update({ minPoints: null, maxPoints: null }) });
  }
  if (params.get("lastOrderFrom") || params.get("lastOrderTo")) {
    applied.push({ key: "lastOrder", label: `Last order: ${params.get("lastOrderFrom") || "any"} to ${params.get("lastOrderTo") || "today"}`, onRemove: () => update({ lastOrderFrom: null, lastOrderTo: null }) });
  }
  if (status === "all") applied.push({ key: "status", label: "All customers", onRemove: () => update({ status: null }) });

  const pageUrl = (cursor: "after" | "before", value: string | null) => {
    const next = new URLSearchParams(params);
    next.delete("after");
    next.delete("before");
    if (value !== null) next.set(cursor, value);
    return `?${next.toString()}`;
  };

  // A download from inside the admin's iframe: App Bridge's fetch adds the session token.
  const exportCsv = async () => {
    setExporting(true);
    try {
      const exportParams = new URLSearchParams(params);
      exportParams.delete("after");
      exportParams.delete("before");
      const response = await fetch(`/app/members/export.csv?${exportParams.toString()}`);
      if (!response.ok) throw new Error(`export failed: ${response.status}`);
      const url = URL.createObjectURL(await response.blob());
      const link = Object.assign(document.createElement("a"), { href: url, download: "members.csv" });
      link.click();
      URL.revokeObjectURL(url);
    } catch {
      shopify.toast.show("The export did not complete. Try again.", { isError: true });
    } finally {
      setExporting(false);
    }
  };

  const loading = navigation.state === "loading" && navigation.location.pathname === "/app/members";
  return (
    <Page title="Members" secondaryActions={[{ content: "Export CSV", onAction: () => void exportCsv(), loading: exporting }]}>
      <Card padding="0">
        <IndexFilters
          queryValue={search}
          queryPlaceholder="Search by name or email"
          onQueryChange={setSearch}
          onQueryClear={() => setSearch("")}
          sortOptions={SORT_OPTIONS}
          sortSelected={sortSelected}
          onSort={([value]) => {
            const [sort, direction] = (value ?? "enrolled desc").split(" ");
            update({ sort: sort ?? null, direction: direction ?? null });
          }}
          filters={filters}
          appliedFilters={applied}
          onClearAll={() => update({ tier: null, minPoints: null, maxPoints: null, lastOrderFrom: null, lastOrderTo: null, status: null })}
          tabs={[]}
          selected={0}
          mode={mode}
          setMode={setMode}
          canCreateNewView={false}
          loading={loading}
        />
        <MembersTable members={data.members} locale="en" searching={data.filtered} loading={loading} />
        <Box padding="400">
          <InlineStack align="center">
            <Pagination
              hasPrevious={data.previousCursor !== null}
              previousURL={pageUrl("before", data.previousCursor)}
              hasNext={data.nextCursor !== null}
              nextURL={pageUrl("after", data.nextCursor)}
            />
          </InlineStack>
        </Box>
      </Card>
    </Page>
  );
}
