import { EmptyState, IndexTable, Text } from "@shopify/polaris";

export type MemberListItem = {
  readonly id: number;
  readonly name: string;
  readonly email: string | null;
  readonly available: number;
  readonly lifetime: number;
  readonly enrolledAt: string;
};

export function MembersTable({ members, locale, searching }: { members: readonly MemberListItem[]; locale: string; searching: boolean }) {
  const count = new Intl.NumberFormat(locale);
  if (members.length === 0) {
    return (
      <EmptyState heading={searching ? "No member matches this search" : "No members yet"} image="">
        <p>
          {searching
            ? "Try another name or email."
            : "Customers become members when they create an account or when their first order is paid. Their points appear here."}
        </p>
      </EmptyState>
    );
  }
  return (
    <IndexTable
      resourceName={{ singular: "member", plural: "members" }}
      itemCount={members.length}
      selectable={false}
      headings={[{ title: "Member" }, { title: "Email" }, { title: "Available", alignment: "end" }, { title: "Earned", alignment: "end" }, { title: "Member since" }]}
    >
      {members.map((member, index) => (
        <IndexTable.Row id={String(member.id)} key={member.id} position={index}>
          <IndexTable.Cell>
            <Text as="span" fontWeight="semibold">
              {member.name}
            </Text>
          </IndexTable.Cell>
          <IndexTable.Cell>{member.email ?? "—"}</IndexTable.Cell>
          <IndexTable.Cell>
            <Text as="span" alignment="end" numeric>
              {count.format(member.available)}
            </Text>
          </IndexTable.Cell>
          <IndexTable.Cell>
            <Text as="span" alignment="end" numeric>
              {count.format(member.lifetime)}
            </Text>
          </IndexTable.Cell>
          <IndexTable.Cell>{new Date(member.enrolledAt).toLocaleDateString(locale, { dateStyle: "medium" })}</IndexTable.Cell>
        </IndexTable.Row>
      ))}
    </IndexTable>
  );
}
