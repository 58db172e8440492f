import { Card, EmptyState, Page } from "@shopify/polaris";
import { EMPTY_ILLUSTRATION } from "./empty-illustration";

/** Before a shop's first program version is in force there is nothing to edit: start one. */
export function NoProgramYet({ title }: { readonly title: string }) {
  return (
    <Page title={title}>
      <Card>
        <EmptyState heading="Your loyalty program has not started yet" action={{ content: "Set up your program", url: "/app/onboarding" }} image={EMPTY_ILLUSTRATION}>
          <p>Choose a kind of program to start from; you can change every rule afterwards.</p>
        </EmptyState>
      </Card>
    </Page>
  );
}
