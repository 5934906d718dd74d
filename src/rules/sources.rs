//! The five source articles of SPEC §8, by the ids every output cites.

use serde::Serialize;

/// One source article.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Source {
    /// The id outputs cite (`2m-per-csm`).
    pub id: &'static str,
    /// The article's title.
    pub title: &'static str,
    /// Its text, under `seeds/` in the specification's folder.
    pub file: &'static str,
    /// What csplan takes from it.
    pub contributes: &'static str,
}

/// SPEC §8, in its order.
pub const SOURCES: &[Source] = &[
    Source {
        id: "when-to-start",
        title: "Knowing where you stand before getting started (a customer-intelligence platform's knowledge base)",
        file: "000-when-to-start-cs-team.txt",
        contributes: "break-even: a CSM pays for itself once churned ARR a year reaches one CSM's cost; the \
                      regional CSM salaries (us $90k, eu €45k, latam R$36k); annual contracts show churn a \
                      year late; the lean stance",
    },
    Source {
        id: "cs-playbook",
        title: "Customer Success Playbook: Build a World-Class Customer Success Team",
        file: "001-cs-playbook.txt",
        contributes: "the first CSM at about $1M ARR or 100 customers; accounts per CSM ranges by tier \
                      (10–20, 30–50, 100–200); the ROI of CS (saved churn plus generated expansion over \
                      cost, 6:1 in its example); lifecycle phases",
    },
    Source {
        id: "first-cs-org",
        title: "A Guide to Building your First Customer Success Organization (July 30, 2020, citing Insight Venture Partners)",
        file: "002-first-cs-organization.txt",
        contributes: "the order of the build-out (generalists, support, onboarding, a lead at about five \
                      people, a head of CS by $5M ARR); support and onboarding demand models; the 10% of ARR \
                      CSM spend cap; cost lines (COGS, sales & marketing); health colours and playbooks",
    },
    Source {
        id: "2m-per-csm",
        title: "Hire one Customer Success Manager for every $2m in ARR (citing KeyBanc's 2023 SaaS survey and Gainsight)",
        file: "003-one-csm-per-2m-arr.txt",
        contributes: "one CSM per $2M ARR, hired in advance ($1M when growing fast); KeyBanc 2023 accounts \
                      and ARR per CSM by tier; the touch model by ARPA; deal-size pooling; two big \
                      customers and self-funding segments; a CSM at about $100k all-in; the 2% monthly \
                      churn alarm",
    },
    Source {
        id: "grow-cs-team",
        title: "How do you grow a customer success team? (ClientSuccess)",
        file: "004-growing-a-cs-team.txt",
        contributes: "product complexity scales the book; not over 50 high-touch accounts (25–30 ideal); \
                      hire when a CSM trends toward 75 accounts by next quarter",
    },
];

/// The source with id `id`.
pub fn source(id: &str) -> Option<&'static Source> {
    SOURCES.iter().find(|s| s.id == id)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every rule's source line names only SPEC §8 ids (or csplan's own defaults).
    #[test]
    fn every_rule_cites_known_sources() {
        for info in super::super::RULE_BOOK {
            let mut cited = 0;
            for s in SOURCES {
                if info.source.contains(s.id) {
                    cited += 1;
                }
            }
            assert!(
                cited > 0 || info.source.contains("csplan default"),
                "{}: {}",
                info.id,
                info.source
            );
            assert!(!info.source.contains("seed"), "{}", info.id);
        }
        assert_eq!(
            source("2m-per-csm").unwrap().file,
            "003-one-csm-per-2m-arr.txt"
        );
    }
}
