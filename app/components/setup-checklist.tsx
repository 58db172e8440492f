import { useFetcher } from "@remix-run/react";
import { useAppBridge } from "@shopify/app-bridge-react";
import { Badge, Banner, BlockStack, Box, Button, Card, InlineStack, ProgressBar, Text } from "@shopify/polaris";
import { useEffect } from "react";

export type SetupChecklistView = {
  readonly onboarded: boolean;
  readonly live: boolean;
  readonly doneCount: number;
  readonly items: readonly { readonly id: string; readonly title: string; readonly detail: string; readonly done: boolean; readonly url: string | null; readonly action: string }[];
};

type LaunchAnswer = { readonly status: "live" | "paused" | "invalid" };

/**
 * The home page's setup checklist, shown until the program is live. A shop that has not
 * been through the wizard gets a prominent invitation to it first (docs/decisions/0011).
 */
export function SetupChecklist({ checklist }: { readonly checklist: SetupChecklistView }) {
  const launch = useFetcher<LaunchAnswer>();
  const shopify = useAppBridge();
  // The answer arrives while the home revalidates, and a live program's home has no
  // checklist: toast as soon as the answer is in, before this card unmounts.
  useEffect(() => {
    if (launch.data?.status === "live") shopify.toast.show("Your program is live");
  }, [launch.data, shopify]);
  const total = checklist.items.length;
  return (
    <BlockStack gap="400">
      {!checklist.onboarded ? (
        <Banner tone="info" title="Set up your program" action={{ content: "Set up your program", url: "/app/onboarding" }}>
          <p>Choose one of eight proven program types, set its key numbers and see what a typical customer of yours would earn. It takes two minutes.</p>
        </Banner>
      ) : null}
      <Card>
        <BlockStack gap="300">
          <InlineStack align="space-between" blockAlign="center">
            <Text as="h2" variant="headingMd">
              Setup checklist
            </Text>
            <Text as="p" tone="subdued">
              {checklist.doneCount} of {total} done
            </Text>
          </InlineStack>
          <ProgressBar progress={(checklist.doneCount / total) * 100} size="small" tone="success" />
          <BlockStack gap="0" as="ul">
            {checklist.items.map((item) => (
              <Box as="li" key={item.id} paddingBlock="200" borderBlockStartWidth="025" borderColor="border-secondary">
                <InlineStack align="space-between" blockAlign="center" gap="300" wrap={false}>
                  <InlineStack gap="200" blockAlign="start" wrap={false}>
                    <Box minWidth="80px">{item.done ? <Badge tone="success">Done</Badge> : <Badge>To do</Badge>}</Box>
                    <BlockStack gap="050">
                      <Text as="p" fontWeight="semibold" tone={item.done ? "subdued" : undefined}>
                        {item.title}
                      </Text>
                      <Text as="p" tone="subdued">
                        {item.detail}
                      </Text>
                    </BlockStack>
                  </InlineStack>
                  {item.url ? (
                    <Button url={item.url} variant={item.done ? "plain" : "secondary"}>
                      {item.action}
                    </Button>
                  ) : !item.done ? (
                    <launch.Form method="post" action="/app/launch">
                      <input type="hidden" name="intent" value="launch" />
                      <Button submit variant="primary" loading={launch.state !== "idle"}>
                        {item.action}
                      </Button>
                    </launch.Form>
                  ) : null}
                </InlineStack>
              </Box>
            ))}
          </BlockStack>
        </BlockStack>
      </Card>
    </BlockStack>
  );
}
