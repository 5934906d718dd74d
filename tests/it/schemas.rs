//! `csplan schema health` and `csplan schema simulate`: real outputs validate against them,
//! and the schemas are strict enough to catch a broken one.

use crate::common;

use common::stdout_of;
use serde_json::Value;

fn validator(document: &str) -> (boon::Schemas, boon::SchemaIndex) {
    let schema: Value = serde_json::from_str(&stdout_of(&["schema", document])).unwrap();
    let url = format!("csplan://{document}.schema.json");
    let mut compiler = boon::Compiler::new();
    compiler.add_resource(&url, schema).unwrap();
    let mut schemas = boon::Schemas::new();
    let index = compiler.compile(&url, &mut schemas).unwrap();
    (schemas, index)
}

fn valid(schemas: &boon::Schemas, index: boon::SchemaIndex, value: &Value) -> bool {
    schemas.validate(value, index).is_ok()
}

#[test]
fn the_health_report_validates_against_its_schema() {
    let (schemas, index) = validator("health");
    for args in [
        &[
            "health",
            "examples/growth-accounts.csv",
            "--as-of",
            "2027-01-01",
            "--format",
            "json",
        ][..],
        &[
            "health",
            "examples/growth-accounts.csv",
            "--base",
            "examples/growth.toml",
            "--format",
            "json",
        ],
    ] {
        let json: Value = serde_json::from_str(&stdout_of(args)).unwrap();
        if let Err(e) = schemas.validate(&json, index) {
            panic!("{args:?} does not match its schema: {e:#}");
        }
        let mut broken = json.clone();
        let key = broken.as_object().unwrap().keys().next().unwrap().clone();
        broken.as_object_mut().unwrap().remove(&key);
        assert!(!valid(&schemas, index, &broken), "without {key}");
        broken = json.clone();
        broken[&key] = Value::from("not what the report holds");
        assert!(!valid(&schemas, index, &broken), "{key} as text");
    }
}

#[test]
fn the_simulation_validates_against_its_schema() {
    let (schemas, index) = validator("simulate");
    for period in ["month", "quarter"] {
        let json: Value = serde_json::from_str(&stdout_of(&[
            "plan",
            "examples/growth-ranges.toml",
            "--simulate",
            "50",
            "--format",
            "json",
            "--period",
            period,
        ]))
        .unwrap();
        if let Err(e) = schemas.validate(&json, index) {
            panic!("the simulation ({period}) does not match its schema: {e:#}");
        }
        let key = json.as_object().unwrap().keys().next().unwrap().clone();
        let mut broken = json.clone();
        broken.as_object_mut().unwrap().remove(&key);
        assert!(!valid(&schemas, index, &broken), "without {key}");
    }
}
