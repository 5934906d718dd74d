//! `--format json`: the plan as one pretty-printed JSON object, newline-terminated.

use crate::plan::Plan;

/// The plan as JSON (SPEC §5). Every number is finite by construction.
pub fn render_json(plan: &Plan) -> String {
    // serde_json fails only on a map with non-string keys or a failing custom serializer; a
    // plan has neither (and a NaN would become `null`, which the property tests rule out).
    let mut out = serde_json::to_string_pretty(plan).expect("a plan always serializes");
    out.push('\n');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_round_trips() {
        let base = crate::input::parse(
            "[company]\nname = \"A\"\n[[segment]]\nname = \"S\"\ncustomers = 120\narpa = 9000\nannual_churn = 0.1\n",
        )
        .unwrap();
        let plan = crate::plan(&base, &Default::default()).unwrap();
        let json = render_json(&plan);
        let back: Plan = serde_json::from_str(&json).unwrap();
        assert_eq!(back, plan);
        assert!(json.contains("\"schema_version\": 1"));
    }
}
