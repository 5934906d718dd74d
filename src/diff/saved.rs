//! A plan read back from JSON is only as good as the file: it may come from another version of
//! csplan or have been edited by hand. Before comparing, check what the comparison relies on.

use crate::plan::{Plan, SCHEMA_VERSION};
use crate::{MAX_ARR, MAX_PEOPLE_PER_ROLE};

/// Longest timeline csplan writes: 120 months.
const MAX_PERIODS: usize = 120;

/// Longest `csplan_version` read (a semantic version with a pre-release tag fits).
const MAX_VERSION_CHARS: usize = 64;

/// Why a saved plan cannot be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct SavedPlanError(String);

/// Fills what a plan saved by an older csplan lacks: each row's `period_months` (read as 0)
/// becomes the months of a whole period.
pub fn complete_saved_plan(plan: &mut Plan) {
    let whole = plan.period.months();
    for row in plan.timeline.iter_mut().filter(|r| r.period_months == 0) {
        row.period_months = whole;
    }
}

/// Checks a plan read from JSON: the schema version, a timeline of 1 to 120 periods with unique
/// labels and increasing months within 1..=120, the same segments in every row, headcounts
/// within csplan's limit of people per role, every number finite and within csplan's range
/// (|x| ≤ 10^15, amounts not negative), and every text free of control characters,
/// bidirectional controls and invisible characters (the same rule as for a base: a plan
/// csplan writes never holds one, and `diff` prints them).
pub fn check_saved_plan(plan: &Plan) -> Result<(), SavedPlanError> {
    let fail = |message: String| Err(SavedPlanError(message));
    if plan.schema_version != SCHEMA_VERSION {
        return fail(format!(
            "schema_version is {}; this csplan reads plans of schema_version {SCHEMA_VERSION}",
            plan.schema_version
        ));
    }
    if plan.timeline.is_empty() || plan.timeline.len() > MAX_PERIODS {
        return fail(format!(
            "the timeline has {} periods; a plan has 1 to {MAX_PERIODS}",
            plan.timeline.len()
        ));
    }
    if !(1..=12).contains(&plan.assumptions.fiscal_year_start) {
        return fail(format!(
            "assumptions.fiscal_year_start is {}; a month is 1..=12",
            plan.assumptions.fiscal_year_start
        ));
    }
    let segments = plan.timeline[0].segments.len();
    let mut last_month = 0;
    for (i, row) in plan.timeline.iter().enumerate() {
        if row.period_months > plan.period.months() {
            return fail(format!(
                "timeline[{i}] (period {}): period_months is {}; a {} holds at most {}",
                row.period,
                row.period_months,
                plan.period.noun(1),
                plan.period.months()
            ));
        }
        if row.month <= last_month || row.month > MAX_PERIODS as u32 {
            return fail(format!(
                "timeline[{i}] (period {}): month {} does not follow month {last_month} within \
                 1..={MAX_PERIODS}",
                row.period, row.month
            ));
        }
        last_month = row.month;
        if plan.timeline[..i].iter().any(|r| r.period == row.period) {
            return fail(format!(
                "timeline[{i}]: period {} appears twice",
                row.period
            ));
        }
        if row.segments.len() != segments {
            return fail(format!(
                "timeline[{i}] (period {}) has {} segments; the first row has {segments}",
                row.period,
                row.segments.len()
            ));
        }
        let people = [
            ("csm", row.csm),
            ("support", row.support),
            ("onboarding", row.onboarding),
            ("lead", row.lead),
        ];
        for (role, count) in people {
            if count > MAX_PEOPLE_PER_ROLE {
                return fail(format!(
                    "timeline[{i}].{role} is {count}; csplan plans at most {MAX_PEOPLE_PER_ROLE} \
                     people per role"
                ));
            }
        }
        let most_starts = MAX_PEOPLE_PER_ROLE * people.len() as u32;
        if row.new_hires > most_starts {
            return fail(format!(
                "timeline[{i}].new_hires is {}; at most {most_starts} people start in a period",
                row.new_hires
            ));
        }
    }
    // Each piece walked as it would be written, without building its JSON: the place of a
    // value is only spelled out for the one refused.
    piece("csplan_version", &plan.csplan_version)?;
    if let Some(version) = &plan.csplan_version
        && version.chars().count() > MAX_VERSION_CHARS
    {
        return fail(format!(
            "csplan_version is {} characters long; a version has at most {MAX_VERSION_CHARS}",
            version.chars().count()
        ));
    }
    piece("company", &plan.company)?;
    piece("currency", &plan.currency)?;
    piece("assumptions", &plan.assumptions)?;
    piece("breakeven", &plan.breakeven)?;
    for (i, row) in plan.timeline.iter().enumerate() {
        piece(&format!("timeline[{i}]"), row)?;
    }
    for (i, hire) in plan.hires.iter().enumerate() {
        piece(&format!("hires[{i}]"), hire)?;
    }
    piece("warnings", &plan.warnings)?;
    piece("totals", &plan.totals)?;
    piece("benchmarks", &plan.benchmarks)?;
    piece("health", &plan.health)
}

