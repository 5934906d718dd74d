//! Checks after parsing: ranges, exclusivity, uniqueness, defaults. Every problem is collected
//! (not just the first), each pointing at its line.

use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap};
use std::ops::Range;

use toml::Spanned;

use super::BaseFile;
use super::ranges::{Expect, hint_for};
use super::raw::{RawBase, RawCompany, RawSegment};
use crate::diagnostic::Diagnostic;
use crate::model::estimate::Ranges;
use crate::model::{
    Base, Company, Complexity, OnboardingModel, Region, Salaries, Segment, Stance, SupportModel,
    Team, Workforce,
};
use crate::month::YearMonth;
use crate::rules;

mod ranges;

mod health;

pub use crate::model::limits::MAX_SEGMENTS;

/// Turns the file as written (`raw`, read from `source`) into a [`Base`] and its `[health]`
/// settings, or every problem found in it.
pub fn validate(raw: &RawBase, source: &str) -> Result<BaseFile, Vec<Diagnostic>> {
    let mut check = Checker {
        source,
        diagnostics: Vec::new(),
    };
    let company = check.company(raw);
    let team = Team {
        csm: check.headcount("csm", &raw.team.csm),
        support: check.headcount("support", &raw.team.support),
        onboarding: check.headcount("onboarding", &raw.team.onboarding),
        lead: check.headcount("lead", &raw.team.lead),
        managers: check.headcount("managers", &raw.team.managers),
    };
    let salaries = check.salaries(raw, company.region);
    let workforce = Workforce {
        span_of_control: check
            .integer(
                &Table::Workforce,
                "span_of_control",
                &raw.workforce.span_of_control,
            )
            .unwrap_or(rules::team_manager::DEFAULT_SPAN_OF_CONTROL),
        max_starts_per_month: check
            .integer(
                &Table::Workforce,
                "max_starts_per_month",
                &raw.workforce.max_starts_per_month,
            )
            .unwrap_or(rules::recruiting_capacity::DEFAULT_MAX_STARTS_PER_MONTH),
        ramp_months: check
            .integer(&Table::Workforce, "ramp_months", &raw.workforce.ramp_months)
            .unwrap_or(rules::ramp::DEFAULT_RAMP_MONTHS),
        attrition: check
            .number(&Table::Workforce, "attrition", &raw.workforce.attrition)
            .unwrap_or(rules::attrition_backfill::DEFAULT_ATTRITION),
    };
    let support = SupportModel {
        tickets_per_agent_month: check
            .number(
                &Table::Support,
                "tickets_per_agent_month",
                &raw.support.tickets_per_agent_month,
            )
            .unwrap_or(rules::support_demand::DEFAULT_TICKETS_PER_AGENT_MONTH),
        premium_attach: check.number(
            &Table::Support,
            "premium_attach",
            &raw.support.premium_attach,
        ),
    };
    let onboarding = OnboardingModel {
        billable_hours_per_month: check
            .number(
                &Table::Onboarding,
                "billable_hours_per_month",
                &raw.onboarding.billable_hours_per_month,
            )
            .unwrap_or(rules::onboarding_demand::DEFAULT_BILLABLE_HOURS_PER_MONTH),
    };
    let segments = check.segments(raw);
    let health = check.health(&raw.health, company.start);
    let budget = check.budget(raw, &company);
    if check.diagnostics.is_empty() {
        Ok(BaseFile {
            base: Base {
                company,
                team,
                salaries,
                workforce,
                support,
                onboarding,
                segments,
                budget,
            },
            health,
        })
    } else {
        Err(check.diagnostics)
    }
}

