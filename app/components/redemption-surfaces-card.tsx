import { Badge, Banner, BlockStack, Card, InlineStack, Text } from "@shopify/polaris";

/**
 * Where shoppers meet the program, and on which Shopify plans. Checkout UI blocks on the
 * information, shipping and payment steps render only on Shopify Plus; thank-you and order
 * status pages (every plan but Starter), customer accounts, theme app blocks and the
 * discount Function work on every plan.
 * https://shopify.dev/docs/api/checkout-ui-extensions/latest
 * https://shopify.dev/docs/api/checkout-extensions
 * https://shopify.dev/docs/apps/build/functions
 */
const SURFACES = [
  { name: "Your online store", what: "Rewards page, launcher, and points on product and cart pages (theme app blocks). Shoppers redeem here.", plus: false },
  { name: "Customer accounts", what: "Rewards page and profile block. Shoppers redeem here and get a code to use.", plus: false },
  { name: "Thank-you and order status pages", what: "The points the order earns and the balance, with an invitation to join for guests (every plan but Shopify Starter).", plus: false },
  { name: "Discount at checkout", what: "A reward redeemed on the store applies by itself at checkout, with nothing to type.", plus: false },
  { name: "Checkout blocks", what: "Balance and one-click rewards inside checkout, beside the discount field.", plus: true },
] as const;

/** The redemption surfaces a shop gets, so a merchant knows what shoppers will see before launching. */
export function RedemptionSurfacesCard() {
  return (
    <Card>
      <BlockStack gap="300">
        <Text as="h2" variant="headingMd">
          Where shoppers see and redeem points
        </Text>
        {SURFACES.map((surface) => (
          <BlockStack gap="100" key={surface.name}>
            <InlineStack gap="200" blockAlign="center">
              <Text as="h3" variant="headingSm">
                {surface.name}
              </Text>
              {surface.plus ? <Badge tone="attention">Shopify Plus only</Badge> : <Badge tone="success">Every plan</Badge>}
            </InlineStack>
            <Text as="p" tone="subdued">
              {surface.what}
            </Text>
          </BlockStack>
        ))}
        <Banner tone="info" title="Checkout blocks need Shopify Plus">
          <p>
            On other plans Shopify shows no app blocks on the checkout&rsquo;s information, shipping and payment steps. Shoppers there redeem on your
            store or in their account, and the reward still applies at checkout automatically.
          </p>
        </Banner>
      </BlockStack>
    </Card>
  );
}
