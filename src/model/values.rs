//! The small value types that appear in many files: dates, periods, ISO weeks,
//! health, statuses and the single-owner field.

use std::fmt;
use std::str::FromStr;

use jiff::civil::{Date as CivilDate, ISOWeekDate, Weekday};
use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::{Deserialize, Deserializer, Serialize, Serializer, de};

/// A calendar date written `YYYY-MM-DD`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date(pub CivilDate);

impl Date {
    /// The day `days` later (earlier when negative), held at the ends of
    /// the calendar jiff knows.
    pub fn plus_days(self, days: i64) -> Date {
        Date(self.0.saturating_add(jiff::Span::new().days(days)))
    }

    pub fn days_until(self, later: Date) -> i64 {
        // Dates stay within jiff's civil range, so the span in days always exists.
        (later.0 - self.0).get_days() as i64
    }
}

impl FromStr for Date {
    type Err = String;
    fn from_str(text: &str) -> Result<Self, String> {
        let shape_ok = text.len() == 10
            && text.bytes().enumerate().all(|(i, b)| match i {
                4 | 7 => b == b'-',
                _ => b.is_ascii_digit(),
            });
        if !shape_ok {
            return Err(format!("invalid date `{text}`: write dates as YYYY-MM-DD"));
        }
        text.parse::<CivilDate>()
            .map(Date)
            .map_err(|_| format!("invalid date `{text}`: no such day in the calendar"))
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        text.parse().map_err(de::Error::custom)
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl JsonSchema for Date {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Date".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": "string",
            "format": "date",
            "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$",
            "description": "A calendar date, YYYY-MM-DD."
        })
    }
}

/// A planning period: a fiscal quarter written `YYYY-Qn` (e.g. `2026-Q4`).
/// With a fiscal year that starts in a month other than January, fiscal year
/// `YYYY` is the one that ends in calendar year `YYYY`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Period {
    pub fiscal_year: i16,
    pub quarter: u8,
}

impl Period {
    /// First and last day of the period, for a fiscal year starting in `start_month` (1–12).
    pub fn date_range(self, start_month: u8) -> (Date, Date) {
        let start_month = start_month.clamp(1, 12) as i32;
        let first_year = if start_month == 1 {
            self.fiscal_year as i32
        } else {
            self.fiscal_year as i32 - 1
        };
        let months_in = start_month - 1 + 3 * (self.quarter as i32 - 1);
        let year = first_year + months_in / 12;
        let month = months_in % 12 + 1;
        let first = CivilDate::new(year as i16, month as i8, 1).unwrap_or(CivilDate::MIN);
        let last = first
            .checked_add(jiff::Span::new().months(3))
            .and_then(|d| d.yesterday())
            .unwrap_or(CivilDate::MAX);
        (Date(first), Date(last))
    }

    /// The fiscal quarter that contains `date`.
    pub fn containing(date: Date, start_month: u8) -> Period {
        let start_month = start_month.clamp(1, 12) as i32;
        let months_since_start = (date.0.month() as i32 - start_month).rem_euclid(12);
        let quarter = (months_since_start / 3 + 1) as u8;
        let fiscal_year = if start_month == 1 || (date.0.month() as i32) < start_month {
            date.0.year()
        } else {
            date.0.year() + 1
        };
        Period {
            fiscal_year,
            quarter,
        }
    }
}

impl FromStr for Period {
    type Err = String;
    fn from_str(text: &str) -> Result<Self, String> {
        let parsed = text.split_once("-Q").and_then(|(year, quarter)| {
            let year_ok = year.len() == 4 && year.bytes().all(|b| b.is_ascii_digit());
            let quarter_ok = quarter.len() == 1 && matches!(quarter, "1" | "2" | "3" | "4");
            (year_ok && quarter_ok).then(|| Period {
                fiscal_year: year.parse().unwrap_or(0),
                quarter: quarter.parse().unwrap_or(0),
            })
        });
        parsed.ok_or_else(|| {
            format!("invalid period `{text}`: write a fiscal quarter as YYYY-Qn, e.g. 2026-Q4")
        })
    }
}

impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-Q{}", self.fiscal_year, self.quarter)
    }
}

impl<'de> Deserialize<'de> for Period {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        text.parse().map_err(de::Error::custom)
    }
}

impl Serialize for Period {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl JsonSchema for Period {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Period".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": "string",
            "pattern": "^[0-9]{4}-Q[1-4]$",
            "description": "A fiscal quarter, YYYY-Qn (e.g. 2026-Q4)."
        })
    }
}

/// An ISO 8601 week written `YYYY-Www` (e.g. `2026-W47`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct IsoWeek {
    pub year: i16,
    pub week: i8,
}