/// Every number and text of `value`, the piece of the plan at `path`, within bounds.
fn piece<T: serde::Serialize + ?Sized>(path: &str, value: &T) -> Result<(), SavedPlanError> {
    value
        .serialize(Walk {
            place: Place::Root(path),
        })
        .map_err(|refused| refused.0)
}

/// Where a value lies in the plan, as a chain of steps from a piece's path: spelled out
/// (`timeline[3].segments[12].name`) only for a value refused.
#[derive(Clone, Copy)]
enum Place<'a> {
    Root(&'a str),
    Field(&'a Place<'a>, &'a str),
    Index(&'a Place<'a>, usize),
}

impl Place<'_> {
    fn path(&self) -> String {
        match self {
            Place::Root(path) => path.to_string(),
            Place::Field(parent, key) => join(&parent.path(), key),
            Place::Index(parent, i) => format!("{}[{i}]", parent.path()),
        }
    }
}

/// A serializer that writes nothing: it checks every number and text of a value, as its JSON
/// would hold them, against [`check_saved_plan`]'s rules.
#[derive(Clone, Copy)]
struct Walk<'a> {
    place: Place<'a>,
}

impl<'a> Walk<'a> {
    fn text(&self, text: &str) -> Result<(), Refused> {
        match crate::text::refusal(text) {
            Some(why) => self.refuse(format!(
                "{} = \"{}\" {why}",
                self.place.path(),
                crate::text::escaped(&crate::input::short(text))
            )),
            None => Ok(()),
        }
    }

    /// A number as JSON holds it: `n` (printed as JSON prints it), `x` its value, `whole` when
    /// JSON holds it as an integer.
    fn number(&self, n: impl std::fmt::Display, x: f64, whole: bool) -> Result<(), Refused> {
        if !x.is_finite() || x.abs() > MAX_ARR {
            self.refuse(format!(
                "{} is {n}; csplan's numbers lie within ±10^15",
                self.place.path()
            ))
        } else if whole && x < 0.0 {
            self.refuse(format!(
                "{} is {n}; amounts and counts are never negative",
                self.place.path()
            ))
        } else {
            Ok(())
        }
    }

    fn float(&self, x: f64) -> Result<(), Refused> {
        // JSON has no NaN or infinity: serde_json writes them as null.
        match serde_json::Number::from_f64(x) {
            Some(n) => self.number(n, x, false),
            None => Ok(()),
        }
    }

    fn refuse(&self, message: String) -> Result<(), Refused> {
        Err(Refused(SavedPlanError(message)))
    }

    fn items(self) -> Items<'a> {
        Items {
            place: self.place,
            variant: None,
            next: 0,
        }
    }

    /// The items of an enum's variant, which JSON holds under the variant's name.
    fn variant(self, variant: &'static str) -> Items<'a> {
        Items {
            variant: Some(variant),
            ..self.items()
        }
    }
}

/// The walk of a sequence or a struct: the place of its items (under the variant's name, for
/// an enum's), and the next index.
struct Items<'a> {
    place: Place<'a>,
    variant: Option<&'static str>,
    next: usize,
}

impl Items<'_> {
    fn item<T: serde::Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Refused> {
        let i = self.next;
        self.next += 1;
        self.within(|parent| {
            value.serialize(Walk {
                place: Place::Index(parent, i),
            })
        })
    }

    fn field<T: serde::Serialize + ?Sized>(&self, key: &str, value: &T) -> Result<(), Refused> {
        self.within(|parent| {
            value.serialize(Walk {
                place: Place::Field(parent, key),
            })
        })
    }

    fn within(&self, walk: impl FnOnce(&Place<'_>) -> Result<(), Refused>) -> Result<(), Refused> {
        match self.variant {
            Some(variant) => walk(&Place::Field(&self.place, variant)),
            None => walk(&self.place),
        }
    }
}

impl<'a> serde::Serializer for Walk<'a> {
    type Ok = ();
    type Error = Refused;
    type SerializeSeq = Items<'a>;
    type SerializeTuple = Items<'a>;
    type SerializeTupleStruct = Items<'a>;
    type SerializeTupleVariant = Items<'a>;
    type SerializeMap = Keyed<'a>;
    type SerializeStruct = Items<'a>;
    type SerializeStructVariant = Items<'a>;

