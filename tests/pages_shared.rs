//! The page front end over the real MadelineProto docs in
//! `../shared/madelineproto-docs/{v65,v66,v223}`: page counts, table and cell
//! irregularities, usability lines and error tables, checked against the
//! counts of a full scan of the shipped docs (the conventions are described in
//! docs/FORMATS-NOTES.md).
//!
//! The data is third-party and not part of the repository: every test here is
//! ignored unless asked for (`cargo test -- --ignored`), and fails without it.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::OnceLock;

use tlgen::pages::{read_docs, Page, PageKind};
use tlgen_test_support::shared;

/// The docs root of `layer`.
fn docs_dir(layer: &str) -> PathBuf {
    shared::require().docs(layer)
}

/// The parsed pages of `layer` (parsed once per test binary).
fn pages(layer: &str) -> &'static [Page] {
    static CACHE: OnceLock<std::sync::Mutex<BTreeMap<String, &'static [Page]>>> = OnceLock::new();
    let dir = docs_dir(layer);
    let cache = CACHE.get_or_init(Default::default);
    let mut cache = cache.lock().unwrap_or_else(|e| e.into_inner());
    let pages = cache.entry(layer.to_owned()).or_insert_with(|| {
        let pages = read_docs(&dir).unwrap_or_else(|e| panic!("{layer}: {e}"));
        Box::leak(pages.into_boxed_slice())
    });
    pages
}

fn page<'a>(pages: &'a [Page], source: &str) -> &'a Page {
    pages
        .iter()
        .find(|p| p.source == source)
        .unwrap_or_else(|| panic!("no page {source}"))
}

fn count(pages: &[Page], f: impl Fn(&Page) -> bool) -> usize {
    pages.iter().filter(|p| f(p)).count()
}

fn count_params(pages: &[Page], f: impl Fn(&Page, &tlgen::pages::PageParam) -> bool) -> usize {
    pages
        .iter()
        .flat_map(|p| p.params.iter().map(move |x| (p, x)))
        .filter(|(p, x)| f(p, x))
        .count()
}

/// Entity pages per kind: regular methods, regular
/// constructors, regular types, irregular constructors (`boolFalse`,
/// `boolTrue`, `null`) and irregular types (the `## Type:` pseudo-types plus
/// `# Bool`).
fn kind_counts(pages: &[Page]) -> [usize; 5] {
    let k = |kind, irregular| count(pages, |p| p.kind == kind && p.irregular == irregular);
    [
        k(PageKind::Method, false),
        k(PageKind::Constructor, false),
        k(PageKind::Type, false),
        k(PageKind::Constructor, true),
        k(PageKind::Type, true),
    ]
}

#[test]
#[ignore = "reads ../shared"]
fn entity_page_counts() {
    for (layer, expected) in [
        ("v65", [223, 567, 208, 3, 12 + 1]),
        ("v66", [226, 577, 211, 3, 12 + 1]),
        ("v223", [757, 1595, 589, 3, 13 + 1]),
    ] {
        let pages = pages(layer);
        assert_eq!(kind_counts(pages), expected, "{layer}");
        assert_eq!(
            count(pages, |p| p.kind == PageKind::Method && p.irregular),
            0,
            "{layer}"
        );
        assert!(
            pages.windows(2).all(|w| w[0].source < w[1].source),
            "{layer}: sorted by source"
        );
        // The heading name is the file name (`decryptedMessage_73`, `Vector t`, `long|string`).
        for p in pages {
            let stem = p.source.strip_suffix(".md").map(|s| s.rsplit('/').next());
            assert_eq!(stem, Some(Some(p.name.as_str())), "{layer}: {}", p.source);
        }
        let names: Vec<&str> = pages
            .iter()
            .filter(|p| p.kind == PageKind::Constructor && p.irregular)
            .map(|p| p.name.as_str())
            .collect();
        assert_eq!(names, ["boolFalse", "boolTrue", "null"], "{layer}");
    }
}

