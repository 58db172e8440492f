import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import {
  AppProvider,
  Badge,
  BlockStack,
  Banner,
  Button,
  Card,
  Checkbox,
  FormLayout,
  InlineStack,
  Layout,
  Page,
  Select,
  Text,
  TextField,
} from "@shopify/polaris";
import polarisStyles from "@shopify/polaris/build/esm/styles.css?url";
import english from "@shopify/polaris/locales/en.json";
import { useEffect, useState } from "react";
import { sandboxAutomaticDiscounts, SANDBOX_DISCOUNT_FUNCTION } from "~/sandbox/admin/app-discount";
import { requireSandbox } from "~/sandbox/guard.server";
import { sandboxRuntime } from "~/sandbox/runtime.server";
import { DEMO_PRODUCTS } from "~/sandbox/store/catalogue";
import { formatMoney } from "~/loyalty/money/display";
import { parseMoney } from "~/loyalty/money/money";
import { runStoreCommand } from "~/sandbox/store-commands.server";
import { searchCustomers } from "~/sandbox/store/customer-search";

export const links = () => [{ rel: "stylesheet", href: polarisStyles }];

export async function loader({ request }: LoaderFunctionArgs) {
  const env = requireSandbox();
  const store = sandboxRuntime().store;
  const query = (new URL(request.url).searchParams.get("q") ?? "").trim().slice(0, 100);
  const search = searchCustomers(store.customers(), query);
  const names = new Map(store.customers().map((customer) => [customer.id, `${customer.firstName} ${customer.lastName}`]));
  // The Function runs at checkout only through the shop's automatic app discount, which a launch creates.
  const wafaDiscount = sandboxAutomaticDiscounts(env.SANDBOX_SHOP).find((discount) => discount.functionId === SANDBOX_DISCOUNT_FUNCTION.id && discount.status === "ACTIVE");
  return {
    shop: env.SANDBOX_SHOP,
    currency: store.currency,
    wafaDiscount: wafaDiscount ? { title: wafaDiscount.title, classes: wafaDiscount.discountClasses.join(", ") } : null,
    customers: search.matches.map((customer) => ({ id: customer.id, label: `${customer.firstName} ${customer.lastName} (${customer.email})` })),
    customerSearch: { query, total: search.total, customers: search.customers },
    orders: store
      .orders()
      .slice(-25)
      .reverse()
      .map((order) => ({
        id: order.id,
        name: order.name,
        customer: order.customerId ? (names.get(order.customerId) ?? `Customer ${order.customerId}`) : "Guest",
        status: order.cancelledAt ? "cancelled" : order.financialStatus,
        subtotal: shown(order.currentSubtotal, store.currency),
        total: shown(order.currentTotal, store.currency),
        automaticDiscounts: order.automaticDiscounts,
        test: order.test,
        lines: order.lines.filter((line) => line.currentQuantity > 0).map((line) => ({ id: line.lineItemId, label: `${line.title} × ${line.currentQuantity}` })),
      })),
    products: DEMO_PRODUCTS.map((product) => ({ value: product.productId, label: `${product.title} — ${shown((product.priceCents / 100).toFixed(2), store.currency)}` })),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  requireSandbox();
  const result = await runStoreCommand(sandboxRuntime(), Object.fromEntries(await request.formData()));
  return result.ok
    ? { message: `Sent ${result.deliveries.map((delivery) => `${delivery.topic} (${delivery.status})`).join(", ")}`, tone: "success" as const, fields: {} }
    : { message: result.error, tone: "critical" as const, fields: result.fields ?? {} };
}

/** A decimal amount of the store's currency ("91.23") in the admin's one money format ("$91.23"). */
function shown(amount: string, currency: string): string {
  const parsed = parseMoney(amount, currency);
  return parsed.ok ? formatMoney(parsed.value.minor, currency) : `${amount} ${currency}`;
}

export default function SandboxStore() {
  const data = useLoaderData<typeof loader>();
  const outcome = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  const [customerId, setCustomerId] = useState(data.customers[0]?.id ?? "guest");
  const [productId, setProductId] = useState(data.products[0]?.value ?? "");
  const [quantity, setQuantity] = useState("1");
  const [paid, setPaid] = useState(true);
  const [discountCode, setDiscountCode] = useState("");
  const [shippingPrice, setShippingPrice] = useState("");
  const [search, setSearch] = useState(data.customerSearch.query);
  // Controlled: Polaris's TextField keeps what is typed only through value and onChange.
  const [newCustomer, setNewCustomer] = useState({ firstName: "", lastName: "", email: "" });
  // A new search lists other customers: the picker starts at the first of them.
  const firstMatch = data.customers[0]?.id ?? "guest";
  useEffect(() => setCustomerId(firstMatch), [firstMatch]);
  const fields: Record<string, string> = outcome?.fields ?? {};
  const { total, customers } = data.customerSearch;
  const matches = total === 0 ? "No customer matches that search." : `${total.toLocaleString("en")} of ${customers.toLocaleString("en")} customers match${total > data.customers.length ? `; the newest ${data.customers.length} are listed, search to find the others` : ""}.`;

  return (
    <AppProvider i18n={english}>
      <Page
        title="Simulated store"
        subtitle={`${data.shop} · ${data.currency} · every action sends Shopify's signed webhooks to Wafa`}
        primaryAction={{ content: "Open Wafa admin", url: "/sandbox/admin" }}
      >
        <Layout>
          {outcome ? (
            <Layout.Section>
              <Banner tone={outcome.tone}>{outcome.message}</Banner>
            </Layout.Section>
          ) : null}
          <Layout.Section>
            <Card>
              <BlockStack gap="300">
                <Form method="get">
                  <InlineStack gap="300" blockAlign="end" wrap>
                    <div style={{ minWidth: 320 }}>
                      <TextField label="Find a customer" name="q" type="search" value={search} onChange={setSearch} placeholder="Name or email" autoComplete="off" helpText={matches} />
                    </div>
                    <Button submit>Search</Button>
                  </InlineStack>
                </Form>
                <InlineStack gap="300" blockAlign="center">
                  <Text as="p">See the storefront as {customerId === "guest" ? "a guest" : (data.customers.find((customer) => customer.id === customerId)?.label ?? "this customer")}: the Wafa launcher with their points.</Text>
                  <Button url={`/sandbox/storefront?${new URLSearchParams({ ...(customerId === "guest" ? {} : { customer: customerId }), q: data.customerSearch.query }).toString()}`}>Open the shopper view</Button>
                </InlineStack>
              </BlockStack>
            </Card>
          </Layout.Section>
          <Layout.Section variant="oneHalf">
            <Card>
              <Form method="post">
                <input type="hidden" name="command" value="place-order" />
                <FormLayout>
                  <Text as="h2" variant="headingMd">
                    Place an order
                  </Text>
                  <Select label="Customer" name="customerId" options={[{ label: "Guest checkout", value: "guest" }, ...data.customers.map((customer) => ({ label: customer.label, value: customer.id }))]} value={customerId} onChange={setCustomerId} />
                  <Select label="Product" name="productId" options={data.products} value={productId} onChange={setProductId} />
                  <TextField label="Quantity" name="quantity" type="number" min={1} value={quantity} onChange={setQuantity} autoComplete="off" />
                  <Select label="Discount code" name="discountCode" options={[{ label: "None", value: "" }, { label: "WELCOME10 (10 %)", value: "WELCOME10" }, { label: "SUMMER15 (15 %)", value: "SUMMER15" }]} value={discountCode} onChange={setDiscountCode} />
                  <TextField label="Shipping" name="shippingPrice" placeholder="none" helpText="A rate such as 6.95; empty: nothing ships" value={shippingPrice} onChange={setShippingPrice} autoComplete="off" />
                  <Text as="p" variant="bodySm" tone="subdued">
                    {data.wafaDiscount
                      ? `Checkout runs Wafa's discount Function (the "${data.wafaDiscount.title}" automatic discount: ${data.wafaDiscount.classes}): a member's reserved reward applies.`
                      : "Wafa's automatic discount does not exist yet (launch the program in the admin): checkout applies no reward."}
                  </Text>
                  <Checkbox label="Paid at checkout (otherwise pending)" checked={paid} onChange={setPaid} />
                  <input type="hidden" name="paid" value={paid ? "true" : "false"} />
                  <Button submit variant="primary" loading={busy}>
                    Place order
                  </Button>
                </FormLayout>
              </Form>
            </Card>
          </Layout.Section>
          <Layout.Section variant="oneHalf">
            <Card>
              <Form method="post">
                <input type="hidden" name="command" value="create-customer" />
                <FormLayout>
                  <Text as="h2" variant="headingMd">
                    New customer (a member from sign-up)
                  </Text>
                  <FormLayout.Group>
                    <TextField label="First name" name="firstName" value={newCustomer.firstName} onChange={(firstName) => setNewCustomer({ ...newCustomer, firstName })} autoComplete="off" error={fields.firstName} />
                    <TextField label="Last name" name="lastName" value={newCustomer.lastName} onChange={(lastName) => setNewCustomer({ ...newCustomer, lastName })} autoComplete="off" error={fields.lastName} />
                  </FormLayout.Group>
                  <TextField label="Email" name="email" type="email" value={newCustomer.email} onChange={(email) => setNewCustomer({ ...newCustomer, email })} autoComplete="off" error={fields.email} />
                  <Button submit loading={busy}>
                    Create customer
                  </Button>
                </FormLayout>
              </Form>
            </Card>
          </Layout.Section>
          <Layout.Section>
            <Card>
              <BlockStack gap="400">
                <Text as="h2" variant="headingMd">
                  Recent orders
                </Text>
                {data.orders.length === 0 ? <Text as="p">No orders yet: place one above.</Text> : null}
                {data.orders.map((order) => (
                  <OrderRow key={order.id} order={order} products={data.products} busy={busy} />
                ))}
              </BlockStack>
            </Card>
          </Layout.Section>
        </Layout>
      </Page>
    </AppProvider>
  );
}

type OrderView = ReturnType<typeof useLoaderData<typeof loader>>["orders"][number];

function OrderRow({ order, products, busy }: { order: OrderView; products: Array<{ value: string; label: string }>; busy: boolean }) {
  const open = order.status !== "cancelled";
  const [lineId, setLineId] = useState(order.lines[0]?.id ?? "");
  const action = (command: string, fields: Record<string, string> = {}, label = command) => (
    <Form method="post">
      <input type="hidden" name="command" value={command} />
      <input type="hidden" name="orderId" value={order.id} />
      {Object.entries(fields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <Button submit size="slim" disabled={busy}>
        {label}
      </Button>
    </Form>
  );
  return (
    <BlockStack gap="200">
      <InlineStack gap="300" blockAlign="center" wrap>
        <Text as="span" fontWeight="semibold">
          {order.name}
        </Text>
        <Text as="span">{order.customer}</Text>
        <Badge tone={order.status === "paid" ? "success" : order.status === "cancelled" ? "critical" : "attention"}>{order.status ?? "unknown"}</Badge>
        {order.test ? <Badge>test</Badge> : null}
        <Text as="span" numeric>
          subtotal {order.subtotal} · total {order.total}
        </Text>
        {order.automaticDiscounts.map((discount, index) => (
          <Badge key={index} tone="info">{`${discount.title} −${discount.amount} (automatic)`}</Badge>
        ))}
      </InlineStack>
      {open ? (
        <InlineStack gap="200" blockAlign="center" wrap>
          {order.status === "pending" ? action("pay", {}, "Mark as paid") : null}
          {order.lines.length > 0 ? (
            <>
              <div style={{ minWidth: 220 }}>
                <Select label="Line" labelHidden options={order.lines.map((line) => ({ label: line.label, value: line.id }))} value={lineId} onChange={setLineId} />
              </div>
              {order.status !== "pending" ? action("refund", { lineItemId: lineId, quantity: "1" }, "Refund 1 unit") : null}
              {action("edit-remove", { lineItemId: lineId, quantity: "1" }, "Remove 1 unit")}
            </>
          ) : null}
          {action("edit-add", { productId: products[0]?.value ?? "", quantity: "1" }, `Add ${products[0]?.label.split(" — ")[0] ?? "item"}`)}
          {action("cancel", { refund: "true" }, "Cancel and refund")}
        </InlineStack>
      ) : null}
    </BlockStack>
  );
}
