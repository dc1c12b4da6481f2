//! What the README asks of a reader before anything else: it says what tlgen
//! is before its first command, and every example builds in one cargo
//! profile, so following it compiles tlgen once.

fn readme() -> String {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(root.join("README.md")).expect("README.md")
}

#[test]
fn readme_says_what_tlgen_is_before_any_command() {
    let readme = readme();
    let first_block = readme.find("\n```").expect("the README has code blocks");
    let before = &readme[..first_block];
    assert!(
        before.contains("tlgen generates typed Rust bindings for the Telegram MTProto API"),
        "the opening sentence comes first:\n{before}"
    );
}

#[test]
fn readme_examples_use_one_cargo_profile() {
    let readme = readme();
    let mut in_block = false;
    for (n, line) in readme.lines().enumerate() {
        if line.starts_with("```") {
            in_block = !in_block;
            continue;
        }
        if in_block && line.contains("cargo ") {
            assert!(
                !line.contains("--release") && !line.contains("--profile"),
                "README.md:{}: an example in another profile than the others: {line}",
                n + 1
            );
        }
    }
}
