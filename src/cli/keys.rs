//! `csplan explain --keys`: every key a base file may hold, with its default and allowed range,
//! read from the input's JSON Schema (itself generated from the types the input is read into),
//! so the list cannot drift from what `check` accepts.

use schemars::schema_for;
use serde_json::Value;

use csplan::input::raw::RawBase;

/// The keys, table by table, each folded to `width` under its key.
pub fn input_keys(width: usize) -> String {
    let schema = serde_json::to_value(schema_for!(RawBase)).expect("a schema always serializes");
    let mut out = String::from(
        "Every key of a base file, table by table, with its default and allowed range\n\
         (the same as JSON Schema: csplan schema input).\n",
    );
    table(&schema, &schema, "", &mut out, width);
    out
}

/// The definition a property points to (`$ref`, or the first `$ref` of an `anyOf` / array).
fn resolve<'a>(root: &'a Value, property: &'a Value) -> &'a Value {
    let reference = property["$ref"]
        .as_str()
        .or_else(|| property["items"]["$ref"].as_str())
        .or_else(|| {
            property["anyOf"]
                .as_array()?
                .iter()
                .find_map(|v| v["$ref"].as_str())
        });
    reference
        .and_then(|r| r.strip_prefix("#/$defs/"))
        .and_then(|name| root["$defs"].get(name))
        .unwrap_or(property)
}

/// Writes the keys of `object` under the heading `path`; a key that is itself a table (with
/// keys of its own) gets its own heading after them.
fn table(root: &Value, object: &Value, path: &str, out: &mut String, width: usize) {
    let mut keys = Vec::new();
    // A table whose keys are a pattern (`[budget]`'s fiscal years) names them by their title.
    if let Some(patterns) = object["patternProperties"].as_object() {
        for property in patterns.values() {
            let name = property["title"]
                .as_str()
                .unwrap_or("(any key)")
                .to_string();
            keys.push((name, description(property, property)));
        }
    }
    let empty = serde_json::Map::new();
    let properties = object["properties"].as_object().unwrap_or(&empty);
    let mut tables = Vec::new();
    for (name, property) in properties {
        let target = resolve(root, property);
        let is_table = (target["properties"].is_object()
            || target["patternProperties"].is_object())
            && target.get("anyOf").is_none();
        if is_table {
            tables.push((name, property, target));
        } else {
            keys.push((name.clone(), description(property, target)));
        }
    }
    if !path.is_empty() && !keys.is_empty() {
        let is_list = object_is_list(root, path);
        out.push('\n');
        out.push_str(&if is_list {
            format!("[[{path}]]\n")
        } else {
            format!("[{path}]\n")
        });
        let column = keys
            .iter()
            .map(|(k, _)| k.chars().count())
            .max()
            .unwrap_or(0);
        for (key, text) in keys {
            let label = format!("{key:<column$}  ");
            out.push_str(&csplan::render::fit::hang(&label, &text, width));
        }
    }
    for (name, property, target) in tables {
        let sub = if path.is_empty() {
            name.clone()
        } else {
            format!("{path}.{name}")
        };
        let _ = property;
        table(root, target, &sub, out, width);
    }
}

/// `[[segment]]` is an array of tables.
fn object_is_list(root: &Value, path: &str) -> bool {
    root["properties"][path]["type"] == "array"
        || root["properties"][path]["type"]
            .as_array()
            .is_some_and(|t| t.iter().any(|v| v == "array"))
}

fn description(property: &Value, target: &Value) -> String {
    property["description"]
        .as_str()
        .or_else(|| target["description"].as_str())
        .unwrap_or("(no description)")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}
