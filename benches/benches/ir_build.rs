//! Building the IR of the full v223 docs + schemas, beside a floor that only
//! reads the same files and walks their pulldown-cmark events.
//!
//! `cargo bench -p tlgen-benches --bench ir_build`

use std::path::{Path, PathBuf};

use criterion::{criterion_group, criterion_main, Criterion};
use pulldown_cmark::{Options, Parser};
use tlgen_test_support::shared;

/// Every page path and every schema path, as the generator reads them.
fn input_files(docs: &Path, schemas: &[PathBuf]) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for folder in ["methods", "constructors", "types"] {
        for entry in std::fs::read_dir(docs.join(folder)).unwrap() {
            files.push(entry.unwrap().path());
        }
    }
    files.extend(schemas.iter().cloned());
    files
}

/// The floor: read every file; walk the Markdown ones' events once.
fn floor(files: &[PathBuf]) -> usize {
    let mut events = 0;
    for path in files {
        let text = std::fs::read_to_string(path).unwrap();
        if path.extension().is_some_and(|e| e == "md") {
            events += Parser::new_ext(&text, Options::ENABLE_TABLES).count();
        } else {
            events += text.lines().count();
        }
    }
    events
}

fn bench(c: &mut Criterion) {
    let shared = match shared::find() {
        Ok(shared) => shared,
        Err(missing) => {
            eprintln!(
                "ir_build: {} missing; nothing to measure",
                missing.join(", ")
            );
            return;
        }
    };
    let (docs, schemas) = (shared.docs("v223"), shared.schemas("v223"));
    // Measured on an input the pipeline accepts.
    let merged = tlgen::merge::build(&docs, &schemas).unwrap();
    tlgen_test_support::ir::assert_no_errors("v223", merged.errors());
    let files = input_files(&docs, &schemas);
    let one = rayon::ThreadPoolBuilder::new()
        .num_threads(1)
        .build()
        .unwrap();
    let two = rayon::ThreadPoolBuilder::new()
        .num_threads(2)
        .build()
        .unwrap();

    let mut group = c.benchmark_group("ir_v223");
    group.sample_size(20);
    group.bench_function("floor_read_and_walk_events_1_thread", |b| {
        b.iter(|| floor(&files))
    });
    group.bench_function("tlgen_ir_1_thread", |b| {
        b.iter(|| one.install(|| tlgen::merge::build(&docs, &schemas).unwrap()))
    });
    group.bench_function("tlgen_ir_2_threads", |b| {
        b.iter(|| two.install(|| tlgen::merge::build(&docs, &schemas).unwrap()))
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
