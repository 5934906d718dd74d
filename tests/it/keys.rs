//! The README's input reference documents every key of the key table (`input::ranges::KEYS`,
//! the table validation and `csplan schema input` read), under its table's heading, and where
//! it gives a key a row of its own, with the table's default.

use csplan::input::ranges::{KEYS, Key, KeyDefault, table_header};

/// The README's section under the `###` heading that names `header` (`[company]`).
fn section<'a>(readme: &'a str, header: &str) -> &'a str {
    let named = format!("`{header}`");
    let start = readme
        .match_indices("\n### ")
        .map(|(at, _)| at + 1)
        .find(|&at| readme[at..].lines().next().unwrap().contains(&named))
        .unwrap_or_else(|| panic!("README has no ### heading naming {named}"));
    let body = &readme[start..];
    let end = body[4..]
        .find("\n## ")
        .into_iter()
        .chain(body[4..].find("\n### "))
        .min()
        .map_or(body.len(), |e| e + 4);
    &body[..end]
}

/// The default cell of the row that documents `key` in `section`, when a row names it:
/// `| `name` | 24 |`, `| `support.name` | … |`, or one of `| `a`, `b` | 2, 10 |`.
fn default_cell(section: &str, key: &Key) -> Option<String> {
    let qualified = format!("{}.{}", key.table, key.name);
    section.lines().find_map(|line| {
        let cells: Vec<&str> = line.split('|').map(str::trim).collect();
        let [_, names, default, ..] = cells.as_slice() else {
            return None;
        };
        let names: Vec<&str> = names.split(", ").map(|n| n.trim_matches('`')).collect();
        let at = names
            .iter()
            .position(|n| *n == key.name || *n == qualified)?;
        let defaults: Vec<&str> = default.split(", ").collect();
        let cell = if names.len() == 1 {
            default.to_string()
        } else {
            defaults.get(at)?.to_string()
        };
        Some(cell.replace('`', ""))
    })
}

#[test]
fn the_readme_documents_every_key_with_its_default() {
    let readme = std::fs::read_to_string("README.md").unwrap();
    let mut wrong = Vec::new();
    for key in KEYS {
        let root = key.table.split('.').next().unwrap();
        let text = section(&readme, &table_header(root));
        let named = [
            format!("`{}`", key.name),
            format!("`{}.{}`", key.table, key.name),
            format!("`[{}.{}]`", key.table, key.name),
        ];
        if !named.iter().any(|n| text.contains(n.as_str())) {
            wrong.push(format!(
                "{}.{}: not named under the README's {} heading",
                key.table,
                key.name,
                table_header(root)
            ));
            continue;
        }
        let Some(cell) = default_cell(text, key) else {
            continue;
        };
        let first = cell.split([' ', ',']).next().unwrap_or("");
        let agrees = match key.default {
            KeyDefault::Required => cell == "required",
            KeyDefault::Optional => cell == "none" || cell == "—",
            KeyDefault::Value(value) => first == value.trim_matches('"'),
            KeyDefault::Derived(_) => true,
        };
        if !agrees {
            wrong.push(format!(
                "{}.{}: the README's default is `{cell}`, the key table's {:?}",
                key.table, key.name, key.default
            ));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}
