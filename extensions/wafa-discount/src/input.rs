//! The input Shopify sends for src/run.graphql, read in one pass by src/json.rs: its strings
//! are borrowed, the fields the Function does not use (a line's cost) are skipped, and the
//! lines' collection memberships share one list, their collection ids interned, so that a
//! reservation checks a line's collections by index rather than by comparing strings.
//! Only the metafield, which the app writes and nothing checks on the way, becomes a JSON
//! tree, for src/reservation.rs to validate as src/reservation.ts does.
use crate::json::{fail, same, Json, Reader};
use std::borrow::Cow;

pub struct RunInput<'a> {
    pub presentment_currency_rate: Cow<'a, str>,
    /// `shop.localTime.date`
    pub local_date: Cow<'a, str>,
    pub discount_classes: Vec<Cow<'a, str>>,
    /// `cart.buyerIdentity.customer`
    pub customer: Option<Customer<'a>>,
    /// `cart.cost.subtotalAmount.amount`
    pub subtotal: Cow<'a, str>,
    pub lines: Vec<CartLine<'a>>,
    /// Every line's `inCollections`, in order; each line has a range of it.
    pub memberships: Vec<Membership>,
    /// The distinct `collectionId`s of the memberships (`Membership::collection` indexes it).
    pub collections: Vec<Cow<'a, str>>,
    /// `cart.deliveryGroups[].id`
    pub delivery_groups: Vec<Cow<'a, str>>,
}

pub struct Customer<'a> {
    pub id: Cow<'a, str>,
    /// `reservation.jsonValue` (null when the field is absent); None without a metafield.
    pub reservation: Option<Json<'a>>,
}

pub struct CartLine<'a> {
    pub id: Cow<'a, str>,
    /// A JSON number, compared as JavaScript compares it.
    pub quantity: f64,
    /// `merchandise.__typename == "ProductVariant"`
    pub is_variant: bool,
    /// `merchandise.id` (a ProductVariant's)
    pub variant_id: Option<Cow<'a, str>>,
    memberships: (u32, u32),
}

#[derive(Clone, Copy)]
pub struct Membership {
    pub collection: u32,
    pub is_member: bool,
}

impl<'a> RunInput<'a> {
    pub fn memberships_of(&self, line: &CartLine) -> &[Membership] {
        &self.memberships[line.memberships.0 as usize..line.memberships.1 as usize]
    }
}

/// `match` over an object's keys, compared by `same` (a `match` on strings calls memcmp).
macro_rules! fields {
    ($key:expr, { $($name:literal => $action:expr,)* _ => $default:expr $(,)? }) => {
        $(if same($key, $name) { $action } else)* { $default }
    };
}

fn required<T>(value: Option<T>, name: &str) -> T {
    value.unwrap_or_else(|| fail(name))
}

/// A string field that may be null or absent (None).
fn optional_string<'a>(reader: &mut Reader<'a>) -> Option<Cow<'a, str>> {
    if reader.null() {
        None
    } else {
        Some(reader.string())
    }
}

pub fn read(bytes: &[u8]) -> RunInput<'_> {
    let mut reader = Reader::new(bytes);
    let mut rate = None;
    let mut date = None;
    let mut classes = None;
    let mut cart = None;
    reader.object(|reader, key| fields!(key, {
        b"presentmentCurrencyRate" => rate = Some(reader.string()),
        b"shop" => reader.object(|reader, key| fields!(key, {
            b"localTime" => reader.object(|reader, key| fields!(key, {
                b"date" => date = Some(reader.string()),
                _ => reader.skip(),
            })),
            _ => reader.skip(),
        })),
        b"discount" => reader.object(|reader, key| fields!(key, {
            b"discountClasses" => {
                let mut names = Vec::new();
                reader.array(|reader| names.push(reader.string()));
                classes = Some(names);
            },
            _ => reader.skip(),
        })),
        b"cart" => cart = Some(read_cart(reader)),
        _ => reader.skip(),
    }));
    reader.end();
    let cart = required(cart, "the input has no cart");
    RunInput {
        presentment_currency_rate: required(rate, "the input has no presentmentCurrencyRate"),
        local_date: required(date, "the input has no shop.localTime.date"),
        discount_classes: required(classes, "the input has no discount.discountClasses"),
        customer: cart.customer,
        subtotal: required(cart.subtotal, "the input has no cart.cost.subtotalAmount.amount"),
        lines: required(cart.lines, "the input has no cart.lines"),
        memberships: cart.memberships,
        collections: cart.collections,
        delivery_groups: required(cart.delivery_groups, "the input has no cart.deliveryGroups"),
    }
}

