//! The token printer (`Formatting::Lines`, what tlgen-api's build script uses)
//! lays out exactly the code that prettyplease prints, over all of v223:
//! every file parsed with syn and printed with prettyplease is the
//! prettyplease file.

use tlgen::emit::{generate, lines, Formatting, Options};
use tlgen_test_support::{ir, shared};

#[test]
#[ignore = "reads ../shared"]
fn v223_lines_layout_is_the_prettyplease_code() {
    let shared = shared::require();
    let api = ir::build(&shared.docs("v223"), &shared.schemas("v223")).api;
    let with = |formatting| Options {
        formatting,
        sample_values: tlgen::emit::Gate::feature("sample-values"),
        ..Options::default()
    };
    let pretty = generate(&api, &with(Formatting::Prettyplease)).expect("prettyplease");
    let fast = generate(&api, &with(Formatting::Lines)).expect("lines");
    assert_eq!(
        fast.files.keys().collect::<Vec<_>>(),
        pretty.files.keys().collect::<Vec<_>>()
    );
    let mut lines_total = 0;
    for (path, text) in &fast.files {
        assert_eq!(
            lines::canonical(text),
            lines::canonical(&pretty.files[path]),
            "{path}: the two layouts are different code"
        );
        lines_total += text.lines().count();
    }
    // Line-oriented like prettyplease's output, not a few giant lines.
    let pretty_total: usize = pretty.files.values().map(|t| t.lines().count()).sum();
    assert!(
        lines_total * 10 > pretty_total * 7,
        "{lines_total} lines against prettyplease's {pretty_total}"
    );
}
