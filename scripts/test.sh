#!/usr/bin/env bash
# The README's test command: every test on the embedded sample (`docs-input/`),
# then the generated crate built, checked and documented for the three shared
# layers in ../shared. In CI (CI=true) missing shared data is a failure.
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n==> %s\n' "$*"; }

step "workspace tests (sample docs + shared-data integration tests)"
cargo test --workspace --exclude tlgen-benches

step "generated crate (sample): every feature (serde, deserializable functions, sample values)"
cargo test -p tlgen-api --all-features

step "example: a program depending on tlgen-api alone (sample)"
cargo run -q -p tlgen-example

step "runtime: every feature, and no_std (no default features)"
cargo test -p tlgen-runtime --all-features
cargo build -p tlgen-runtime --no-default-features

step "generated crate (sample): no_std (no default features), alone, with serde, with the borrowed form"
cargo build -p tlgen-api --no-default-features
cargo build -p tlgen-api --no-default-features --features serde
cargo build -p tlgen-api --no-default-features --features borrowed

step "packages: publish dry run (each crate verified from its package), the CLI installed from its package"
bash scripts/check-packages.sh

step "library docs: tlgen and tlgen-runtime with RUSTDOCFLAGS=-D warnings"
RUSTDOCFLAGS="-D warnings" cargo doc -p tlgen -p tlgen-runtime --no-deps

shared="$(cd .. && pwd)/shared"
if [ ! -d "$shared/madelineproto-docs" ] || [ ! -d "$shared/tl-schemas" ]; then
    if [ "${CI:-}" = "true" ]; then
        echo "error: $shared is missing; CI=true forbids skipping the layer builds" >&2
        exit 1
    fi
    echo "NOTICE: $shared is missing; skipping the generated-crate layer builds"
    exit 0
fi
docs="$shared/madelineproto-docs"
tl="$shared/tl-schemas"

# Each layer rebuilds only tlgen-api: the build script reruns when TLGEN_* change.
with_layer() {
    local layer=$1
    shift
    case $layer in
        v223) schemas="$tl/TL_telegram_v223.tl:$tl/TL_secret.tl" ;;
        *) schemas="$tl/TL_telegram_$layer.tl" ;;
    esac
    TLGEN_DOCS="$docs/$layer" TLGEN_SCHEMAS="$schemas" "$@"
}

# The same example program, unchanged, against layer 65 and against layer 223
# with layer 65's error tables: a request built with `new` + setters survives
# the optional fields added in between.
step "example: layer 65"
with_layer v65 cargo run -q -p tlgen-example
step "example: layer 223, errors from layer 65"
with_layer v223 env TLGEN_ERROR_DOCS="$docs/v65" cargo run -q -p tlgen-example

for layer in v65 v66; do
    step "generated crate: check $layer"
    with_layer "$layer" cargo check -p tlgen-api --all-features
done
step "generated crate: doc v65 with RUSTDOCFLAGS=-D warnings"
with_layer v65 env RUSTDOCFLAGS="-D warnings" cargo doc -p tlgen-api --no-deps

step "generated crate: build and test v223"
with_layer v223 cargo test -p tlgen-api --all-features
step "generated crate: doc v223 with RUSTDOCFLAGS=-D warnings"
with_layer v223 env RUSTDOCFLAGS="-D warnings" cargo doc -p tlgen-api --no-deps