impl IsoWeek {
    pub fn containing(date: Date) -> IsoWeek {
        let week_date = date.0.iso_week_date();
        IsoWeek {
            year: week_date.year(),
            week: week_date.week(),
        }
    }

    /// The Monday that starts the week.
    pub fn monday(self) -> Date {
        ISOWeekDate::new(self.year, self.week, Weekday::Monday)
            .map(|d| Date(d.date()))
            .unwrap_or(Date(CivilDate::MIN))
    }

    /// The week before this one.
    pub fn previous(self) -> IsoWeek {
        let monday = self.monday().0;
        match monday.checked_sub(jiff::Span::new().days(7)) {
            Ok(earlier) => IsoWeek::containing(Date(earlier)),
            Err(_) => self,
        }
    }

    /// The Sunday that ends the week.
    pub fn sunday(self) -> Date {
        ISOWeekDate::new(self.year, self.week, Weekday::Sunday)
            .map(|d| Date(d.date()))
            .unwrap_or(Date(CivilDate::MAX))
    }
}

impl FromStr for IsoWeek {
    type Err = String;
    fn from_str(text: &str) -> Result<Self, String> {
        let invalid =
            || format!("invalid week `{text}`: write an ISO week as YYYY-Www, e.g. 2026-W47");
        let (year, week) = text.split_once("-W").ok_or_else(invalid)?;
        if year.len() != 4 || week.len() != 2 {
            return Err(invalid());
        }
        let year: i16 = year.parse().map_err(|_| invalid())?;
        let week: i8 = week.parse().map_err(|_| invalid())?;
        ISOWeekDate::new(year, week, Weekday::Monday)
            .map_err(|_| format!("invalid week `{text}`: {year} has no week {week}"))?;
        Ok(IsoWeek { year, week })
    }
}

impl fmt::Display for IsoWeek {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-W{:02}", self.year, self.week)
    }
}

impl<'de> Deserialize<'de> for IsoWeek {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        text.parse().map_err(de::Error::custom)
    }
}

impl Serialize for IsoWeek {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl JsonSchema for IsoWeek {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "IsoWeek".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": "string",
            "pattern": "^[0-9]{4}-W[0-9]{2}$",
            "description": "An ISO 8601 week, YYYY-Www (e.g. 2026-W47)."
        })
    }
}

/// How an item is doing, in its owner's judgement.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, Serialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Health {
    OnTrack,
    AtRisk,
    OffTrack,
}

impl Health {
    pub fn is_troubled(self) -> bool {
        matches!(self, Health::AtRisk | Health::OffTrack)
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Health::OnTrack => "on_track",
            Health::AtRisk => "at_risk",
            Health::OffTrack => "off_track",
        }
    }
}

/// Three-step scale for risk likelihood and impact.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, Serialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Level {
    Low,
    Medium,
    High,
}

impl Level {
    pub fn as_str(self) -> &'static str {
        match self {
            Level::Low => "low",
            Level::Medium => "medium",
            Level::High => "high",
        }
    }
}

/// Whether a metric improves by going up or down.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    #[default]
    Up,
    Down,
}

/// The `owner` field: exactly one person id. A list is read (so the problem can
/// be reported precisely) but is an error: accountability needs one name.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum OwnerField {
    One(String),
    Many(Vec<String>),
}

impl OwnerField {
    /// The owner's person id, when exactly one is written as a plain value.
    pub fn single(&self) -> Option<&str> {
        match self {
            OwnerField::One(id) => Some(id),
            OwnerField::Many(_) => None,
        }
    }
}

impl<'de> Deserialize<'de> for OwnerField {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct OwnerVisitor;
        impl<'de> de::Visitor<'de> for OwnerVisitor {
            type Value = OwnerField;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a person id")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<OwnerField, E> {
                Ok(OwnerField::One(v.to_owned()))
            }
            fn visit_seq<A: de::SeqAccess<'de>>(self, mut seq: A) -> Result<OwnerField, A::Error> {
                let mut owners = Vec::new();
                while let Some(owner) = seq.next_element::<String>()? {
                    owners.push(owner);
                }
                Ok(OwnerField::Many(owners))
            }
        }
        deserializer.deserialize_any(OwnerVisitor)
    }
}

impl Serialize for OwnerField {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            OwnerField::One(id) => serializer.serialize_str(id),
            OwnerField::Many(ids) => ids.serialize(serializer),
        }
    }
}

impl JsonSchema for OwnerField {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Owner".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": "string",
            "description": "The one person accountable (a person id)."
        })
    }
}

/// How a unit follows a number: `%` right after it, any other unit after a
/// space (`99.7%`, `312 ms`), nothing without one.
pub fn unit_suffix(unit: Option<&str>) -> String {
    match unit {
        None | Some("") => String::new(),
        Some("%") => "%".to_owned(),
        Some(unit) => format!(" {unit}"),
    }
}