    fn serialize_bool(self, _: bool) -> Result<(), Refused> {
        Ok(())
    }
    fn serialize_i8(self, v: i8) -> Result<(), Refused> {
        self.serialize_i64(v.into())
    }
    fn serialize_i16(self, v: i16) -> Result<(), Refused> {
        self.serialize_i64(v.into())
    }
    fn serialize_i32(self, v: i32) -> Result<(), Refused> {
        self.serialize_i64(v.into())
    }
    fn serialize_i64(self, v: i64) -> Result<(), Refused> {
        self.number(v, v as f64, true)
    }
    fn serialize_u8(self, v: u8) -> Result<(), Refused> {
        self.serialize_u64(v.into())
    }
    fn serialize_u16(self, v: u16) -> Result<(), Refused> {
        self.serialize_u64(v.into())
    }
    fn serialize_u32(self, v: u32) -> Result<(), Refused> {
        self.serialize_u64(v.into())
    }
    fn serialize_u64(self, v: u64) -> Result<(), Refused> {
        self.number(v, v as f64, true)
    }
    fn serialize_f32(self, v: f32) -> Result<(), Refused> {
        self.float(v.into())
    }
    fn serialize_f64(self, v: f64) -> Result<(), Refused> {
        self.float(v)
    }
    fn serialize_char(self, v: char) -> Result<(), Refused> {
        self.text(v.encode_utf8(&mut [0; 4]))
    }
    fn serialize_str(self, v: &str) -> Result<(), Refused> {
        self.text(v)
    }
    fn serialize_bytes(self, _: &[u8]) -> Result<(), Refused> {
        Ok(())
    }
    fn serialize_none(self) -> Result<(), Refused> {
        Ok(())
    }
    fn serialize_some<T: serde::Serialize + ?Sized>(self, value: &T) -> Result<(), Refused> {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Result<(), Refused> {
        Ok(())
    }
    fn serialize_unit_struct(self, _: &'static str) -> Result<(), Refused> {
        Ok(())
    }
    fn serialize_unit_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
    ) -> Result<(), Refused> {
        self.text(variant)
    }
    fn serialize_newtype_struct<T: serde::Serialize + ?Sized>(
        self,
        _: &'static str,
        value: &T,
    ) -> Result<(), Refused> {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: serde::Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        value: &T,
    ) -> Result<(), Refused> {
        value.serialize(Walk {
            place: Place::Field(&self.place, variant),
        })
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Items<'a>, Refused> {
        Ok(self.items())
    }
    fn serialize_tuple(self, _: usize) -> Result<Items<'a>, Refused> {
        Ok(self.items())
    }
    fn serialize_tuple_struct(self, _: &'static str, _: usize) -> Result<Items<'a>, Refused> {
        Ok(self.items())
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        _: usize,
    ) -> Result<Items<'a>, Refused> {
        Ok(self.variant(variant))
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Keyed<'a>, Refused> {
        Ok(Keyed {
            place: self.place,
            key: None,
        })
    }
    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Items<'a>, Refused> {
        Ok(self.items())
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        _: usize,
    ) -> Result<Items<'a>, Refused> {
        Ok(self.variant(variant))
    }
}

/// The four kinds of sequence: each item is walked at its index.
macro_rules! walk_items {
    ($($kind:ident :: $method:ident),*) => {$(
        impl serde::ser::$kind for Items<'_> {
            type Ok = ();
            type Error = Refused;
            fn $method<T: serde::Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Refused> {
                self.item(value)
            }
            fn end(self) -> Result<(), Refused> {
                Ok(())
            }
        }
    )*};
}

walk_items!(
    SerializeSeq::serialize_element,
    SerializeTuple::serialize_element,
    SerializeTupleStruct::serialize_field,
    SerializeTupleVariant::serialize_field
);

/// The two kinds of struct: each field is walked under its name.
macro_rules! walk_fields {
    ($($kind:ident),*) => {$(
        impl serde::ser::$kind for Items<'_> {
            type Ok = ();
            type Error = Refused;
            fn serialize_field<T: serde::Serialize + ?Sized>(
                &mut self,
                key: &'static str,
                value: &T,
            ) -> Result<(), Refused> {
                self.field(key, value)
            }
            fn end(self) -> Result<(), Refused> {
                Ok(())
            }
        }
    )*};
}

walk_fields!(SerializeStruct, SerializeStructVariant);

/// The walk of a map: its keys name the place (as JSON object keys) and are not checked.
struct Keyed<'a> {
    place: Place<'a>,
    key: Option<String>,
}

impl serde::ser::SerializeMap for Keyed<'_> {
    type Ok = ();
    type Error = Refused;
    fn serialize_key<T: serde::Serialize + ?Sized>(&mut self, key: &T) -> Result<(), Refused> {
        // A key as JSON writes it: a string, or a number's digits.
        let key = match serde_json::to_value(key) {
            Ok(serde_json::Value::String(text)) => text,
            Ok(other) => other.to_string(),
            Err(e) => return Err(Refused(SavedPlanError(e.to_string()))),
        };
        self.key = Some(key);
        Ok(())
    }
    fn serialize_value<T: serde::Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Refused> {
        let key = self.key.take().unwrap_or_default();
        value.serialize(Walk {
            place: Place::Field(&self.place, &key),
        })
    }
    fn end(self) -> Result<(), Refused> {
        Ok(())
    }
}

/// A refusal, carried through serde's error type.
#[derive(Debug)]
struct Refused(SavedPlanError);

impl std::fmt::Display for Refused {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.fmt(f)
    }
}

impl std::error::Error for Refused {}

impl serde::ser::Error for Refused {
    fn custom<T: std::fmt::Display>(msg: T) -> Self {
        Refused(SavedPlanError(msg.to_string()))
    }
}

fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_string()
    } else {
        format!("{path}.{key}")
    }
}