/// Which table a key sits in, for messages and key paths.
enum Table<'a> {
    Company,
    Team,
    Salaries,
    Workforce,
    Support,
    Onboarding,
    /// 1-based index and name.
    Segment(usize, &'a str),
    Budget,
    /// `[health]` (`""`) or one of its sub-tables (`"weights"`).
    Health(&'static str),
}

impl Table<'_> {
    /// The table as the key table names it: `company`, `segment`, `health.weights`.
    fn name(&self) -> Cow<'static, str> {
        match self {
            Table::Company => "company".into(),
            Table::Team => "team".into(),
            Table::Salaries => "salaries".into(),
            Table::Workforce => "workforce".into(),
            Table::Support => "support".into(),
            Table::Onboarding => "onboarding".into(),
            Table::Segment(..) => "segment".into(),
            Table::Budget => "budget".into(),
            Table::Health("") => "health".into(),
            Table::Health(sub) => format!("health.{sub}").into(),
        }
    }

    fn path(&self, key: &str) -> String {
        match self {
            Table::Company => format!("company.{key}"),
            Table::Team => format!("team.{key}"),
            Table::Salaries => format!("salaries.{key}"),
            Table::Workforce => format!("workforce.{key}"),
            Table::Support => format!("support.{key}"),
            Table::Onboarding => format!("onboarding.{key}"),
            Table::Segment(i, _) => format!("segment[{i}].{key}"),
            Table::Budget => format!("budget.{key}"),
            Table::Health("") => format!("health.{key}"),
            Table::Health(sub) => format!("health.{sub}.{key}"),
        }
    }

    fn label(&self) -> String {
        match self {
            Table::Company => "[company]".into(),
            Table::Team => "[team]".into(),
            Table::Salaries => "[salaries]".into(),
            Table::Workforce => "[workforce]".into(),
            Table::Support => "[support]".into(),
            Table::Onboarding => "[onboarding]".into(),
            Table::Segment(i, name) if name.trim().is_empty() => format!("[[segment]] #{i}"),
            Table::Segment(_, name) => format!("[[segment]] \"{}\"", short(name)),
            Table::Budget => "[budget]".into(),
            Table::Health("") => "[health]".into(),
            Table::Health(sub) => format!("[health.{sub}]"),
        }
    }
}

/// The fiscal years a `[budget]` key may name, for a message: `FY2027, FY2028`.
fn covered_words(dated: bool, covered: &[String]) -> String {
    if dated {
        format!("this plan's are {}", covered.join(", "))
    } else {
        "a plan with [company] start names its years FYyyyy".to_string()
    }
}

/// A name as messages show it: at most 40 characters, then `…`.
pub(crate) fn short(name: &str) -> String {
    if name.chars().count() > 40 {
        format!("{}…", name.chars().take(40).collect::<String>())
    } else {
        name.to_string()
    }
}

struct Checker<'s> {
    /// The file, for naming the line and column of an earlier key in a message.
    source: &'s str,
    diagnostics: Vec<Diagnostic>,
}