#[test]
#[ignore = "reads ../shared"]
fn pseudo_type_pages() {
    let old = [
        "!X", "Bool", "DataJSON", "X", "bytes", "double", "int", "int128", "int256", "int512",
        "int53", "long", "string",
    ];
    let new = [
        "!X",
        "Bool",
        "DataJSON",
        "bytes",
        "double",
        "int",
        "int128",
        "int256",
        "int512",
        "int53",
        "long",
        "long|string",
        "string",
        "waveform",
    ];
    for (layer, expected) in [("v65", &old[..]), ("v66", &old[..]), ("v223", &new[..])] {
        let pages = pages(layer);
        let irregular: Vec<&str> = pages
            .iter()
            .filter(|p| p.kind == PageKind::Type && p.irregular)
            .map(|p| p.name.as_str())
            .collect();
        assert_eq!(irregular, expected, "{layer}");
    }
    let v223 = pages("v223");
    let vector_t = page(v223, "types/Vector t.md");
    assert_eq!(
        (vector_t.irregular, vector_t.constructors.as_slice()),
        (false, ["vector".to_string()].as_slice())
    );
    assert!(!page(v223, "types/X.md").irregular);
    let vector = page(v223, "constructors/vector.md")
        .result
        .as_ref()
        .unwrap();
    assert_eq!(
        (vector.label.as_str(), vector.target.as_str()),
        ("Vector t", "/API_docs/types/Vector t.html")
    );
}

#[test]
#[ignore = "reads ../shared"]
fn error_tables() {
    for (layer, tables, rows) in [("v65", 175, 725), ("v66", 177, 730), ("v223", 0, 0)] {
        let pages = pages(layer);
        assert_eq!(count(pages, |p| !p.errors.is_empty()), tables, "{layer}");
        assert_eq!(
            pages.iter().map(|p| p.errors.len()).sum::<usize>(),
            rows,
            "{layer}"
        );
    }
    let v65 = pages("v65");
    let mut codes = BTreeMap::new();
    for e in v65.iter().flat_map(|p| &p.errors) {
        *codes.entry(e.code).or_insert(0) += 1;
        if e.code == -503 {
            assert_eq!(e.name, "Timeout");
        }
    }
    assert_eq!(
        codes,
        BTreeMap::from([
            (-503, 31),
            (400, 577),
            (401, 25),
            (403, 49),
            (406, 39),
            (420, 4)
        ])
    );
    let names = |prefix: &str| {
        v65.iter()
            .flat_map(|p| &p.errors)
            .filter(|e| e.name.starts_with(prefix))
            .count()
    };
    assert!(names("SLOWMODE_WAIT_X") > 0 && names("EMAIL_UNCONFIRMED_X") > 0);
    assert!(names("INPUT_METHOD_INVALID_1615239032_X") > 0);
    assert_eq!(names("FLOOD_WAIT_X"), 0);
    assert_eq!(
        v65.iter()
            .flat_map(|p| &p.errors)
            .filter(|e| e.description.is_empty())
            .count(),
        1
    );
}

#[test]
#[ignore = "reads ../shared"]
fn import_chat_invite_v65() {
    let v65 = pages("v65");
    let p = page(v65, "methods/messages.importChatInvite.md");
    assert_eq!(
        (p.kind, p.name.as_str(), p.line, p.irregular),
        (PageKind::Method, "messages.importChatInvite", 7, false)
    );
    assert_eq!(
        p.description,
        "Import a chat invite and join a private chat/supergroup/channel"
    );
    assert_eq!(p.params.len(), 1);
    let hash = &p.params[0];
    assert_eq!(
        (hash.name.as_str(), hash.line, hash.required),
        ("hash", 17, Some(true))
    );
    assert_eq!(
        (
            hash.ty.label.as_str(),
            hash.ty.target.as_str(),
            hash.ty.mapped.as_str()
        ),
        ("string", "../types/string.md", "string")
    );
    assert_eq!(p.result.as_ref().unwrap().mapped, "Updates");
    assert_eq!((p.bots, p.users, p.business), (Some(false), None, None));
    assert_eq!(p.errors.len(), 12);
    let first = &p.errors[0];
    assert_eq!(
        (first.code, first.name.as_str(), first.line),
        (400, "CHANNEL_INVALID", 50)
    );
    let last = p.errors.last().unwrap();
    assert_eq!(
        (last.code, last.name.as_str()),
        (401, "SESSION_PASSWORD_NEEDED")
    );
}

