//! Every front-end stage is linear in its input. Each test feeds one stage an
//! input far larger than any real one, shaped like the worst case that used
//! to be quadratic (one schema line with 200,000 params: before the fix, a
//! debug build took 28 s for 64,000 and minutes for this), and requires it to
//! finish within a generous bound: a few seconds when linear, several
//! minutes when quadratic. Not a benchmark (see `benches/` for timings).

use std::path::Path;
use std::sync::mpsc;
use std::thread;
use std::time::Duration;

use tlgen::merge::Merged;
use tlgen_test_support::ir;

/// Far above the linear cost in a debug build on a slow, shared machine;
/// far below the quadratic one.
const BOUND: Duration = Duration::from_secs(120);

/// Runs `work` on a thread and fails if it does not finish within [`BOUND`].
fn within_bound<T: Send + 'static>(what: &str, work: impl FnOnce() -> T + Send + 'static) -> T {
    let (tx, rx) = mpsc::channel();
    thread::spawn(move || {
        let _ = tx.send(work());
    });
    rx.recv_timeout(BOUND)
        .unwrap_or_else(|_| panic!("{what} did not finish within {BOUND:?}: not linear"))
}

const N: usize = 200_000;

fn big_line() -> String {
    let mut line = String::from("---functions---\nbig#1 flags:#");
    for i in 0..N {
        line.push_str(&format!(" p{i}:flags.{}?int", i % 32));
    }
    line.push_str(" = Bool;\nboolTrue#997275b5 = Bool;\n");
    line
}

fn big_page() -> String {
    let mut page = String::from(
        "# Method: big\n[Back to methods index](index.md)\n\nBig.\n\n### Parameters:\n\n\
         | Name | Type | Description | Required |\n|------|------|-------------|----------|\n",
    );
    for i in 0..N {
        page.push_str(&format!(
            "|p{i}|[int](../types/int.md) | Param {i} | Optional|\n"
        ));
    }
    page.push_str("\n\n### Return type: [Bool](../types/Bool.md)\n");
    page
}

#[test]
fn a_schema_line_with_200k_params_parses_in_linear_time() {
    let schema = within_bound("the schema parser", || {
        tlgen::schema::parse_schema(Path::new("big.tl"), &big_line()).unwrap()
    });
    assert_eq!(schema.definitions[0].params.len(), N + 1);
}

#[test]
fn a_duplicate_param_among_200k_is_still_found() {
    let mut text = big_line();
    text = text.replace(" = Bool;\nbool", " p7:int = Bool;\nbool");
    let err = within_bound("the schema parser", move || {
        tlgen::schema::parse_schema(Path::new("big.tl"), &text).unwrap_err()
    });
    assert_eq!(
        err.to_string(),
        "big.tl:2: duplicate param `p7`: expected unique param names"
    );
}

/// The [`big_page`] read and merged with the schema `text` (`big.tl`).
fn with_big_page(text: &str) -> Merged {
    let page = tlgen::pages::parse_page(Path::new("big.md"), "methods/big.md", &big_page())
        .unwrap()
        .expect("an entity page");
    let schema = tlgen::schema::parse_schema(Path::new("big.tl"), text).unwrap();
    tlgen::merge::merge(Path::new("docs"), &[page], &[schema])
}

#[test]
fn a_page_with_200k_rows_reads_and_merges_in_linear_time() {
    let params = within_bound("the page reader and the merge", || {
        let merged = with_big_page(&big_line());
        ir::assert_no_errors("big", merged.errors());
        merged.api.methods[0].params.len()
    });
    assert_eq!(params, N + 1);
}

/// Params of the line whose declared ID is explained: with the two undefined
/// spellings below, just under the merge's cap of 100,000 spellings tried.
const EXPLAINED: usize = 49_000;

#[test]
fn explaining_a_declared_id_on_a_huge_line_is_linear() {
    // `big` was hashed with its last param typed `Foo`, as `demo.send` spells
    // it, but the schema writes `Fooo`: both types are undefined, and every
    // one of the 49,001 types of `big` is tried with both spellings.
    let mut params = String::new();
    for i in 0..EXPLAINED - 1 {
        params.push_str(&format!(" p{i}:int"));
    }
    let id = tlgen::schema::compute_id(&format!("big{params} last:Foo = Big"));
    let send = tlgen::schema::compute_id("demo.send text:int = Foo");
    let text = format!(
        "---types---\nbig#{id:08x}{params} last:Fooo = Big;\n\
         ---functions---\ndemo.send#{send:08x} text:int = Foo;\n"
    );
    let merged = within_bound("explaining a declared ID", move || {
        let schema = tlgen::schema::parse_schema(Path::new("big.tl"), &text).unwrap();
        tlgen::merge::merge(Path::new("docs"), &[], &[schema])
    });
    // No pages at all: the one error, which this test does not need.
    let errors: Vec<String> = merged.errors().map(|d| d.to_string()).collect();
    assert_eq!(
        errors,
        ["error: docs: the docs tree has no readable method page: expected `methods/*.md` pages \
          documenting the API"]
    );
    let undefined: Vec<String> = merged
        .diagnostics
        .iter()
        .filter(|d| d.kind == tlgen::ir::DiagnosticKind::UndefinedType)
        .map(|d| d.to_string())
        .collect();
    assert_eq!(
        undefined,
        [
            format!(
                "warning: big.tl:2: `big`: the declared ID #{id:08x} is the CRC-32 of the \
                 definition only if the type of param last `Fooo` is written `Foo`, the spelling \
                 method demo.send result uses at big.tl:4"
            ),
            "warning: big.tl:2: constructor big param last: type `Fooo` is defined by no \
             constructor (a misspelt result type?); it is generated as a type with no values, \
             whose decoding always fails"
                .to_string(),
            "warning: big.tl:4: method demo.send result: type `Foo` is defined by no constructor \
             (a misspelt result type?); it is generated as a type with no values, whose \
             decoding always fails"
                .to_string(),
        ]
    );
}

/// Redefinitions of `big` in [`many_duplicates`].
const DUPLICATES: usize = 20_000;

/// [`big_line`] followed by [`DUPLICATES`] one-param definitions of `big`,
/// each with its own ID.
fn many_duplicates() -> String {
    let mut text = big_line();
    for i in 0..DUPLICATES {
        text.push_str(&format!("big#{:08x} q:int = Bool;\n", i + 2));
    }
    text
}

#[test]
fn many_redefinitions_of_a_documented_name_merge_in_linear_time() {
    // Each redefinition is weighed against the 200,000-row page and the
    // 200,001-param first definition: their param sets are built once, not
    // once per redefinition.
    let merged = within_bound("weighing duplicate definitions", || {
        with_big_page(&many_duplicates())
    });
    ir::assert_no_errors("big", merged.errors());
    assert_eq!(
        merged.api.methods[0].id,
        Some(1),
        "the definition the page describes"
    );
    assert_eq!(merged.api.methods[0].params.len(), N + 1);
    let duplicates: Vec<String> = merged
        .diagnostics
        .iter()
        .filter(|d| d.kind == tlgen::ir::DiagnosticKind::DuplicateDefinition)
        .map(|d| d.to_string())
        .collect();
    assert_eq!(duplicates.len(), DUPLICATES);
    assert_eq!(
        duplicates.last().unwrap(),
        &format!(
            "warning: big.tl:{}: big#{:08x} redefines with another ID the entry big#00000001 of \
             big.tl:2; the first one is kept, as the page docs/methods/big.md describes it",
            DUPLICATES + 3,
            DUPLICATES + 1
        )
    );
}
