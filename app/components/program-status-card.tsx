import { useFetcher } from "@remix-run/react";
import { useAppBridge } from "@shopify/app-bridge-react";
import { Badge, BlockStack, Button, Card, InlineStack, Text } from "@shopify/polaris";
import { useEffect } from "react";

type LaunchAnswer = { readonly status: "live" | "paused" | "invalid" };

/** Whether shoppers see the program, with launch and pause (earning goes on either way). */
export function ProgramStatusCard({ launchedAt }: { readonly launchedAt: string | null }) {
  const fetcher = useFetcher<LaunchAnswer>();
  const shopify = useAppBridge();
  useEffect(() => {
    if (fetcher.data?.status === "live") shopify.toast.show("Your program is live");
    if (fetcher.data?.status === "paused") shopify.toast.show("Your program is hidden from shoppers");
  }, [fetcher.data, shopify]);
  const live = launchedAt !== null;
  return (
    <Card>
      <BlockStack gap="300">
        <InlineStack align="space-between" blockAlign="center">
          <Text as="h2" variant="headingMd">
            Program status
          </Text>
          {live ? <Badge tone="success">Live</Badge> : <Badge tone="attention">Not launched</Badge>}
        </InlineStack>
        <Text as="p" tone="subdued">
          {live
            ? `Shoppers see your program on your store, after checkout and in their account, and in checkout itself on Shopify Plus (live since ${new Date(launchedAt).toLocaleDateString("en", { dateStyle: "long" })}).`
            : "Customers already earn on their orders, but your store does not show the program yet."}{" "}
          Pausing hides it again; nobody loses points.
        </Text>
        <fetcher.Form method="post" action="/app/launch">
          <input type="hidden" name="intent" value={live ? "pause" : "launch"} />
          <Button submit variant={live ? "secondary" : "primary"} loading={fetcher.state !== "idle"}>
            {live ? "Pause program" : "Launch program"}
          </Button>
        </fetcher.Form>
      </BlockStack>
    </Card>
  );
}