#[derive(Default)]
struct CartFields<'a> {
    customer: Option<Customer<'a>>,
    subtotal: Option<Cow<'a, str>>,
    lines: Option<Vec<CartLine<'a>>>,
    memberships: Vec<Membership>,
    collections: Vec<Cow<'a, str>>,
    delivery_groups: Option<Vec<Cow<'a, str>>>,
}

fn read_cart<'a>(reader: &mut Reader<'a>) -> CartFields<'a> {
    let mut cart = CartFields::default();
    reader.object(|reader, key| fields!(key, {
        b"buyerIdentity" => {
            if !reader.null() {
                reader.object(|reader, key| fields!(key, {
                    b"customer" => cart.customer = if reader.null() { None } else { Some(read_customer(reader)) },
                    _ => reader.skip(),
                }));
            }
        },
        b"cost" => reader.object(|reader, key| fields!(key, {
            b"subtotalAmount" => reader.object(|reader, key| fields!(key, {
                b"amount" => cart.subtotal = Some(reader.string()),
                _ => reader.skip(),
            })),
            _ => reader.skip(),
        })),
        b"lines" => {
            let mut lines = Vec::new();
            reader.array(|reader| lines.push(read_line(reader, &mut cart.memberships, &mut cart.collections)));
            cart.lines = Some(lines);
        },
        b"deliveryGroups" => {
            let mut groups = Vec::new();
            reader.array(|reader| {
                let mut id = None;
                reader.object(|reader, key| fields!(key, {
                    b"id" => id = Some(reader.string()),
                    _ => reader.skip(),
                }));
                groups.push(required(id, "a delivery group has no id"));
            });
            cart.delivery_groups = Some(groups);
        },
        _ => reader.skip(),
    }));
    cart
}

fn read_customer<'a>(reader: &mut Reader<'a>) -> Customer<'a> {
    let mut id = None;
    let mut reservation = None;
    reader.object(|reader, key| fields!(key, {
        b"id" => id = Some(reader.string()),
        b"reservation" => {
            reservation = if reader.null() {
                None
            } else {
                let mut json_value = Json::Null;
                reader.object(|reader, key| fields!(key, {
                    b"jsonValue" => json_value = reader.value(),
                    _ => reader.skip(),
                }));
                Some(json_value)
            }
        },
        _ => reader.skip(),
    }));
    Customer { id: required(id, "the customer has no id"), reservation }
}

fn read_line<'a>(reader: &mut Reader<'a>, memberships: &mut Vec<Membership>, collections: &mut Vec<Cow<'a, str>>) -> CartLine<'a> {
    let mut id = None;
    let mut quantity = None;
    let mut is_variant = None;
    let mut variant_id = None;
    let first = memberships.len() as u32;
    reader.object(|reader, key| fields!(key, {
        b"id" => id = Some(reader.string()),
        b"quantity" => quantity = Some(crate::json::number_value(reader.number())),
        b"merchandise" => reader.object(|reader, key| fields!(key, {
            b"__typename" => is_variant = Some(same(reader.string().as_bytes(), b"ProductVariant")),
            b"id" => variant_id = optional_string(reader),
            b"product" => {
                if !reader.null() {
                    reader.object(|reader, key| fields!(key, {
                        b"inCollections" => reader.array(|reader| memberships.push(read_membership(reader, collections))),
                        _ => reader.skip(),
                    }));
                }
            },
            _ => reader.skip(),
        })),
        _ => reader.skip(),
    }));
    CartLine {
        id: required(id, "a cart line has no id"),
        quantity: required(quantity, "a cart line has no quantity"),
        is_variant: required(is_variant, "a cart line's merchandise has no __typename"),
        variant_id,
        memberships: (first, memberships.len() as u32),
    }
}

fn read_membership<'a>(reader: &mut Reader<'a>, collections: &mut Vec<Cow<'a, str>>) -> Membership {
    let mut collection = None;
    let mut is_member = None;
    reader.object(|reader, key| fields!(key, {
        b"collectionId" => {
            let id = reader.string();
            // Every line lists the same few collections ($collectionIds): intern them.
            let index = collections.iter().position(|known| same(known.as_bytes(), id.as_bytes())).unwrap_or_else(|| {
                collections.push(id);
                collections.len() - 1
            });
            collection = Some(index as u32);
        },
        b"isMember" => is_member = Some(reader.boolean()),
        _ => reader.skip(),
    }));
    Membership { collection: required(collection, "a collection membership has no collectionId"), is_member: required(is_member, "a collection membership has no isMember") }
}