#[test]
#[ignore = "reads ../shared"]
fn parameter_rows_and_required_column() {
    // Rows = schema params - hidden + docs-only (docs/FORMATS-NOTES.md, "Required column").
    for (layer, method_rows, ctor_rows, method_yes, ctor_yes) in [
        ("v65", 481, 1395, 288, 1043),
        ("v66", 482, 1409, 293, 1053),
        ("v223", 1902, 4892, 399, 2865),
    ] {
        let pages = pages(layer);
        let rows = |kind| count_params(pages, |p, _| p.kind == kind);
        let yes = |kind| count_params(pages, |p, x| p.kind == kind && x.required == Some(true));
        assert_eq!(
            (rows(PageKind::Method), rows(PageKind::Constructor)),
            (method_rows, ctor_rows),
            "{layer}"
        );
        assert_eq!(
            (yes(PageKind::Method), yes(PageKind::Constructor)),
            (method_yes, ctor_yes),
            "{layer}"
        );
        // Required is always usable (swapped rows are recognised).
        assert_eq!(
            count_params(pages, |_, x| x.required.is_none()),
            0,
            "{layer}"
        );
    }
    // Pages without a table: exactly the entries with no visible params.
    for (layer, ctors, methods) in [("v65", 136, 23), ("v66", 139, 24), ("v223", 319, 66)] {
        let pages = pages(layer);
        let no_table = |kind| {
            count(pages, |p| {
                p.kind == kind && !p.irregular && p.params.is_empty()
            })
        };
        assert_eq!(
            (no_table(PageKind::Constructor), no_table(PageKind::Method)),
            (ctors, methods),
            "{layer}"
        );
    }
}

#[test]
#[ignore = "reads ../shared"]
fn table_irregularities_v223() {
    let v223 = pages("v223");
    let root = docs_dir("v223");
    let three_col = |p: &Page| {
        let text = std::fs::read_to_string(root.join(&p.source)).unwrap();
        text.lines()
            .any(|l| l.trim_end() == "| Name     |    Type       | Required |")
    };
    let mut tables = [0, 0];
    let mut parse_mode_under_three = 0;
    let mut empty_ctor_desc = 0;
    let mut empty_method_desc = 0;
    for p in v223 {
        if three_col(p) {
            tables[(p.kind == PageKind::Constructor) as usize] += 1;
            for x in &p.params {
                if x.name == "parse_mode" {
                    parse_mode_under_three += 1;
                    assert!(!x.description.is_empty());
                } else {
                    assert_eq!(x.description, "", "{}: {}", p.source, x.name);
                }
            }
        } else {
            for _ in p.params.iter().filter(|x| x.description.is_empty()) {
                match p.kind {
                    PageKind::Constructor => empty_ctor_desc += 1,
                    _ => empty_method_desc += 1,
                }
            }
        }
    }
    // Irregular tables (docs/FORMATS-NOTES.md, "Parameter tables"): 3-column tables (methods / constructors), the 4-cell parse_mode row
    // under a 3-column header, constructor rows without the description cell,
    // method rows with an empty description.
    assert_eq!(tables, [35, 59]);
    assert_eq!(parse_mode_under_three, 1);
    assert_eq!(empty_ctor_desc, 218);
    assert_eq!(empty_method_desc, 47);
    let start_live = page(v223, "methods/stories.startLive.md");
    let pm = start_live
        .params
        .iter()
        .find(|x| x.name == "parse_mode")
        .unwrap();
    assert_eq!((pm.required, pm.ty.label.as_str()), (Some(false), "string"));
    // parse_mode rows: 10 methods + 25 constructors, the latter written in method order.
    let parse_mode = |kind| count_params(v223, |p, x| p.kind == kind && x.name == "parse_mode");
    assert_eq!(
        (
            parse_mode(PageKind::Method),
            parse_mode(PageKind::Constructor)
        ),
        (10, 25)
    );
    assert!(
        count_params(v223, |p, x| p.kind == PageKind::Constructor
            && x.name == "parse_mode"
            && x.description
                == "Whether to parse HTML or Markdown markup in the message"
            && x.required == Some(false))
            == 25
    );
    for layer in ["v65", "v66"] {
        let pages = pages(layer);
        assert_eq!(
            count_params(pages, |_, x| x.name == "parse_mode"),
            4,
            "{layer}"
        );
    }
    // The hand-written exception with old-style links and a doc-only row.
    let p = page(v223, "constructors/photoStrippedSize.md");
    let names: Vec<&str> = p.params.iter().map(|x| x.name.as_str()).collect();
    assert_eq!(names, ["type", "bytes", "inflated"]);
    assert_eq!(p.params[1].ty.target, "../types/bytes.html");
}