impl Checker<'_> {
    /// `line 5, column 8`: where `span` starts in the file.
    fn place(&self, span: &Range<usize>) -> String {
        let (line, column) = crate::diagnostic::line_column(self.source, span.start);
        format!("line {line}, column {column}")
    }

    fn report(&mut self, table: &Table, key: &str, span: Range<usize>, message: String) {
        self.diagnostics.push(Diagnostic::new(
            Some(span),
            Some(table.path(key)),
            format!("{} {message}", table.label()),
        ));
    }

    /// A problem with a table as a whole (something it lacks), pointed at `span`.
    fn report_table(&mut self, table: &Table, span: Range<usize>, message: String) {
        let path = table.path("");
        self.diagnostics.push(Diagnostic::new(
            Some(span),
            Some(path.trim_end_matches('.').to_string()),
            format!("{} {message}", table.label()),
        ));
    }

    /// What `key` of `table` holds, from the key table (a range's bound, `annual_churn.low`,
    /// holds what its key holds). A key the table lacks is reported, never taken as valid.
    fn expect(&mut self, table: &Table, key: &str, span: &Range<usize>) -> Option<Expect> {
        let name = key.split('.').next().unwrap_or(key);
        let found = super::ranges::key(&table.name(), name).map(|k| k.expect);
        if found.is_none() {
            self.report(
                table,
                key,
                span.clone(),
                format!("{key} is not in csplan's table of keys"),
            );
        }
        found
    }

    /// A number in the key's range, or `None` (reported) when absent or out of range.
    fn number(&mut self, table: &Table, key: &str, value: &Option<Spanned<f64>>) -> Option<f64> {
        let value = value.as_ref()?;
        let Some(Expect::Number(allowed)) = self.expect(table, key, &value.span()) else {
            return None;
        };
        let v = *value.get_ref();
        if allowed.contains(v) {
            return Some(v);
        }
        // `annual_churn.low` has the hint of `annual_churn`.
        let hint = hint_for(key.split('.').next().unwrap_or(key));
        // As TOML writes them: `nan`, `inf`, `-inf`.
        let v = if v.is_nan() {
            "nan".to_string()
        } else {
            crate::format::short_number(v)
        };
        let message = if value.get_ref().is_finite() {
            format!(
                "{key} = {v} is out of range: allowed {}{hint}",
                allowed.describe()
            )
        } else {
            format!(
                "{key} = {v} is not a finite number: allowed {}{hint}",
                allowed.describe()
            )
        };
        self.report(table, key, value.span(), message);
        None
    }

    /// A whole number in the key's range, or `None` (reported) when absent or out of range.
    fn integer(&mut self, table: &Table, key: &str, value: &Option<Spanned<i64>>) -> Option<u32> {
        let value = value.as_ref()?;
        let Some(Expect::Whole(allowed)) = self.expect(table, key, &value.span()) else {
            return None;
        };
        let v = *value.get_ref();
        if allowed.contains(v) {
            return u32::try_from(v).ok();
        }
        let hint = hint_for(key);
        self.report(
            table,
            key,
            value.span(),
            format!(
                "{key} = {v} is out of range: allowed {}{hint}",
                allowed.describe()
            ),
        );
        None
    }

    fn headcount(&mut self, key: &str, value: &Option<Spanned<i64>>) -> u32 {
        self.integer(&Table::Team, key, value).unwrap_or(0)
    }

    fn text(
        &mut self,
        table: &Table,
        key: &str,
        value: &Spanned<String>,
        max_len: usize,
    ) -> String {
        let text = value.get_ref().trim();
        if text.is_empty() {
            self.report(
                table,
                key,
                value.span(),
                format!(
                    "{key} = \"{}\" is empty: write 1 to {max_len} characters",
                    value.get_ref()
                ),
            );
        } else if let Some(why) = crate::text::refusal(text) {
            let shown = crate::text::escaped(&short(text));
            self.report(
                table,
                key,
                value.span(),
                format!("{key} = \"{shown}\" {why}"),
            );
        } else if text.chars().count() > max_len {
            let shown: String = text.chars().take(40).collect();
            self.report(
                table,
                key,
                value.span(),
                format!("{key} = \"{shown}…\" is too long: at most {max_len} characters"),
            );
        }
        text.to_string()
    }

    /// A required text key: reported at the table's `span` when missing.
    fn required_text(
        &mut self,
        table: &Table,
        key: &str,
        value: &Option<Spanned<String>>,
        span: Range<usize>,
        max_len: usize,
        missing: &str,
    ) -> String {
        match value {
            Some(value) => self.text(table, key, value, max_len),
            None => {
                self.report(table, key, span, format!("lacks {key}: {missing}"));
                String::new()
            }
        }
    }

    /// `[budget]`: each key a fiscal year the plan reaches, written as the plan prints it
    /// (`FY2028`), each figure in its range (rule `budget-fit`).
    fn budget(&mut self, raw: &RawBase, company: &Company) -> BTreeMap<String, f64> {
        let mut out = BTreeMap::new();
        if raw.budget.0.is_empty() {
            return out;
        }
        let calendar = crate::month::Calendar::new(company.start)
            .with_fiscal_year_start(company.fiscal_year_start);
        let mut covered: Vec<String> = Vec::new();
        for t in 1..=company.horizon_months {
            let (_, label) = calendar.year_of(t);
            if covered.last() != Some(&label) {
                covered.push(label);
            }
        }
        let years = match covered.as_slice() {
            [only] => only.clone(),
            [first, .., last] => format!("{first} to {last}"),
            [] => String::new(),
        };
        let Some(allowed) =
            super::ranges::key("budget", super::ranges::BUDGET_KEY).and_then(|k| match k.expect {
                Expect::Number(a) => Some(a),
                _ => None,
            })
        else {
            return out;
        };
        let hint = hint_for(super::ranges::BUDGET_KEY);
        for (key, value) in &raw.budget.0 {
            let name = key.get_ref().as_str();
            let v = *value.get_ref();
            let shown = if v.is_nan() {
                "nan".to_string()
            } else {
                crate::format::short_number(v)
            };
            let shown_name = crate::text::escaped(&short(name));
            if super::ranges::budget_year(name).is_none() {
                let written = match name.to_ascii_uppercase() {
                    upper if super::ranges::budget_year(&upper).is_some() => {
                        format!(" (write {upper})")
                    }
                    _ => String::new(),
                };
                self.report(
                    &Table::Budget,
                    name,
                    key.span(),
                    format!(
                        "key {shown_name} = {shown} is not a fiscal year{written}: allowed FYyyyy, \
                         the fiscal-year label as the plan prints it ({})",
                        covered_words(company.start.is_some(), &covered)
                    ),
                );
                continue;
            }
            if company.start.is_none() {
                self.report(
                    &Table::Budget,
                    name,
                    key.span(),
                    format!(
                        "{name} = {shown} names a fiscal year, but without [company] start the plan's \
                         years are {years}: set start = \"YYYY-MM\" to name them"
                    ),
                );
                continue;
            }
            if !covered.iter().any(|c| c == name) {
                self.report(
                    &Table::Budget,
                    name,
                    key.span(),
                    format!(
                        "{name} = {shown} is a fiscal year the plan never reaches: allowed {years} \
                         (horizon_months = {} from {}, fiscal years starting in month {})",
                        company.horizon_months,
                        company.start.map_or_else(String::new, |s| s.to_string()),
                        company.fiscal_year_start
                    ),
                );
                continue;
            }
            if !allowed.contains(v) {
                let why = if v.is_finite() {
                    "is out of range"
                } else {
                    "is not a finite number"
                };
                self.report(
                    &Table::Budget,
                    name,
                    value.span(),
                    format!(
                        "{name} = {shown} {why}: allowed {}{hint}",
                        allowed.describe()
                    ),
                );
                continue;
            }
            out.insert(name.to_string(), v);
        }
        out
    }

    fn company(&mut self, raw: &RawBase) -> Company {
        let empty = RawCompany::default();
        let (c, span) = match &raw.company {
            Some(company) => (company.get_ref(), company.span()),
            None => {
                self.diagnostics.push(Diagnostic::new(
                    None,
                    Some("company".into()),
                    "the base has no [company] table: add one with at least `name = \"…\"`",
                ));
                (&empty, 0..0)
            }
        };
        let t = &Table::Company;
        let name = if raw.company.is_some() {
            self.required_text(
                t,
                "name",
                &c.name,
                span,
                200,
                "add name = \"Your company\" (shown in every output)",
            )
        } else {
            String::new()
        };
        let start = c
            .start
            .as_ref()
            .and_then(|s| match s.get_ref().trim().parse::<YearMonth>() {
                Ok(month) => Some(month),
                Err(e) => {
                    self.report(
                        t,
                        "start",
                        s.span(),
                        format!("start = \"{}\" is not a month: {e}", short(s.get_ref())),
                    );
                    None
                }
            });
        let region = c.region.as_ref().map_or(Region::Us, |r| *r.get_ref());
        let currency = match &c.currency {
            Some(cur) => {
                let text = self.text(t, "currency", cur, 12);
                if text.chars().any(char::is_whitespace) {
                    self.report(
                        t,
                        "currency",
                        cur.span(),
                        format!(
                            "currency = \"{}\" must be one word, e.g. \"USD\"",
                            short(&text)
                        ),
                    );
                }
                text
            }
            None => rules::regional_salary::default_currency(region).to_string(),
        };
        let usd_rate = self.number(t, "usd_rate", &c.usd_rate);
        if let (Some(rate), Some(given)) = (usd_rate, &c.usd_rate)
            && currency == "USD"
            && rate != 1.0
        {
            self.report(
                t,
                "usd_rate",
                given.span(),
                format!(
                    "usd_rate = {} with currency \"USD\": one USD is worth 1 USD, and every \
                     threshold of the rules would be scaled by it: drop usd_rate, or set the \
                     plan's currency (e.g. currency = \"EUR\")",
                    crate::format::short_number(rate)
                ),
            );
        }
        Company {
            name,
            start,
            horizon_months: self
                .integer(t, "horizon_months", &c.horizon_months)
                .unwrap_or(24),
            fiscal_year_start: self
                .integer(t, "fiscal_year_start", &c.fiscal_year_start)
                .map_or(1, |m| m as u8),
            region,
            usd_rate_given: usd_rate.is_some() || currency == "USD",
            usd_rate: usd_rate.unwrap_or(1.0),
            currency,
            stance: c.stance.as_ref().map_or(Stance::Balanced, |s| *s.get_ref()),
            hire_lead_months: self
                .integer(t, "hire_lead_months", &c.hire_lead_months)
                .unwrap_or(rules::hire_ahead::DEFAULT_HIRE_LEAD_MONTHS),
            csm_spend_cap: self
                .number(t, "csm_spend_cap", &c.csm_spend_cap)
                .unwrap_or(rules::spend_cap::DEFAULT_CAP),
            cs_churn_reduction: self
                .number(t, "cs_churn_reduction", &c.cs_churn_reduction)
                .unwrap_or(0.0),
            cs_expansion_share: self
                .number(t, "cs_expansion_share", &c.cs_expansion_share)
                .unwrap_or(0.0),
            max_load: self
                .number(t, "max_load", &c.max_load)
                .unwrap_or(rules::max_load::DEFAULT_MAX_LOAD),
            hosting_cost_ratio: self.number(t, "hosting_cost_ratio", &c.hosting_cost_ratio),
            cs_budget_per_year: self.number(t, "cs_budget_per_year", &c.cs_budget_per_year),
        }
    }

    fn salaries(&mut self, raw: &RawBase, region: Region) -> Salaries {
        let s = &raw.salaries;
        let t = &Table::Salaries;
        let csm = self
            .number(t, "csm", &s.csm)
            .unwrap_or_else(|| rules::regional_salary::default_csm(region));
        // The other roles default to multiples of this base's CSM salary (rule regional-salary).
        let defaults = rules::regional_salary::defaults_from_csm(region, csm);
        Salaries {
            csm,
            support: self
                .number(t, "support", &s.support)
                .unwrap_or(defaults.support),
            onboarding: self
                .number(t, "onboarding", &s.onboarding)
                .unwrap_or(defaults.onboarding),
            lead: self.number(t, "lead", &s.lead).unwrap_or(defaults.lead),
            manager: self
                .number(t, "manager", &s.manager)
                .unwrap_or(defaults.manager),
            load_factor: self
                .number(t, "load_factor", &s.load_factor)
                .unwrap_or(defaults.load_factor),
        }
    }

    fn segments(&mut self, raw: &RawBase) -> Vec<Segment> {
        if raw.segment.is_empty() {
            self.diagnostics.push(Diagnostic::new(
                None,
                Some("segment".into()),
                "the base has no [[segment]]: add at least one, with name, customers, arpa and annual_churn",
            ));
            return Vec::new();
        }
        if raw.segment.len() > MAX_SEGMENTS {
            self.diagnostics.push(Diagnostic::new(
                Some(raw.segment[MAX_SEGMENTS].span()),
                Some("segment".into()),
                format!(
                    "the base has {} segments: at most {MAX_SEGMENTS} are allowed",
                    raw.segment.len()
                ),
            ));
            return Vec::new();
        }
        // Names compared as a reader sees them: case, normalisation and invisible characters
        // aside. Each with its segment number and where it is written.
        let mut seen: HashMap<String, (usize, Range<usize>)> = HashMap::new();
        let mut segments = Vec::with_capacity(raw.segment.len());
        for (i, s) in raw.segment.iter().enumerate() {
            let index = i + 1;
            let span = s.span();
            let s: &RawSegment = s.get_ref();
            let given = s.name.as_ref().map_or("", |n| n.get_ref().trim());
            let table = Table::Segment(index, given);
            let name = self.required_text(
                &table,
                "name",
                &s.name,
                span.clone(),
                100,
                "every segment needs a name of its own, e.g. name = \"Mid-market\"",
            );
            if let Some(written) = &s.name
                && !name.is_empty()
            {
                let key = crate::text::name_key(&name);
                match seen.get(&key) {
                    Some((first, at)) => {
                        let message = format!(
                            "name = \"{}\" is used twice (also segment #{first}, {}): segment \
                             names must be unique, whatever their case, accents or invisible \
                             characters",
                            crate::text::escaped(&short(&name)),
                            self.place(at)
                        );
                        self.report(&table, "name", written.span(), message);
                    }
                    None => {
                        seen.insert(key, (index, written.span()));
                    }
                }
            }
            segments.push(self.segment(&table, span, name, s));
        }
        segments
    }

    fn segment(&mut self, t: &Table, span: Range<usize>, name: String, s: &RawSegment) -> Segment {
        let mut ranges = Ranges::default();
        let monthly_churn = match (&s.annual_churn, &s.monthly_churn) {
            (Some(_), Some(monthly)) => {
                self.report(
                    t,
                    "monthly_churn",
                    monthly.span(),
                    "gives both annual_churn and monthly_churn: keep one".into(),
                );
                0.0
            }
            (Some(_), None) => {
                let (annual, range) = self.quantity(t, "annual_churn", &s.annual_churn);
                ranges.annual_churn = range;
                annual.map_or(0.0, crate::projection::monthly_from_annual)
            }
            (None, Some(_)) => self
                .number(t, "monthly_churn", &s.monthly_churn)
                .unwrap_or(0.0),
            (None, None) => {
                self.report_table(
                    t,
                    span.clone(),
                    "gives no churn: add annual_churn (e.g. 0.12 for 12% of logos a year) or monthly_churn".into(),
                );
                0.0
            }
        };
        let (annual_expansion, range) = self.quantity(t, "annual_expansion", &s.annual_expansion);
        ranges.annual_expansion = range;
        let (new_per_month, range) = self.quantity(t, "new_per_month", &s.new_per_month);
        ranges.new_per_month = range;
        let (churn_trend, range) = self.quantity(t, "churn_trend", &s.churn_trend);
        ranges.churn_trend = range;
        let (arpa_growth, range) = self.quantity(t, "arpa_growth", &s.arpa_growth);
        ranges.arpa_growth = range;
        Segment {
            name,
            customers: self.number(t, "customers", &s.customers).unwrap_or(0.0),
            arpa: match &s.arpa {
                Some(_) => self.number(t, "arpa", &s.arpa).unwrap_or(0.0),
                None => {
                    self.report(
                        t,
                        "arpa",
                        span,
                        "lacks arpa (annual revenue per account at the start, e.g. arpa = 24000)"
                            .into(),
                    );
                    0.0
                }
            },
            monthly_churn,
            annual_expansion: annual_expansion.unwrap_or(0.0),
            new_per_month: new_per_month.unwrap_or(0.0),
            new_growth: self.number(t, "new_growth", &s.new_growth).unwrap_or(0.0),
            churn_trend: churn_trend.unwrap_or(0.0),
            arpa_growth: arpa_growth.unwrap_or(0.0),
            complexity: s
                .complexity
                .as_ref()
                .map_or(Complexity::Moderate, |c| *c.get_ref()),
            term_months: self
                .integer(t, "term_months", &s.term_months)
                .unwrap_or(rules::contract_term::DEFAULT_TERM_MONTHS),
            tier: s.tier.as_ref().map(|t| *t.get_ref()),
            accounts_per_csm: self.number(t, "accounts_per_csm", &s.accounts_per_csm),
            tickets_per_account_month: self.number(
                t,
                "tickets_per_account_month",
                &s.tickets_per_account_month,
            ),
            onboarding_hours: self.number(t, "onboarding_hours", &s.onboarding_hours),
            onboarding_fee: self
                .number(t, "onboarding_fee", &s.onboarding_fee)
                .unwrap_or(0.0),
            ranges,
        }
    }
}
