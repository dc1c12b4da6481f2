//! The borrowed form is a setting that adds files and changes none.

use tlgen::emit::{generate, Formatting, Gate, Layout, Options};
use tlgen_test_support::ir;

/// With the setting off the tree is byte for byte the tree of the same
/// settings without it: on, it only adds the `borrowed/` files and one
/// declaration in the root file.
#[test]
fn the_setting_adds_the_borrowed_files_and_nothing_else() {
    let api = ir::sample_protocol().api;
    for base in [
        Options::default(),
        Options {
            sample_values: Gate::On,
            deserializable_functions: Gate::On,
            ..Options::default()
        },
        // As tlgen-api's build script generates.
        Options {
            layout: Layout::Include {
                env_var: "OUT_DIR".into(),
                prefix: String::new(),
            },
            formatting: Formatting::Lines,
            serde: Gate::On,
            hash: Gate::On,
            root_path: Some("crate".into()),
            ..Options::default()
        },
    ] {
        let off = generate(&api, &base).expect("off");
        assert_eq!(base.borrowed, Gate::Off, "off by default");
        let on = generate(
            &api,
            &Options {
                borrowed: Gate::On,
                ..base.clone()
            },
        )
        .expect("on");
        assert!(off.files.keys().all(|p| !p.starts_with("borrowed/")));
        for (path, text) in &on.files {
            if path.starts_with("borrowed/") {
                continue;
            }
            let old = &off.files[path];
            if path == "mod.rs" {
                // The doc line, `pub mod borrowed` and, with an
                // `include!` body, its lines to the closing brace.
                let lines: Vec<&str> = text.lines().collect();
                let doc = lines
                    .iter()
                    .position(|l| l.contains("in their borrowed form"));
                let decl = lines.iter().position(|l| l.contains("pub mod borrowed"));
                let (Some(doc), Some(decl)) = (doc, decl) else {
                    panic!("no declaration in {text}");
                };
                let end = match lines[decl].trim_end().ends_with(';') {
                    true => decl,
                    false => decl + lines[decl..].iter().position(|l| *l == "}").expect("}"),
                };
                let mut without: Vec<&str> = lines[..doc].to_vec();
                without.extend(&lines[end + 1..]);
                assert_eq!(
                    without,
                    old.lines().collect::<Vec<_>>(),
                    "mod.rs but for it"
                );
            } else {
                assert_eq!(text, old, "{path}");
            }
        }
        assert_eq!(
            on.files
                .keys()
                .filter(|p| !p.starts_with("borrowed/"))
                .count(),
            off.files.len()
        );
        let borrowed = on.files.keys().filter(|p| p.starts_with("borrowed/"));
        assert!(borrowed.count() >= 3, "borrowed/mod.rs, types/, enums/");
    }
}