#[test]
#[ignore = "reads ../shared"]
fn type_cells() {
    // docs/FORMATS-NOTES.md, "Type cells": `!X` rows, targets under constructors/, `Array of [long|string]`
    // on hash, `[long]` on peer, aliases and `Array of` rows.
    for (layer, bang_x, ctor_targets, alias_scalar, alias_array, arrays) in [
        ("v65", 5, 10, 113, 13, 199),
        ("v66", 5, 10, 113, 13, 200),
        ("v223", 11, 24, 470, 35, 792),
    ] {
        let pages = pages(layer);
        assert_eq!(
            count_params(pages, |_, x| x.ty.label == "!X" && x.ty.mapped == "!X"),
            bang_x,
            "{layer}"
        );
        assert_eq!(
            count_params(pages, |_, x| x.ty.target.contains("constructors/")),
            ctor_targets,
            "{layer}"
        );
        let alias = |array| {
            count_params(pages, |_, x| {
                x.ty.label.contains(" or ") && x.ty.array == array
            })
        };
        assert_eq!(
            (alias(false), alias(true)),
            (alias_scalar, alias_array),
            "{layer}"
        );
        assert_eq!(count_params(pages, |_, x| x.ty.array), arrays, "{layer}");
        // Every alias maps to its last word.
        for p in pages {
            for x in p.params.iter().filter(|x| x.ty.label.contains(" or ")) {
                let last = x.ty.label.rsplit(" or ").next().unwrap();
                let expected = if x.ty.array {
                    format!("Vector<{last}>")
                } else {
                    last.to_owned()
                };
                assert_eq!(x.ty.mapped, expected, "{layer}: {}", p.source);
                assert!(x.ty.target.contains(last), "{layer}: {}", p.source);
            }
        }
    }
    let v223 = pages("v223");
    let long_string = count_params(v223, |_, x| {
        x.name == "hash"
            && x.ty.array
            && x.ty.label == "long|string"
            && x.ty.target == r"/API_docs/types/long\|string.html"
    });
    assert_eq!(long_string, 70);
    assert!(count_params(v223, |_, x| x.name == "peer" && x.ty.label == "long") >= 66);
    assert_eq!(count_params(v223, |_, x| x.ty.label == "strlong"), 2);
    assert_eq!(count_params(v223, |_, x| x.ty.label == "waveform"), 1);
    let v65 = pages("v65");
    assert_eq!(
        count_params(v65, |_, x| x.name == "hash"
            && x.ty.array
            && x.ty.label == "int"),
        7
    );
    let salts = page(v65, "constructors/future_salts.md")
        .params
        .iter()
        .find(|x| x.name == "salts")
        .unwrap();
    assert_eq!(
        (salts.ty.label.as_str(), salts.ty.mapped.as_str()),
        ("future_salt", "Vector<future_salt>")
    );
}

