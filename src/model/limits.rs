//! What a base's values may be, and the largest figures csplan plans: the validation of a file
//! ([`crate::input`]) and the planner's guard against a [`super::Base`] built in code both read
//! them from here.

/// Largest ARR csplan projects, in plan currency units (10^15); past it whole-unit money loses
/// precision.
pub const MAX_ARR: f64 = 1e15;

/// Most segments one base may hold: enough for a large company planned per product line ×
/// region × tier. The JSON plan carries a row per segment and month, so 10,000 segments over
/// 120 months write 1.2 million segment rows (some 300 MB); the table stays one row a month.
pub const MAX_SEGMENTS: usize = 10_000;

/// An allowed range for a number, as the error message states it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Allowed {
    /// Lowest value (allowed unless `min_open`).
    pub min: f64,
    /// When true, `min` itself is not allowed.
    pub min_open: bool,
    /// Highest value allowed.
    pub max: f64,
}

impl Allowed {
    /// `min..=max`.
    pub const fn closed(min: f64, max: f64) -> Self {
        Self {
            min,
            min_open: false,
            max,
        }
    }

    /// More than `min`, at most `max`.
    pub const fn above(min: f64, max: f64) -> Self {
        Self {
            min,
            min_open: true,
            max,
        }
    }

    /// True when `v` is finite and in range.
    pub fn contains(self, v: f64) -> bool {
        v.is_finite()
            && v <= self.max
            && if self.min_open {
                v > self.min
            } else {
                v >= self.min
            }
    }

    /// `0..=1`, or `more than 0 and at most 1`.
    pub fn describe(self) -> String {
        if self.min_open {
            format!("more than {} and at most {}", self.min, self.max)
        } else {
            format!("{}..={}", self.min, self.max)
        }
    }
}

/// An allowed range for a whole number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Whole {
    /// Lowest value allowed.
    pub min: i64,
    /// Highest value allowed.
    pub max: i64,
}

impl Whole {
    /// `min..=max`.
    pub const fn new(min: i64, max: i64) -> Self {
        Self { min, max }
    }

    /// True when `v` is in range.
    pub fn contains(self, v: i64) -> bool {
        (self.min..=self.max).contains(&v)
    }

    /// `1..=120`.
    pub fn describe(self) -> String {
        format!("{}..={}", self.min, self.max)
    }
}

/// A fraction: churn, expansion, ratios.
pub const RATE: Allowed = Allowed::closed(0.0, 1.0);
/// `[company] max_load` (rule max-load).
pub const MAX_LOAD: Allowed = Allowed::closed(1.0, 2.0);
/// `[salaries] load_factor` (rule regional-salary).
pub const LOAD_FACTOR: Allowed = Allowed::closed(1.0, 3.0);
/// `[workforce] span_of_control` (rule team-manager).
pub const SPAN_OF_CONTROL: Whole = Whole::new(3, 20);
/// `[workforce] max_starts_per_month` (rule recruiting-capacity): 0 is no limit; a thousand
/// starts a month is more than any CS organisation onboards.
pub const MAX_STARTS: Whole = Whole::new(0, 1000);
/// `[workforce] ramp_months` (rule ramp): a year is the longest ramp a CS plan would assume.
pub const RAMP_MONTHS: Whole = Whole::new(0, 12);
/// `csm_spend_cap`: a cap of 0 would flag every month with a CSM.
pub const SPEND_CAP: Allowed = Allowed::above(0.0, 1.0);
/// `cs_budget_per_year` (rule budget-fit): the all-CS budget of one fiscal year; 10^12 is more
/// than any company spends on customer success, and keeps every sum within 10^15.
pub const CS_BUDGET: Allowed = Allowed::closed(1.0, 1_000_000_000_000.0);
/// A `[budget]` figure for one named fiscal year (rule budget-fit): as `cs_budget_per_year`,
/// and 0 allowed (a year with no CS budget).
pub const YEAR_BUDGET: Allowed = Allowed::closed(0.0, 1_000_000_000_000.0);
/// Annual salary of one person: a salary of 0 would make CS free, and one below a whole unit
/// of currency a year is no salary (it made every cost ratio of a plan overflow).
pub const SALARY: Allowed = Allowed::closed(1.0, 100_000_000.0);
/// `usd_rate`. The seeds' largest USD threshold, $5M of ARR for a head of CS, stays within
/// 10^15 of the plan currency down to 5 × 10^-9; no currency is worth less than 10^-8 USD.
pub const USD_RATE: Allowed = Allowed::closed(0.000_000_01, 1_000_000.0);
/// Logos of one segment at the start.
pub const CUSTOMERS: Allowed = Allowed::closed(0.0, 10_000_000.0);
/// Annual revenue per account. With [`CUSTOMERS`] it bounds a segment's starting ARR to
/// 10^15, the largest ARR the planner keeps to the unit.
pub const ARPA: Allowed = Allowed::closed(0.0, 100_000_000.0);
/// New logos a month.
pub const NEW_PER_MONTH: Allowed = Allowed::closed(0.0, 1_000_000.0);
/// Yearly growth of `new_per_month` (3: the intake quadruples each year).
pub const NEW_GROWTH: Allowed = Allowed::closed(0.0, 3.0);
/// `churn_trend` (SPEC §3 trends): yearly relative change of a segment's churn; -0.9 leaves a
/// tenth of the churn after a year, 1.0 doubles it each year.
pub const CHURN_TREND: Allowed = Allowed::closed(-0.9, 1.0);
/// `arpa_growth` (SPEC §3 trends): yearly change of the ARPA new logos bring.
pub const ARPA_GROWTH: Allowed = Allowed::closed(-0.5, 1.0);
/// `accounts_per_csm`.
pub const ACCOUNTS_PER_CSM: Allowed = Allowed::closed(1.0, 100_000.0);
/// `tickets_per_account_month`.
pub const TICKETS_PER_ACCOUNT: Allowed = Allowed::closed(0.0, 10_000.0);
/// `tickets_per_agent_month`.
pub const TICKETS_PER_AGENT: Allowed = Allowed::above(0.0, 1_000_000.0);
/// `onboarding_hours` per new logo.
pub const ONBOARDING_HOURS: Allowed = Allowed::closed(0.0, 100_000.0);
/// Billable hours of one FTE in a month (744 = every hour of a 31-day month).
pub const BILLABLE_HOURS: Allowed = Allowed::above(0.0, 744.0);

/// `horizon_months` (SPEC §2: outside it is an error, not a clamp).
pub const HORIZON: Whole = Whole::new(1, 120);
/// `fiscal_year_start`: a month of the year.
pub const FISCAL_YEAR_START: Whole = Whole::new(1, 12);
/// `hire_lead_months`.
pub const HIRE_LEAD: Whole = Whole::new(0, 24);
/// `term_months`.
pub const TERM: Whole = Whole::new(1, 60);
/// People of one role on staff at the start.
pub const HEADCOUNT: Whole = Whole::new(0, 10_000);
