//! `--format json`: the plan as one pretty-printed JSON object, newline-terminated.

use std::io::{self, Write};

use crate::plan::Plan;

/// The plan as JSON (SPEC §5). Every number is finite by construction.
pub fn render_json(plan: &Plan) -> String {
    let mut out = Vec::new();
    write_json(plan, &mut out).expect("writing to memory cannot fail");
    String::from_utf8(out).expect("JSON is UTF-8")
}

/// Writes the plan as [`render_json`] renders it, as it is serialised: a plan of thousands of
/// segments is never held as one string. Give it a buffered writer.
pub fn write_json(plan: &Plan, out: &mut dyn Write) -> io::Result<()> {
    // serde_json fails only on a map with non-string keys, a failing custom serializer or a
    // failing writer; a plan has neither of the first two (and a NaN would become `null`,
    // which the property tests rule out).
    serde_json::to_writer_pretty(&mut *out, plan)?;
    out.write_all(b"\n")
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
