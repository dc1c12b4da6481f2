//! Uses `tlgen::config::Config` exactly as a user's build script would: the
//! bundled sample, narrowed to one method, generated into `OUT_DIR/selected/`
//! and included by `src/lib.rs`. `tests/builder_selection.rs` checks the
//! result compiles, talks the wire format and left out what was not selected.

fn main() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let sample = root.join("docs-input");
    let out = std::path::PathBuf::from(std::env::var_os("OUT_DIR").expect("OUT_DIR"));
    let mut config = tlgen::config::Config::new();
    config
        .docs(&sample)
        .schema(sample.join("schemas/sample.tl"))
        .schema(sample.join("schemas/sample_secret.tl"))
        .out_dir(out.join("selected"))
        .layout(tlgen::emit::Layout::Include {
            env_var: "OUT_DIR".into(),
            prefix: "selected/".into(),
        })
        .root_path("crate::selected")
        .select("messages.importChatInvite");
    if let Err(e) = config.generate() {
        eprintln!("error: {e}");
        std::process::exit(1);
    }
}
