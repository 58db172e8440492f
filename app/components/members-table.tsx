import { Badge, EmptyState, IndexTable, Link, Text } from "@shopify/polaris";

/** A member as the list shows it (dates as ISO strings, as loaders send them). */
export type MemberListItem = {
  readonly id: number;
  readonly name: string;
  readonly email: string | null;
  readonly tierName: string | null;
  readonly available: number;
  readonly pending: number;
  readonly lifetime: number;
  readonly orders: number;
  readonly lastOrderAt: string | null;
  readonly enrolledAt: string | null;
};

type Props = {
  readonly members: readonly MemberListItem[];
  readonly locale: string;
  /** A search or filter is applied: the empty state says so instead of "No members yet". */
  readonly searching: boolean;
  readonly loading?: boolean;
};

export function MembersTable({ members, locale, searching, loading = false }: Props) {
  const count = new Intl.NumberFormat(locale);
  const date = (iso: string | null) => (iso ? new Date(iso).toLocaleDateString(locale, { dateStyle: "medium" }) : "—");
  const number = (value: number) => (
    <Text as="span" alignment="end" numeric>
      {count.format(value)}
    </Text>
  );
  return (
    <IndexTable
      resourceName={{ singular: "member", plural: "members" }}
      itemCount={members.length}
      selectable={false}
      loading={loading}
      emptyState={<MembersEmptyState searching={searching} />}
      headings={[
        { title: "Member" },
        { title: "Email" },
        { title: "Tier" },
        { title: "Available", alignment: "end" },
        { title: "Pending", alignment: "end" },
        { title: "Earned", alignment: "end" },
        { title: "Orders", alignment: "end" },
        { title: "Last order" },
        { title: "Member since" },
      ]}
    >
      {members.map((member, index) => (
        <IndexTable.Row id={String(member.id)} key={member.id} position={index}>
          <IndexTable.Cell>
            <Link url={`/app/members/${member.id}`} monochrome removeUnderline dataPrimaryLink>
              <Text as="span" fontWeight="semibold">
                {member.name}
              </Text>
            </Link>
          </IndexTable.Cell>
          <IndexTable.Cell>{member.email ?? "—"}</IndexTable.Cell>
          <IndexTable.Cell>{member.tierName ? <Badge>{member.tierName}</Badge> : "—"}</IndexTable.Cell>
          <IndexTable.Cell>{number(member.available)}</IndexTable.Cell>
          <IndexTable.Cell>{number(member.pending)}</IndexTable.Cell>
          <IndexTable.Cell>{number(member.lifetime)}</IndexTable.Cell>
          <IndexTable.Cell>{number(member.orders)}</IndexTable.Cell>
          <IndexTable.Cell>{date(member.lastOrderAt)}</IndexTable.Cell>
          <IndexTable.Cell>{member.enrolledAt ? date(member.enrolledAt) : <Badge tone="info">Not a member</Badge>}</IndexTable.Cell>
        </IndexTable.Row>
      ))}
    </IndexTable>
  );
}

function MembersEmptyState({ searching }: { searching: boolean }) {
  return (
    <EmptyState heading={searching ? "No member matches these filters" : "No members yet"} image="">
      <p>
        {searching
          ? "Try another name or email, or clear the filters."
          : "Customers become members when they create an account or when their first order is paid. Their points appear here."}
      </p>
    </EmptyState>
  );
}
