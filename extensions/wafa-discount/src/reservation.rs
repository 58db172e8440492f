//! The reservation list the app writes to `$app:wafa.reservation`, validated as
//! src/reservation.ts does: anything malformed is ignored, never applied.
use crate::decimal::Decimal;
use crate::json::{Json, NULL};

pub enum RewardValue {
    AmountOff { amount: Decimal },
    PercentOff { percent: u8 },
    FreeShipping { max_amount: Option<Decimal> },
    FreeProduct { variant_id: String },
}

pub struct Reservation {
    pub title: String,
    /// Last shop-local day (YYYY-MM-DD) it may apply.
    pub valid_through: String,
    pub value: RewardValue,
    pub minimum_subtotal: Decimal,
    pub collection_ids: Vec<String>,
}

pub struct ReservationList {
    pub customer_id: String,
    pub reservations: Vec<Reservation>,
}

/// The reference takes at most this many entries (the app writes far fewer).
const MAX_RESERVATIONS: usize = 10;

/// A non-empty string of at most 255 UTF-16 code units (JavaScript's `length`).
fn text<'a>(value: &'a Json) -> Option<&'a str> {
    let text = value.as_str()?;
    let length = text.encode_utf16().count();
    (1..=255).contains(&length).then_some(text)
}

fn is_local_date(text: &str) -> bool {
    let bytes = text.as_bytes();
    bytes.len() == 10 && bytes.iter().enumerate().all(|(index, byte)| if index == 4 || index == 7 { *byte == b'-' } else { byte.is_ascii_digit() })
}

/// `^gid://shopify/<type>/\d+$`
fn is_gid(text: &str, resource: &str) -> bool {
    let number = text.strip_prefix("gid://shopify/").and_then(|rest| rest.strip_prefix(resource)).and_then(|rest| rest.strip_prefix('/'));
    number.map_or(false, |digits| !digits.is_empty() && digits.bytes().all(|byte| byte.is_ascii_digit()))
}

fn decimal(value: &Json) -> Option<Decimal> {
    Decimal::parse(value.as_str()?)
}

pub fn parse_reservation_list(json: &Json) -> Option<ReservationList> {
    let object = json.as_object()?;
    // `version !== 1` in JavaScript: any number equal to 1 (1, 1.0, 1e0), nothing else.
    if object.get("version").and_then(Json::as_f64) != Some(1.0) {
        return None;
    }
    let customer_id = text(object.get("customerId")?)?.to_owned();
    let entries = object.get("reservations")?.as_array()?;
    let reservations = entries.iter().take(MAX_RESERVATIONS).filter_map(parse_reservation).collect();
    Some(ReservationList { customer_id, reservations })
}

fn parse_reservation(entry: &Json) -> Option<Reservation> {
    let object = entry.as_object()?;
    let field = |name: &str| object.get(name).unwrap_or(&NULL);
    text(field("id"))?;
    let title = text(field("title"))?.to_owned();
    let valid_through = text(field("validThrough")).filter(|date| is_local_date(date))?.to_owned();
    let value = parse_value(field("value"))?;
    let minimum_subtotal = decimal(field("minimumSubtotal")).filter(|minimum| !minimum.is_negative())?;
    let collection_ids = field("collectionIds")
        .as_array()?
        .iter()
        .map(|id| id.as_str().filter(|id| is_gid(id, "Collection")).map(str::to_owned))
        .collect::<Option<Vec<_>>>()?;
    Some(Reservation { title, valid_through, value, minimum_subtotal, collection_ids })
}

fn parse_value(json: &Json) -> Option<RewardValue> {
    let object = json.as_object()?;
    let field = |name: &str| object.get(name).unwrap_or(&NULL);
    match field("kind").as_str()? {
        "amount_off" => decimal(field("amount")).filter(Decimal::is_positive).map(|amount| RewardValue::AmountOff { amount }),
        "percent_off" => {
            // `Number.isInteger(percent) && 1 <= percent <= 100`, on the f64 JSON.parse gives.
            let percent = field("percent").as_f64().filter(|percent| percent.fract() == 0.0 && (1.0..=100.0).contains(percent))?;
            Some(RewardValue::PercentOff { percent: percent as u8 })
        }
        "free_shipping" => match object.get("maxAmount") {
            Some(json) if json.is_null() => Some(RewardValue::FreeShipping { max_amount: None }),
            other => decimal(other.unwrap_or(&NULL)).filter(Decimal::is_positive).map(|max| RewardValue::FreeShipping { max_amount: Some(max) }),
        },
        "free_product" => text(field("variantId")).filter(|id| is_gid(id, "ProductVariant")).map(|id| RewardValue::FreeProduct { variant_id: id.to_owned() }),
        _ => None,
    }
}
