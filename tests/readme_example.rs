//! The README shows the example crate's program; the test command builds and
//! runs that program against three layers. This keeps the README's copy the
//! same code (and the features it turns on), so the README's example is one
//! that is known to work.

#[test]
fn readme_shows_the_example_program_verbatim() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let readme = std::fs::read_to_string(root.join("README.md")).expect("README.md");
    let program = std::fs::read_to_string(root.join("example/src/main.rs")).expect("example");
    let block = format!("```rust\n{program}```\n");
    assert!(
        readme.contains(&block),
        "README.md must show example/src/main.rs verbatim in a ```rust block"
    );
}

#[test]
fn readme_shows_the_example_features() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let readme = std::fs::read_to_string(root.join("README.md")).expect("README.md");
    let manifest = std::fs::read_to_string(root.join("example/Cargo.toml")).expect("manifest");
    let dependency: Vec<&str> = manifest
        .lines()
        .filter(|l| l.starts_with("tlgen-api = "))
        .collect();
    assert_eq!(dependency.len(), 1, "{manifest}");
    assert!(
        dependency[0].contains(r#"features = ["serde", "hash"]"#),
        "the example turns on `hash` (off by default) for its HashSet: {}",
        dependency[0]
    );
    assert!(
        readme.contains(&format!("```toml\n{}\n```\n", dependency[0])),
        "README.md shows the example's tlgen-api line: {}",
        dependency[0]
    );
}

#[test]
fn the_example_reads_doubles_as_the_readme_advises() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let readme = std::fs::read_to_string(root.join("README.md")).expect("README.md");
    assert!(
        readme.contains("enable serde_json's\n`float_roundtrip` feature"),
        "the README advises serde_json's float_roundtrip for the JSON form"
    );
    let manifest = std::fs::read_to_string(root.join("example/Cargo.toml")).expect("manifest");
    let serde_json: Vec<&str> = manifest
        .lines()
        .filter(|l| l.starts_with("serde_json"))
        .collect();
    assert_eq!(
        serde_json,
        [r#"serde_json = { version = "1", features = ["float_roundtrip"] }"#],
        "example/Cargo.toml follows that advice"
    );
}
