//! Rule `health-playbook`: which of first-cs-org step 7's three playbooks an account calls for,
//! and where it stands in cs-playbook's lifecycle, where the data shows it.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::config::{Colour, HealthConfig};

/// first-cs-org step 7's three basic playbooks.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "kebab-case")]
pub enum Playbook {
    /// Handling escalations when things go awry: every red account.
    Escalation,
    /// Proactively driving activation and usage: accounts with low adoption.
    ActivationAndUsage,
    /// Identifying and driving expansion: green accounts with room to grow.
    Expansion,
}

impl Playbook {
    /// Every playbook, most urgent first.
    pub const ALL: [Playbook; 3] = [
        Playbook::Escalation,
        Playbook::ActivationAndUsage,
        Playbook::Expansion,
    ];

    /// The name used in every output.
    pub fn as_str(self) -> &'static str {
        match self {
            Playbook::Escalation => "escalation",
            Playbook::ActivationAndUsage => "activation-and-usage",
            Playbook::Expansion => "expansion",
        }
    }
}

/// cs-playbook's customer lifecycle.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "kebab-case")]
pub enum Phase {
    /// Started less than `onboarding_days` ago.
    Onboarding,
    /// Usage still below `low_usage`.
    Adoption,
    /// Adopted, but the desired outcome is not (known to be) achieved.
    ValueRealisation,
    /// Renewal due within `renewal_window_days`, or overdue.
    Renewal,
    /// Outcome achieved: the next conversation is growth.
    Expansion,
}

impl Phase {
    /// Every phase, in lifecycle order.
    pub const ALL: [Phase; 5] = [
        Phase::Onboarding,
        Phase::Adoption,
        Phase::ValueRealisation,
        Phase::Renewal,
        Phase::Expansion,
    ];

    /// The name used in every output.
    pub fn as_str(self) -> &'static str {
        match self {
            Phase::Onboarding => "onboarding",
            Phase::Adoption => "adoption",
            Phase::ValueRealisation => "value-realisation",
            Phase::Renewal => "renewal",
            Phase::Expansion => "expansion",
        }
    }
}

/// What the playbook and phase rules read about one account.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Facts {
    /// Its colour.
    pub colour: Colour,
    /// Usage scaled to 0..=1, when known.
    pub usage: Option<f64>,
    /// Desired outcome achieved, when known.
    pub outcome: Option<bool>,
    /// Its ARR.
    pub arr: f64,
    /// ARR it could reach, when known.
    pub potential_arr: Option<f64>,
    /// Days from as-of to the next renewal (negative: overdue), when known.
    pub days_to_renewal: Option<i64>,
    /// Days from the start date to as-of (negative: not started yet), when known.
    pub days_as_customer: Option<i64>,
}

pub use crate::rules::health::ESCALATION_LOAD;

/// The playbook to run: escalation for every red account; activation and usage when usage
/// scores below `low_usage`; expansion for a green account with room to grow (`potential_arr`
/// above its ARR or, without it, usage at or above `expansion_usage`); otherwise none.
pub fn playbook(f: &Facts, config: &HealthConfig) -> Option<Playbook> {
    let low_usage = f.usage.is_some_and(|u| u < config.settings.low_usage);
    let room_to_grow = match f.potential_arr {
        Some(potential) => potential > f.arr,
        None => f
            .usage
            .is_some_and(|u| u >= config.settings.expansion_usage),
    };
    if f.colour == Colour::Red {
        Some(Playbook::Escalation)
    } else if low_usage {
        Some(Playbook::ActivationAndUsage)
    } else if f.colour == Colour::Green && room_to_grow {
        Some(Playbook::Expansion)
    } else {
        None
    }
}

