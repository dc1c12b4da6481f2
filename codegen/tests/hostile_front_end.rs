//! Pseudo-random and mutated pages, schemas and Telethon tables through the
//! front end: each must give a value or an error naming file and line, never
//! a panic. Deterministic (seeded xorshift); the same checks back the
//! cargo-fuzz targets `pages`, `schema` and `telethon` in `fuzz/`.

use tlgen_test_support::front_end::{page, schema, telethon};
use tlgen_test_support::tree::entries;
use tlgen_test_support::{sample_docs, Rng};

/// Fragments that matter to the page and schema grammars.
const TOKENS: &[&str] = &[
    "\n",
    "|",
    "---",
    "#",
    "# Method: ",
    "### Parameters:",
    "### Return type: ",
    "[",
    "](",
    ")",
    "Array of ",
    "Vector<",
    ">",
    "<",
    "{X:Type}",
    "flags:#",
    "flags.0?",
    ":",
    ";",
    " = ",
    "!X",
    "%",
    "\\",
    "`",
    "\r\n",
    "\u{feff}",
    "é",
    "===8===",
    "---functions---",
    "| Code | Type |",
    "|---|---|",
    "### Errors",
    "* ",
    "> ",
    "\"",
    "\"\"",
    ",",
    "{seconds}",
];

/// Applies a few random edits (delete, duplicate, insert a token) to `seed`.
fn mutate(rng: &mut Rng, seed: &str) -> String {
    let mut text = seed.as_bytes().to_vec();
    for _ in 0..=rng.below(8) {
        let at = rng.below(text.len() + 1);
        match rng.below(3) {
            0 if !text.is_empty() => {
                let end = (at + rng.below(16)).min(text.len());
                let at = at.min(end);
                text.drain(at..end);
            }
            1 => {
                let end = (at + rng.below(64)).min(text.len());
                let copy = text[at.min(end)..end].to_vec();
                let to = rng.below(text.len() + 1);
                text.splice(to..to, copy);
            }
            _ => {
                let token = TOKENS[rng.below(TOKENS.len())].as_bytes();
                text.splice(at..at, token.iter().copied());
            }
        }
    }
    // Edits may split a UTF-8 sequence; the harness skips such input, so
    // repair it to keep every iteration useful.
    String::from_utf8_lossy(&text).into_owned()
}

fn seeds(folder: &str, ext: &str) -> Vec<String> {
    let dir = sample_docs().join(folder);
    let out: Vec<String> = entries(&dir)
        .into_iter()
        .filter(|p| p.extension().is_some_and(|x| x == ext))
        .map(|p| std::fs::read_to_string(&p).unwrap())
        .collect();
    assert!(!out.is_empty(), "no seeds in {}", dir.display());
    out
}

/// `rounds` mutated inputs, the `i`-th made from corpus entry `i % len` as
/// `pick` narrows it, then every corpus entry as it is, through `check`.
fn run(
    corpus: &[String],
    rng: &mut Rng,
    rounds: usize,
    pick: impl Fn(&mut Rng, usize, &String) -> String,
    check: fn(&[u8]),
) {
    for i in 0..rounds {
        let text = pick(rng, i, &corpus[i % corpus.len()]);
        check(mutate(rng, &text).as_bytes());
    }
    for seed in corpus {
        check(seed.as_bytes());
    }
}

#[test]
fn mutated_pages_never_panic() {
    let mut corpus = seeds("methods", "md");
    corpus.extend(seeds("constructors", "md"));
    corpus.extend(seeds("types", "md"));
    corpus.extend(seeds("malformed", "md"));
    let mut rng = Rng::new(0x9e37_79b9_7f4a_7c15);
    run(&corpus, &mut rng, 4_000, |_, _, seed| seed.clone(), page);
}

#[test]
fn mutated_schemas_never_panic() {
    let corpus = seeds("schemas", "tl");
    let mut rng = Rng::new(0x2545_f491_4f6c_dd1d);
    // Single lines too: most edits break one line of a whole file early.
    let pick = |rng: &mut Rng, i: usize, seed: &String| {
        let lines: Vec<&str> = seed.lines().collect();
        if i.is_multiple_of(2) {
            seed.clone()
        } else {
            lines[rng.below(lines.len())].to_string()
        }
    };
    run(&corpus, &mut rng, 2_000, pick, schema);
}

#[test]
fn mutated_telethon_tables_never_panic() {
    let corpus = seeds("telethon", "csv");
    let mut rng = Rng::new(0x5851_f42d_4c95_7f2d);
    run(
        &corpus,
        &mut rng,
        4_000,
        |_, _, seed| seed.clone(),
        telethon,
    );
}