#[test]
#[ignore = "reads ../shared"]
fn return_types_and_usability() {
    for (layer, vectors, generic) in [("v65", 9, 5), ("v66", 9, 5), ("v223", 38, 11)] {
        let pages = pages(layer);
        let results = || pages.iter().filter_map(|p| p.result.as_ref());
        let vector_of = results()
            .filter(|r| r.label.starts_with("Vector_of_"))
            .count();
        assert_eq!(vector_of, vectors, "{layer}");
        assert!(results()
            .filter(|r| r.label.starts_with("Vector_of_"))
            .all(|r| r.mapped == format!("Vector<{}>", &r.label["Vector_of_".len()..])));
        assert_eq!(
            results().filter(|r| r.label == "X").count(),
            generic,
            "{layer}"
        );
        // Every regular method and constructor has a result, with its line.
        for p in pages
            .iter()
            .filter(|p| p.kind != PageKind::Type && !p.irregular)
        {
            assert!(
                p.result.is_some() && p.result_line > p.line,
                "{layer}: {}",
                p.source
            );
        }
    }
    let usable = |pages: &[Page], f: fn(&Page) -> Option<bool>| {
        let methods = pages.iter().filter(|p| p.kind == PageKind::Method);
        let yes = methods.clone().filter(|p| f(p) == Some(true)).count();
        let no = methods.filter(|p| f(p) == Some(false)).count();
        (yes, no)
    };
    {
        let v65 = pages("v65");
        assert_eq!(usable(v65, |p| p.bots), (83, 140));
        assert_eq!(usable(v65, |p| p.users), (0, 0));
        assert_eq!(usable(v65, |p| p.business), (0, 0));
    }
    {
        let v223 = pages("v223");
        assert_eq!(usable(v223, |p| p.bots), (129, 628));
        assert_eq!(usable(v223, |p| p.users), (733, 24));
        assert_eq!(usable(v223, |p| p.business), (19, 738));
        let get_state = page(v223, "methods/updates.getState.md");
        assert!(get_state
            .description
            .starts_with("# Warning: this is a low-level, complex method"));
        assert_eq!(count(v223, |p| p.description.contains("# Warning:")), 6);
    }
}

#[test]
#[ignore = "reads ../shared"]
fn secret_chat_pages_v223() {
    let v223 = pages("v223");
    let layers = ["8", "17", "20", "23", "45", "66", "73", "101", "143"];
    let suffixed = count(v223, |p| {
        p.kind == PageKind::Constructor
            && p.name
                .rsplit_once('_')
                .is_some_and(|(_, layer)| layers.contains(&layer))
    });
    assert_eq!(suffixed, 52);
    let p = page(v223, "constructors/decryptedMessageLayer_17.md");
    assert_eq!(
        (p.name.as_str(), p.params.len()),
        ("decryptedMessageLayer_17", 4)
    );
    assert_eq!(p.result.as_ref().unwrap().mapped, "DecryptedMessageLayer");
    let types = page(v223, "types/DecryptedMessage.md");
    assert!(types.constructors.iter().any(|c| c == "decryptedMessage_8"));
}

#[test]
#[ignore = "reads ../shared"]
fn type_page_constructor_lists() {
    let v65 = pages("v65");
    assert_eq!(
        page(v65, "types/InputPeer.md").constructors,
        [
            "inputPeerEmpty",
            "inputPeerSelf",
            "inputPeerChat",
            "inputPeerUser",
            "inputPeerChannel"
        ]
    );
    // Old `PhoneCall` documents a PHP class and has no constructor list.
    let phone_call = page(v65, "types/PhoneCall.md");
    assert!(phone_call.constructors.is_empty());
    assert!(phone_call
        .description
        .starts_with("This is an object of type"));
    // Every listed constructor has a page (apart from `vector` in old builds).
    for layer in ["v65", "v66", "v223"] {
        let pages = pages(layer);
        let ctor_pages: std::collections::BTreeSet<&str> = pages
            .iter()
            .filter(|p| p.kind == PageKind::Constructor)
            .map(|p| p.name.as_str())
            .collect();
        let missing: Vec<&str> = pages
            .iter()
            .flat_map(|p| &p.constructors)
            .map(String::as_str)
            .filter(|c| !ctor_pages.contains(c))
            .collect();
        assert!(
            missing.iter().all(|c| *c == "vector"),
            "{layer}: {missing:?}"
        );
    }
}
