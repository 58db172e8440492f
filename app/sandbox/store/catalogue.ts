/**
 * The demo store's catalogue and people. Prices are in cents of a two-decimal currency and
 * converted to the shop's currency by the seed (see demoPrice in ./seed.ts).
 */
export type DemoProduct = {
  readonly productId: string;
  readonly title: string;
  readonly sku: string;
  readonly priceCents: number;
  /** How often it is bought, relative to the others. */
  readonly popularity: number;
  readonly giftCard: boolean;
  /** Shopify product tags (a program can leave tagged products out of the points base). */
  readonly tags: readonly string[];
};

/** Product ids sit in their own range, apart from the ids the store hands out. */
const PRODUCT_ID_BASE = 8_000_000_000_000;

const product = (index: number, title: string, sku: string, priceCents: number, popularity: number, giftCard = false): DemoProduct => ({
  productId: String(PRODUCT_ID_BASE + index), title, sku, priceCents, popularity, giftCard, tags: DEMO_TAGS[sku] ?? [],
});

/** A few tags a merchant might exclude from earning: consumables, sale items, gift cards. */
const DEMO_TAGS: Readonly<Record<string, readonly string[]>> = {
  "COF-SO2": ["consumable", "coffee"],
  "SOC-TRL": ["sale"],
  "HOM-CAN": ["consumable"],
  "GIFT-50": ["gift-card"],
};

export const DEMO_PRODUCTS: readonly DemoProduct[] = [
  product(1, "Organic Cotton Tee", "TEE-ORG", 2800, 14),
  product(2, "Merino Crew Sweater", "SWT-MER", 8900, 6),
  product(3, "Linen Button-Down Shirt", "SHT-LIN", 6400, 6),
  product(4, "Everyday Chino", "PNT-CHI", 7200, 6),
  product(5, "Slim Selvedge Jeans", "PNT-SEL", 11800, 4),
  product(6, "Canvas Tote Bag", "BAG-TOT", 2400, 8),
  product(7, "Leather Card Wallet", "ACC-WAL", 4500, 5),
  product(8, "Wool Beanie", "ACC-BEA", 3200, 6),
  product(9, "Rain Shell Jacket", "JKT-RAI", 14900, 3),
  product(10, "Trail Running Socks (3-pack)", "SOC-TRL", 1950, 10),
  product(11, "Ceramic Pour-Over Set", "HOM-POU", 5400, 4),
  product(12, "Stoneware Mug", "HOM-MUG", 1800, 9),
  product(13, "Single-Origin Coffee Beans 250 g", "COF-SO2", 1675, 12),
  product(14, "Beeswax Candle", "HOM-CAN", 2200, 7),
  product(15, "Recycled Notebook", "STA-NOT", 1250, 7),
  product(16, "Bamboo Sunglasses", "ACC-SUN", 7999, 3),
  product(17, "Cork Yoga Mat", "FIT-YOG", 6800, 3),
  product(18, "Insulated Water Bottle", "FIT-BOT", 3495, 8),
  product(19, "Weekend Duffel", "BAG-DUF", 16500, 2),
  product(20, "Gift Card", "GIFT-50", 5000, 2, true),
];

export const DEMO_VENDOR = "Wafa Sandbox Goods";

/**
 * The demo store's collections, with the products in each (by SKU): the rewards editor's
 * picker offers them, and the simulated checkout answers the discount Function's
 * `inCollections` from them, so a reward limited to a collection applies to its products only.
 */
export type DemoCollection = { readonly id: string; readonly title: string; readonly skus: readonly string[] };

export const DEMO_COLLECTIONS: readonly DemoCollection[] = [
  { id: "gid://shopify/Collection/9000000000001", title: "Clothing", skus: ["TEE-ORG", "SWT-MER", "SHT-LIN", "PNT-CHI", "PNT-SEL", "ACC-BEA", "JKT-RAI", "SOC-TRL"] },
  { id: "gid://shopify/Collection/9000000000002", title: "Home & kitchen", skus: ["HOM-POU", "HOM-MUG", "HOM-CAN"] },
  { id: "gid://shopify/Collection/9000000000003", title: "Coffee", skus: ["COF-SO2", "HOM-POU"] },
];

/** The demo collections a product belongs to (none for a product outside the catalogue). */
export function demoCollectionIdsOf(productId: number): string[] {
  const sku = DEMO_PRODUCTS.find((product) => Number(product.productId) === productId)?.sku;
  return sku === undefined ? [] : DEMO_COLLECTIONS.filter((collection) => collection.skus.includes(sku)).map((collection) => collection.id);
}

export const FIRST_NAMES: readonly string[] = [
  "Amara", "Ben", "Chloé", "Daniel", "Elif", "Farah", "Gabriel", "Hana", "Isaac", "Jana",
  "Kenji", "Layla", "Mateo", "Nadia", "Omar", "Priya", "Quinn", "Rosa", "Samir", "Tara",
  "Umar", "Valentina", "Wei", "Ximena", "Yusuf", "Zoe", "Aisha", "Bruno", "Clara", "Dev",
  "Emma", "Felix", "Grace", "Hugo", "Ines", "Jonas", "Keira", "Leo", "Maya", "Noah",
];

export const LAST_NAMES: readonly string[] = [
  "Adeyemi", "Bauer", "Castillo", "Dubois", "Eriksen", "Fernandes", "Garcia", "Haddad", "Ito", "Jansen",
  "Kowalski", "Larsen", "Moreau", "Nakamura", "Okafor", "Petrov", "Quispe", "Rossi", "Schmidt", "Tanaka",
  "Usman", "Varga", "Wong", "Xu", "Yilmaz", "Zhang", "Ahmed", "Brown", "Chen", "Diaz",
  "Evans", "Fischer", "Green", "Hughes", "Ibrahim", "Johnson", "Kim", "Lopez", "Martin", "Nguyen",
];

/** Sales tax rates (percent) the demo customers' addresses fall under. */
export const TAX_RATES: readonly number[] = [0, 6, 7.25, 8.875];

export const WELCOME_CODE = { code: "WELCOME10", percent: 10 } as const;
export const SEASONAL_CODE = { code: "SUMMER15", percent: 15 } as const;
export const VIP_CODE = { code: "VIP20", percent: 20 } as const;
