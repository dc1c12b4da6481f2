//! `cfg(tlgen_v223)` when `tlgen-api` is generated from the v223 docs, so the
//! `generated_vs_grammers` bench (which names v223 items) compiles only then.
//! Without it the bench still builds and prints how to run it.

fn main() {
    println!("cargo::rustc-check-cfg=cfg(tlgen_v223)");
    println!("cargo::rerun-if-env-changed=TLGEN_DOCS");
    println!("cargo::rerun-if-changed=build.rs");
    if let Some(docs) = std::env::var_os("TLGEN_DOCS") {
        let docs = docs.to_string_lossy();
        if docs.trim_end_matches(['/', '\\']).ends_with("v223") {
            println!("cargo::rustc-cfg=tlgen_v223");
        }
    }
}