/// The lifecycle phase, checked in this order: renewal (due within the window, or overdue),
/// onboarding (younger than `onboarding_days`), adoption (usage below `low_usage`), value
/// realisation (outcome not achieved, or adopted with the outcome unknown), expansion (outcome
/// achieved). `None` when the data shows none of these.
pub fn phase(f: &Facts, config: &HealthConfig) -> Option<Phase> {
    if f.days_to_renewal
        .is_some_and(|d| d <= i64::from(config.settings.renewal_window_days))
    {
        return Some(Phase::Renewal);
    }
    if f.days_as_customer
        .is_some_and(|d| d < i64::from(config.settings.onboarding_days))
    {
        return Some(Phase::Onboarding);
    }
    match (f.usage, f.outcome) {
        (Some(u), _) if u < config.settings.low_usage => Some(Phase::Adoption),
        (_, Some(false)) | (Some(_), None) => Some(Phase::ValueRealisation),
        (_, Some(true)) => Some(Phase::Expansion),
        (None, None) => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn facts(colour: Colour) -> Facts {
        Facts {
            colour,
            usage: None,
            outcome: None,
            arr: 10_000.0,
            potential_arr: None,
            days_to_renewal: None,
            days_as_customer: None,
        }
    }

    #[test]
    fn playbooks_follow_colour_then_adoption_then_room_to_grow() {
        let config = HealthConfig::default();
        let red = Facts {
            usage: Some(0.9),
            ..facts(Colour::Red)
        };
        assert_eq!(playbook(&red, &config), Some(Playbook::Escalation));
        let low = Facts {
            usage: Some(0.45),
            ..facts(Colour::Yellow)
        };
        assert_eq!(playbook(&low, &config), Some(Playbook::ActivationAndUsage));
        let heavy_green = Facts {
            usage: Some(0.85),
            ..facts(Colour::Green)
        };
        assert_eq!(playbook(&heavy_green, &config), Some(Playbook::Expansion));
        // Given whitespace decides room to grow, whatever the usage.
        let full = Facts {
            potential_arr: Some(10_000.0),
            ..heavy_green
        };
        assert_eq!(playbook(&full, &config), None);
        let whitespace = Facts {
            usage: Some(0.6),
            potential_arr: Some(25_000.0),
            ..facts(Colour::Green)
        };
        assert_eq!(playbook(&whitespace, &config), Some(Playbook::Expansion));
        // A yellow account with fair usage runs no special playbook.
        let yellow = Facts {
            usage: Some(0.7),
            ..facts(Colour::Yellow)
        };
        assert_eq!(playbook(&yellow, &config), None);
    }

    #[test]
    fn phases_only_where_the_data_shows_them() {
        let config = HealthConfig::default();
        let base = facts(Colour::Green);
        assert_eq!(phase(&base, &config), None);
        let renewing = Facts {
            days_to_renewal: Some(90),
            days_as_customer: Some(10),
            ..base
        };
        assert_eq!(phase(&renewing, &config), Some(Phase::Renewal));
        let overdue = Facts {
            days_to_renewal: Some(-3),
            ..base
        };
        assert_eq!(phase(&overdue, &config), Some(Phase::Renewal));
        let new = Facts {
            days_to_renewal: Some(91),
            days_as_customer: Some(89),
            ..base
        };
        assert_eq!(phase(&new, &config), Some(Phase::Onboarding));
        let adopting = Facts {
            usage: Some(0.3),
            outcome: Some(true),
            days_as_customer: Some(90),
            ..base
        };
        assert_eq!(phase(&adopting, &config), Some(Phase::Adoption));
        let no_outcome = Facts {
            usage: Some(0.9),
            outcome: Some(false),
            ..base
        };
        assert_eq!(phase(&no_outcome, &config), Some(Phase::ValueRealisation));
        let unknown_outcome = Facts {
            usage: Some(0.9),
            ..base
        };
        assert_eq!(
            phase(&unknown_outcome, &config),
            Some(Phase::ValueRealisation)
        );
        let achieved = Facts {
            outcome: Some(true),
            ..base
        };
        assert_eq!(phase(&achieved, &config), Some(Phase::Expansion));
    }
}
