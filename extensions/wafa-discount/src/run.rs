//! The two targets, line for line as src/run.ts (the executable spec this module is tested
//! against). The input comes from src/input.rs; the output JSON is written directly, in the
//! key order of the spec's object literals, so it is the text `JSON.stringify` gives for the
//! spec's result (the tests compare the bytes).
use crate::decimal::Decimal;
use crate::input::{CartLine, RunInput};
use crate::json::Writer;
use crate::reservation::{parse_reservation_list, Reservation, RewardValue};

/// Fraction digits kept when converting to the cart's currency (Shopify rounds after).
const CONVERTED_SCALE: usize = 4;

#[derive(Clone, Copy, PartialEq, Eq)]
enum DiscountClass {
    Order,
    Product,
    Shipping,
}

impl DiscountClass {
    fn name(self) -> &'static str {
        match self {
            DiscountClass::Order => "ORDER",
            DiscountClass::Product => "PRODUCT",
            DiscountClass::Shipping => "SHIPPING",
        }
    }
}

struct Usable<'input, 'lines> {
    reservation: Reservation,
    class: DiscountClass,
    lines: Vec<&'lines CartLine<'input>>,
}

/// The cart lines target's output JSON.
pub fn cart_lines_discounts_generate_run(input: &RunInput) -> Vec<u8> {
    let usable = usable_reservations(input);
    let rate = presentment_rate(input);
    // About the output's size (a line target is `{"cartLine":{"id":"gid://shopify/CartLine/…"}}`),
    // so that it seldom grows and is copied.
    let mut out = Writer::with_capacity(usable.iter().fold(512, |size, entry| size + 64 * entry.lines.len() + entry.reservation.title.len()));
    out.raw("{\"operations\":[");
    let order = usable.iter().find(|entry| entry.class == DiscountClass::Order);
    if let Some(order) = order {
        out.raw("{\"orderDiscountsAdd\":{\"candidates\":[");
        order_candidate(&mut out, &order.reservation, &rate);
        out.raw("],\"selectionStrategy\":\"FIRST\"}}");
    }
    let mut products = usable.iter().filter(|entry| entry.class == DiscountClass::Product).peekable();
    if products.peek().is_some() {
        if order.is_some() {
            out.raw(",");
        }
        out.raw("{\"productDiscountsAdd\":{\"candidates\":[");
        for (index, entry) in products.enumerate() {
            if index > 0 {
                out.raw(",");
            }
            product_candidate(&mut out, entry, &rate);
        }
        out.raw("],\"selectionStrategy\":\"ALL\"}}");
    }
    out.raw("]}");
    out.out
}

/// The delivery options target's output JSON.
pub fn cart_delivery_options_discounts_generate_run(input: &RunInput) -> Vec<u8> {
    let usable = usable_reservations(input);
    let groups = &input.delivery_groups;
    let shipping = usable.iter().find(|entry| entry.class == DiscountClass::Shipping);
    let mut out = Writer::with_capacity(512);
    let (reservation, max_amount) = match shipping.map(|entry| (&entry.reservation, &entry.reservation.value)) {
        Some((reservation, RewardValue::FreeShipping { max_amount })) if !groups.is_empty() => (reservation, max_amount),
        _ => {
            out.raw("{\"operations\":[]}");
            return out.out;
        }
    };
    out.raw("{\"operations\":[{\"deliveryDiscountsAdd\":{\"candidates\":[{\"message\":");
    out.string(&reservation.title);
    out.raw(",\"targets\":[");
    // A capped amount goes on one group, so several shipments cannot add up past the cap.
    let targeted = if max_amount.is_none() { &groups[..] } else { &groups[..1] };
    for (index, group) in targeted.iter().enumerate() {
        if index > 0 {
            out.raw(",");
        }
        out.raw("{\"deliveryGroup\":{\"id\":");
        out.string(group);
        out.raw("}}");
    }
    out.raw("],\"value\":");
    match max_amount {
        None => out.raw("{\"percentage\":{\"value\":\"100\"}}"),
        Some(max) => {
            out.raw("{\"fixedAmount\":{\"amount\":");
            out.string(&to_cart(max, &presentment_rate(input)));
            out.raw("}}");
        }
    }
    out.raw("}],\"selectionStrategy\":\"ALL\"}}]}");
    out.out
}

fn presentment_rate(input: &RunInput) -> Option<Decimal> {
    Decimal::parse(&input.presentment_currency_rate)
}

/// The reservations this cart and this discount may apply, each with the lines it may target.
fn usable_reservations<'input, 'lines>(input: &'lines RunInput<'input>) -> Vec<Usable<'input, 'lines>> {
    let customer = match &input.customer {
        Some(customer) => customer,
        None => return Vec::new(),
    };
    let list = match customer.reservation.as_ref().and_then(parse_reservation_list) {
        Some(list) if list.customer_id == customer.id => list,
        _ => return Vec::new(),
    };
    let (subtotal, rate) = match (Decimal::parse(&input.subtotal), presentment_rate(input)) {
        (Some(subtotal), Some(rate)) => (subtotal, rate),
        _ => return Vec::new(),
    };
    let mut usable = Vec::new();
    for reservation in list.reservations {
        // ISO dates compare as strings (the reservation's is ASCII, so bytes order as
        // JavaScript's UTF-16 units do); the last valid day is inclusive.
        if *reservation.valid_through < *input.local_date {
            continue;
        }
        if subtotal.compare(&reservation.minimum_subtotal.multiply(&rate)).is_lt() {
            continue;
        }
        let lines = eligible_lines(&reservation, input);
        if lines.is_empty() {
            continue;
        }
        let class = class_of(&reservation);
        if !input.discount_classes.iter().any(|name| name.as_ref() == class.name()) {
            continue;
        }
        usable.push(Usable { reservation, class, lines });
    }
    usable
}

