import { z } from "zod";

/** The Admin GraphQL client surface Wafa uses (what `authenticate.*` returns as `admin`). */
export type AdminGraphql = {
  graphql(query: string, options?: { variables?: Record<string, unknown> }): Promise<Response>;
};

export const SHOP_DETAILS_QUERY = `#graphql
  query WafaShopDetails {
    shop {
      name
      currencyCode
      ianaTimezone
    }
  }
`;

const ShopDetailsResponse = z.object({
  data: z.object({
    shop: z.object({ name: z.string(), currencyCode: z.string().regex(/^[A-Z]{3}$/), ianaTimezone: z.string().nullable() }),
  }),
});

export type ShopDetails = z.infer<typeof ShopDetailsResponse>["data"]["shop"];

/** The shop's name, currency (points are earned per unit of it) and time zone. */
export async function fetchShopDetails(admin: AdminGraphql): Promise<ShopDetails> {
  const response = await admin.graphql(SHOP_DETAILS_QUERY);
  const parsed = ShopDetailsResponse.safeParse(await response.json());
  if (!parsed.success) throw new Error(`unexpected shop details response: ${parsed.error.message}`);
  return parsed.data.data.shop;
}
