//! The schema front end over the five real TL files in `../shared/tl-schemas`:
//! entry counts and feature counts of a full scan of the shipped schemas, the
//! constructor-ID rule (no warnings, exactly the two documented exceptions),
//! and the well-known IDs of the ID-less MTProto entries.
//!
//! The data is third-party and not part of the repository: every test here is
//! ignored unless asked for (`cargo test -- --ignored`), and fails without it.

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

use tlgen::ir::{DiagnosticKind, Severity};
use tlgen::schema::{check_ids, load_schema, Category, Schema};
use tlgen_test_support::shared;

/// The shared schema directory.
fn schemas_dir() -> PathBuf {
    shared::require().schema("")
}

/// `Counts` and `Counts::new`, which takes the fields in this order (the
/// expected rows are positional): one list of the fields for both.
macro_rules! counts_struct {
    ($($(#[$doc:meta])* $field:ident: $ty:ty,)*) => {
        /// The counts a full scan gives for one file.
        #[derive(Debug, PartialEq)]
        struct Counts {
            $($(#[$doc])* $field: $ty,)*
        }

        impl Counts {
            #[allow(clippy::too_many_arguments)]
            fn new($($field: $ty),*) -> Counts {
                Counts { $($field),* }
            }
        }
    };
}

counts_struct! {
    constructors: usize,
    functions: usize,
    /// Entries with a `flags:#` / `flags2:#` param.
    with_flags: (usize, usize),
    /// Params conditional on `flags` / `flags2`.
    conditional: (usize, usize),
    /// The highest bit used with `flags` / `flags2`.
    max_bit: (Option<u8>, Option<u8>),
    /// `flags.N?true` / `flags2.N?true` params.
    true_flags: (usize, usize),
    /// (entry, field, bit) groups with two or more params.
    shared_bits: usize,
    /// Params of type `Vector<...>` / bare `vector<...>` (flags included).
    vectors: (usize, usize),
    /// Functions returning `Vector<...>`; entries with `{X:Type}` and a `!X` param.
    vector_results: usize,
    generic: usize,
    /// int128 / int256 / double / bytes params, also inside vectors and flags.
    primitives: [usize; 4],
    /// Declared IDs below 0x10000000: written with fewer than 8 digits or a leading 0.
    small_ids: usize,
}

fn counts(schema: &Schema) -> Counts {
    let params = || schema.definitions.iter().flat_map(|d| &d.params);
    let with_field = |field: &str| {
        schema
            .definitions
            .iter()
            .filter(|d| d.params.iter().any(|p| p.name == field && p.ty == "#"))
            .count()
    };
    let cond = |field: &str, only_true: bool| {
        params()
            .filter(|p| {
                p.flag.as_ref().is_some_and(|f| f.field == field) && (!only_true || p.ty == "true")
            })
            .count()
    };
    let max_bit = |field: &str| {
        params()
            .filter_map(|p| p.flag.as_ref())
            .filter(|f| f.field == field)
            .map(|f| f.bit)
            .max()
    };
    let shared_bits = schema
        .definitions
        .iter()
        .map(|d| {
            let mut groups: BTreeMap<_, usize> = BTreeMap::new();
            for flag in d.params.iter().filter_map(|p| p.flag.as_ref()) {
                *groups.entry(flag).or_default() += 1;
            }
            groups.values().filter(|&&n| n >= 2).count()
        })
        .sum();
    let element = |ty: &str| -> String {
        let mut ty = ty;
        while let Some(inner) = ty
            .strip_prefix("Vector<")
            .or_else(|| ty.strip_prefix("vector<"))
        {
            ty = inner.strip_suffix('>').expect("balanced");
        }
        ty.to_string()
    };
    let prim = |name: &str| {
        params()
            .filter(|p| element(&p.ty.to_string()) == name)
            .count()
    };
    Counts {
        constructors: schema.constructors().count(),
        functions: schema.functions().count(),
        with_flags: (with_field("flags"), with_field("flags2")),
        conditional: (cond("flags", false), cond("flags2", false)),
        max_bit: (max_bit("flags"), max_bit("flags2")),
        true_flags: (cond("flags", true), cond("flags2", true)),
        shared_bits,
        vectors: (
            params()
                .filter(|p| p.ty.to_string().contains("Vector<"))
                .count(),
            params()
                .filter(|p| p.ty.to_string().contains("vector<"))
                .count(),
        ),
        vector_results: schema
            .functions()
            .filter(|d| matches!(d.result, tlgen::ir::TlType::Vector { boxed: true, .. }))
            .count(),
        generic: schema
            .definitions
            .iter()
            .filter(|d| {
                !d.generics.is_empty()
                    && d.params
                        .iter()
                        .any(|p| matches!(p.ty, tlgen::ir::TlType::Generic(_)))
            })
            .count(),
        primitives: [
            prim("int128"),
            prim("int256"),
            prim("double"),
            prim("bytes"),
        ],
        small_ids: schema
            .definitions
            .iter()
            .filter(|d| d.declared_id.is_some_and(|id| id < 0x1000_0000))
            .count(),
    }
}

/// The expected counts, one row per file.
fn expected(file: &str) -> Counts {
    match file {
        "TL_telegram_v65.tl" => Counts::new(
            571,
            223,
            (125, 0),
            (369, 0),
            (Some(21), None),
            (173, 0),
            16,
            (192, 1),
            9,
            5,
            [27, 1, 9, 48],
            40 + 4,
        ),
        "TL_telegram_v66.tl" => Counts::new(
            581,
            226,
            (126, 0),
            (368, 0),
            (Some(22), None),
            (171, 0),
            15,
            (193, 1),
            9,
            5,
            [27, 1, 9, 56],
            41 + 4,
        ),
        "TL_telegram_v223.tl" => Counts::new(
            1546,
            757,
            (671, 5),
            (2321, 95),
            (Some(30), Some(24)),
            (999, 40),
            81,
            (716, 0),
            38,
            11,
            [0, 2, 28, 143],
            126 + 1,
        ),
        "TL_mtproto_v1.tl" => Counts::new(
            39,
            9,
            (0, 0),
            (0, 0),
            (None, None),
            (0, 0),
            0,
            (6, 2),
            0,
            0,
            [30, 2, 0, 1],
            3,
        ),
        "TL_secret.tl" => Counts::new(
            81,
            0,
            (4, 0),
            (16, 0),
            (Some(17), None),
            (4, 0),
            0,
            (8, 0),
            0,
            0,
            [0, 0, 4, 35],
            6,
        ),
        _ => unreachable!("{file}"),
    }
}

const FILES: [&str; 5] = [
    "TL_telegram_v65.tl",
    "TL_telegram_v66.tl",
    "TL_telegram_v223.tl",
    "TL_mtproto_v1.tl",
    "TL_secret.tl",
];

#[test]
#[ignore = "reads ../shared"]
fn shared_schemas_parse_with_documented_counts_and_ids() {
    let dir = schemas_dir();
    // id -> names, over all files: no ID belongs to two different names.
    let mut names_by_id: BTreeMap<u32, BTreeSet<String>> = BTreeMap::new();
    for file in FILES {
        let schema = load_schema(&dir.join(file)).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(counts(&schema), expected(file), "{file}");

        // The ID check: no warnings, exactly the documented exceptions as notes.
        let diags = check_ids(&schema);
        assert!(diags.iter().all(|d| d.kind == DiagnosticKind::IdMismatch));
        let warnings: Vec<_> = diags
            .iter()
            .filter(|d| d.severity == Severity::Warning)
            .collect();
        assert!(warnings.is_empty(), "{file}: {warnings:#?}");
        let notes: Vec<_> = diags
            .iter()
            .map(|d| {
                let line = d.line.expect("line") as usize;
                let def = schema
                    .definitions
                    .iter()
                    .find(|def| def.line as usize == line)
                    .expect("definition");
                (def.name.as_str(), def.declared_id, def.layer)
            })
            .collect();
        let documented: &[(&str, Option<u32>, Option<u32>)] = match file {
            "TL_mtproto_v1.tl" => &[("msg_container", Some(0x73f1_f8dc), None)],
            "TL_secret.tl" => &[(
                "decryptedMessageMediaDocument",
                Some(0x6abd_9782),
                Some(143),
            )],
            _ => &[],
        };
        assert_eq!(notes, documented, "{file}");

        // Declared IDs match the rule everywhere else.
        let with_id = schema
            .definitions
            .iter()
            .filter(|d| d.declared_id.is_some())
            .count();
        let matching = schema
            .definitions
            .iter()
            .filter(|d| d.declared_id == Some(d.computed_id))
            .count();
        assert_eq!(matching + documented.len(), with_id, "{file}");

        for d in &schema.definitions {
            names_by_id
                .entry(d.id())
                .or_default()
                .insert(d.name.clone());
        }
    }
    let shared: Vec<_> = names_by_id
        .iter()
        .filter(|(_, names)| names.len() > 1)
        .collect();
    assert!(shared.is_empty(), "IDs with two names: {shared:x?}");
}

#[test]
#[ignore = "reads ../shared"]
fn idless_mtproto_entries_get_the_well_known_ids() {
    let dir = schemas_dir();
    let schema = load_schema(&dir.join("TL_mtproto_v1.tl")).unwrap_or_else(|e| panic!("{e}"));
    let idless: Vec<_> = schema
        .definitions
        .iter()
        .filter(|d| d.declared_id.is_none())
        .map(|d| d.name.as_str())
        .collect();
    assert_eq!(idless, ["vector", "message", "rsa_public_key", "req_pq"]);
    let id = |name: &str| {
        schema
            .definitions
            .iter()
            .find(|d| d.name == name)
            .map(|d| d.id())
    };
    assert_eq!(id("req_pq"), Some(0x6046_9778));
    assert_eq!(id("vector"), Some(0x1cb5_c415));
    assert_eq!(id("rsa_public_key"), Some(0x7a19_cb76));

    let vector = schema
        .definitions
        .iter()
        .find(|d| d.name == "vector")
        .unwrap();
    assert!(vector.params.is_empty());
    assert_eq!(vector.result, "Vector t");
    assert_eq!(vector.generics, [("t".to_string(), "Type".to_string())]);
    assert_eq!(
        schema
            .definitions
            .iter()
            .find(|d| d.name == "req_pq")
            .unwrap()
            .category,
        Category::Function
    );
}

#[test]
#[ignore = "reads ../shared"]
fn secret_layers_and_sections() {
    let dir = schemas_dir();
    let schema = load_schema(&dir.join("TL_secret.tl")).unwrap_or_else(|e| panic!("{e}"));
    let mut layers: Vec<u32> = schema
        .definitions
        .iter()
        .map(|d| d.layer.expect("every entry has a layer"))
        .collect();
    assert!(
        layers.windows(2).all(|w| w[0] <= w[1]),
        "layers ascend in file order"
    );
    layers.dedup();
    assert_eq!(layers, [8, 17, 20, 23, 45, 46, 66, 73, 101, 143, 144]);
    let mut per_name: BTreeMap<&str, usize> = BTreeMap::new();
    for d in &schema.definitions {
        *per_name.entry(&d.name).or_default() += 1;
    }
    assert_eq!(
        per_name.values().filter(|&&n| n > 1).count(),
        9,
        "names repeated across layers"
    );
    assert_eq!(per_name.get("decryptedMessage"), Some(&4));

    // Sections toggle several times in v65 (5 markers), once in v223.
    for (file, runs) in [("TL_telegram_v65.tl", 6), ("TL_telegram_v223.tl", 2)] {
        let schema = load_schema(&dir.join(file)).unwrap_or_else(|e| panic!("{e}"));
        let mut categories: Vec<Category> = schema.definitions.iter().map(|d| d.category).collect();
        categories.dedup();
        assert_eq!(categories.len(), runs, "{file}");
    }
}