/// Which of the input's interned collections the reservation is limited to.
fn wanted_collections(reservation: &Reservation, input: &RunInput) -> Vec<bool> {
    input.collections.iter().map(|collection| reservation.collection_ids.iter().any(|wanted| *wanted == **collection)).collect()
}

fn eligible_lines<'input, 'lines>(reservation: &Reservation, input: &'lines RunInput<'input>) -> Vec<&'lines CartLine<'input>> {
    let lines = &input.lines;
    let wanted = wanted_collections(reservation, input);
    let in_collections = |line: &CartLine| line.is_variant && input.memberships_of(line).iter().any(|membership| membership.is_member && wanted[membership.collection as usize]);
    if let RewardValue::FreeProduct { variant_id } = &reservation.value {
        let is_gift = |line: &&CartLine| line.is_variant && line.variant_id.as_deref() == Some(variant_id.as_str()) && line.quantity > 0.0;
        return if reservation.collection_ids.is_empty() || lines.iter().any(|line| in_collections(line)) { lines.iter().filter(is_gift).collect() } else { Vec::new() };
    }
    lines.iter().filter(|line| reservation.collection_ids.is_empty() || in_collections(line)).collect()
}

fn class_of(reservation: &Reservation) -> DiscountClass {
    match reservation.value {
        RewardValue::FreeShipping { .. } => DiscountClass::Shipping,
        RewardValue::FreeProduct { .. } => DiscountClass::Product,
        _ if !reservation.collection_ids.is_empty() => DiscountClass::Product,
        _ => DiscountClass::Order,
    }
}

fn order_candidate(out: &mut Writer, reservation: &Reservation, rate: &Option<Decimal>) {
    out.raw("{\"message\":");
    out.string(&reservation.title);
    out.raw(",\"targets\":[{\"orderSubtotal\":{\"excludedCartLineIds\":[]}}],\"value\":");
    amount_or_percent(out, reservation, rate, false);
    // Shopify checks the minimum again in the shop's currency, exactly.
    if reservation.minimum_subtotal.is_positive() {
        out.raw(",\"conditions\":[{\"orderMinimumSubtotal\":{\"minimumAmount\":");
        out.string(&reservation.minimum_subtotal.format());
        out.raw(",\"excludedCartLineIds\":[]}}]");
    }
    out.raw("}");
}

fn product_candidate(out: &mut Writer, Usable { reservation, lines, .. }: &Usable, rate: &Option<Decimal>) {
    out.raw("{\"message\":");
    out.string(&reservation.title);
    out.raw(",\"targets\":[");
    if let RewardValue::FreeProduct { .. } = reservation.value {
        out.raw("{\"cartLine\":{\"id\":");
        out.string(&lines[0].id);
        out.raw(",\"quantity\":1}}],\"value\":{\"percentage\":{\"value\":\"100\"}}}");
        return;
    }
    for (index, line) in lines.iter().enumerate() {
        out.raw(if index > 0 { ",{\"cartLine\":{\"id\":" } else { "{\"cartLine\":{\"id\":" });
        out.string(&line.id);
        out.raw("}}");
    }
    out.raw("],\"value\":");
    amount_or_percent(out, reservation, rate, true);
    out.raw("}");
}

/// `{"fixedAmount":{"amount":…}}` (with `"appliesToEachItem":false` on a product discount)
/// or `{"percentage":{"value":…}}`.
fn amount_or_percent(out: &mut Writer, reservation: &Reservation, rate: &Option<Decimal>, for_products: bool) {
    match &reservation.value {
        RewardValue::AmountOff { amount } => {
            out.raw("{\"fixedAmount\":{\"amount\":");
            out.string(&to_cart(amount, rate));
            out.raw(if for_products { ",\"appliesToEachItem\":false}}" } else { "}}" });
        }
        RewardValue::PercentOff { percent } => {
            // `String(percent)` of an integer from 1 to 100.
            let digits = [b'0' + percent / 100, b'0' + percent / 10 % 10, b'0' + percent % 10];
            let skip = if *percent >= 100 { 0 } else if *percent >= 10 { 1 } else { 2 };
            out.raw("{\"percentage\":{\"value\":\"");
            out.out.extend_from_slice(&digits[skip..]);
            out.raw("\"}}");
        }
        _ => unreachable!("only amount and percent rewards take the order or product class"),
    }
}

/// An amount in the shop's currency, converted to the cart's (rounded toward zero).
fn to_cart(amount: &Decimal, rate: &Option<Decimal>) -> String {
    let rate = rate.as_ref().expect("a usable reservation implies a presentment currency rate");
    amount.multiply(rate).truncate(CONVERTED_SCALE).format()
}
