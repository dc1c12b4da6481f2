//! `tlgen::diff` on the real v65 -> v66 docs and schemas, checked against
//! expectations computed here, straight from the two `.tl` files, by the
//! tests' TL oracle (`tlgen_test_support::tl_oracle`), which shares no code
//! with tlgen.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::Value;
use tlgen::diff::{diff, DiffOptions};
use tlgen_test_support::{ir, shared, tl_oracle};

/// `(is_function, name)` -> (ID, params as written), from one schema file.
type Entries = BTreeMap<(bool, String), (Option<u32>, Vec<String>)>;

fn read_tl(path: &std::path::Path) -> Entries {
    tl_oracle::by_kind(path)
        .into_iter()
        .map(|(key, e)| (key, (e.declared_id, e.param_texts())))
        .collect()
}

type NameSet = BTreeSet<(String, String)>;

/// (kind, name) sets: added, removed, ID changed.
fn expected(old: &Entries, new: &Entries) -> (NameSet, NameSet, NameSet) {
    let kind = |function: bool| if function { "method" } else { "constructor" }.to_string();
    let mut added = NameSet::new();
    let mut removed = NameSet::new();
    let mut changed_id = NameSet::new();
    for ((function, name), (id, _)) in old {
        match new.get(&(*function, name.clone())) {
            None => {
                removed.insert((kind(*function), name.clone()));
            }
            Some((new_id, _)) if new_id != id => {
                changed_id.insert((kind(*function), name.clone()));
            }
            Some(_) => {}
        }
    }
    for (function, name) in new.keys() {
        if !old.contains_key(&(*function, name.clone())) {
            added.insert((kind(*function), name.clone()));
        }
    }
    (added, removed, changed_id)
}

/// The same three sets from the tool's JSON report (methods and constructors only).
fn reported(json: &Value) -> (NameSet, NameSet, NameSet) {
    let mut sets = (NameSet::new(), NameSet::new(), NameSet::new());
    for change in json["changes"].as_array().unwrap() {
        let kind = change["kind"].as_str().unwrap();
        if kind == "type" {
            continue;
        }
        let key = (
            kind.to_string(),
            change["name"].as_str().unwrap().to_string(),
        );
        match change["change"].as_str().unwrap() {
            "added" => {
                sets.0.insert(key.clone());
            }
            "removed" => {
                sets.1.insert(key.clone());
            }
            _ => {}
        }
        let details = change["details"].as_array().unwrap();
        if details.iter().any(|d| d["kind"] == "id_changed") {
            sets.2.insert(key);
        }
    }
    sets
}

#[test]
#[ignore = "reads ../shared"]
fn v65_to_v66_matches_the_schema_files() {
    let shared = shared::require();
    let old_schema = read_tl(&shared.schemas("v65")[0]);
    let new_schema = read_tl(&shared.schemas("v66")[0]);
    let (added, removed, changed_id) = expected(&old_schema, &new_schema);
    // Sanity: layer 66 added the CDN methods and changed some IDs.
    assert!(added.contains(&("method".to_string(), "upload.getCdnFile".to_string())));
    assert!(!changed_id.is_empty());

    let build = |layer: &str| ir::build(&shared.docs(layer), &shared.schemas(layer)).api;
    let (old, new) = (build("v65"), build("v66"));
    let report = diff(&old, &new, &DiffOptions::default());
    let json: Value = serde_json::from_str(&report.to_json()).unwrap();
    let (got_added, got_removed, got_changed_id) = reported(&json);
    assert_eq!(got_added, added, "added");
    assert_eq!(got_removed, removed, "removed");
    assert_eq!(got_changed_id, changed_id, "changed ID");

    // Every ID change and removal is breaking; additions are not.
    for change in json["changes"].as_array().unwrap() {
        let breaking = change["breaking"].as_bool().unwrap();
        match change["change"].as_str().unwrap() {
            "added" => assert!(!breaking, "{change}"),
            "removed" => assert!(breaking, "{change}"),
            _ => {
                let details = change["details"].as_array().unwrap();
                assert_eq!(
                    breaking,
                    details.iter().any(|d| d["breaking"] == true),
                    "{change}"
                );
                for d in details {
                    // The text report's line says what the structure says.
                    let text = d["text"].as_str().unwrap();
                    assert_eq!(d["breaking"] == true, text.ends_with(" (breaking)"), "{d}");
                    if d["kind"] == "id_changed" {
                        assert!(d["breaking"] == true, "{change}");
                        let ids = format!(
                            "ID changed: {} -> {}",
                            d["old"].as_str().unwrap_or("none"),
                            d["new"].as_str().unwrap_or("none")
                        );
                        assert!(text.starts_with(&ids), "{d}");
                    }
                }
            }
        }
    }

    // Params: for entries in both files, params added / removed by name agree.
    for ((function, name), (_, old_params)) in &old_schema {
        let Some((_, new_params)) = new_schema.get(&(*function, name.clone())) else {
            continue;
        };
        let names = |params: &[String]| -> BTreeSet<String> {
            params
                .iter()
                .map(|p| p.split(':').next().unwrap().to_string())
                .collect()
        };
        let (o, n) = (names(old_params), names(new_params));
        let kind = if *function { "method" } else { "constructor" };
        let change = json["changes"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["kind"] == kind && c["name"] == name.as_str());
        let details: Vec<&Value> = change
            .map(|c| c["details"].as_array().unwrap().iter().collect())
            .unwrap_or_default();
        let reported = |kinds: &[&str], param: &str| {
            details
                .iter()
                .any(|d| kinds.iter().any(|k| d["kind"] == *k) && d["field"] == param)
        };
        for gone in o.difference(&n) {
            assert!(
                reported(
                    &[
                        "param_removed",
                        "docs_only_param_removed",
                        "flags_word_removed"
                    ],
                    gone
                ),
                "{name}: param {gone} removed but not reported: {details:?}"
            );
        }
        for new_param in n.difference(&o) {
            assert!(
                reported(
                    &[
                        "required_param_added",
                        "optional_param_added",
                        "docs_only_param_added",
                        "flags_word_added"
                    ],
                    new_param
                ),
                "{name}: param {new_param} added but not reported: {details:?}"
            );
        }
    }

    // Deterministic: the same inputs give byte-identical reports.
    assert_eq!(
        diff(&old, &new, &DiffOptions::default()).to_json(),
        report.to_json()
    );
    // And the reverse direction swaps added and removed.
    let back: Value =
        serde_json::from_str(&diff(&new, &old, &DiffOptions::default()).to_json()).unwrap();
    let (back_added, back_removed, _) = reported(&back);
    assert_eq!((back_added, back_removed), (removed, added));
}
