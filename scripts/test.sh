#!/usr/bin/env bash
# The README's test command: every test on the embedded sample (`docs-input/`),
# then the tests over the real data in ../shared (the ones `cargo test` lists
# as ignored, "reads ../shared") and the generated crate built, checked and
# documented for the three shared layers. Without ../shared those steps are
# listed as skipped; in CI (CI=true) missing shared data is a failure.
#
# Every build goes to the target directory cargo would use here
# (CARGO_TARGET_DIR, or target/ of this checkout), the package check's
# included; nothing under $CARGO_HOME is changed but what cargo itself adds.
# It stops at the first failing step and ends with a summary of the steps:
# what ran, how long each took, and whether it passed.
set -uo pipefail
cd "$(dirname "$0")/.."

names=()
results=()
started=$SECONDS

summary() {
    local total=$((SECONDS - started))
    printf '\n==> summary (%dm%02ds)\n' $((total / 60)) $((total % 60))
    local i
    for i in "${!names[@]}"; do
        printf '  %-5s %s\n' "${results[$i]}" "${names[$i]}"
    done
}
trap summary EXIT

# step NAME COMMAND...: runs COMMAND as one step of the summary; the first
# failure ends the run (after the summary) with its status.
step() {
    local name=$1
    shift
    printf '\n==> %s\n' "$name"
    local begin=$SECONDS
    "$@"
    local status=$?
    local took=$((SECONDS - begin))
    names+=("$(printf '%4ds  %s' "$took" "$name")")
    if [ "$status" -ne 0 ]; then
        results+=(FAIL)
        exit "$status"
    fi
    results+=(ok)
}

skip() {
    names+=("$(printf '%4s  %s' - "$1")")
    results+=(skip)
}

step "workspace tests (sample docs)" \
    cargo test --workspace --exclude tlgen-benches

step "generated crate (sample): every feature (serde, deserializable functions, hash, sample values)" \
    cargo test -p tlgen-api --all-features

step "example: a program depending on tlgen-api alone (sample)" \
    cargo run -q -p tlgen-example
step "example: the MTProto envelope (sample)" \
    cargo run -q -p tlgen-example --bin envelope

# The model, merge and emit tests need none of the CLI's back ends (tools,
# diff, serde): only prettyplease, which their checks of generated code parse with.
step "tlgen: unit tests without the CLI's features (prettyplease only)" \
    cargo test -p tlgen --lib --no-default-features --features prettyplease

step "runtime: every feature" cargo test -p tlgen-runtime --all-features
step "runtime: no_std (no default features)" cargo build -p tlgen-runtime --no-default-features

step "generated crate (sample): no_std (no default features)" \
    cargo build -p tlgen-api --no-default-features
step "generated crate (sample): no_std with serde" \
    cargo build -p tlgen-api --no-default-features --features serde
step "generated crate (sample): no_std with the borrowed form" \
    cargo build -p tlgen-api --no-default-features --features borrowed

step "packages: publish dry run (each crate verified from its package), the CLI installed from its package" \
    bash scripts/check-packages.sh

step "library docs: tlgen and tlgen-runtime with RUSTDOCFLAGS=-D warnings" \
    env RUSTDOCFLAGS="-D warnings" cargo doc -p tlgen -p tlgen-runtime --no-deps

shared="$(cd .. && pwd)/shared"
layer_steps=(
    "workspace tests over ../shared (the ignored ones)"
    "example: layer 65"
    "example: layer 223 with the MTProto schema, errors from Telethon's tables and layer 65"
    "example: the MTProto envelope, layer 223"
    "generated crate: check v65"
    "generated crate: check v66"
    "generated crate: doc v65 with RUSTDOCFLAGS=-D warnings"
    "generated crate: build and test v223 with the MTProto and secret-chat schemas, Telethon's golden bytes included"
    "generated crate: doc v223 with both error sources, RUSTDOCFLAGS=-D warnings"
)
if [ ! -d "$shared/madelineproto-docs" ] || [ ! -d "$shared/tl-schemas" ] || [ ! -d "$shared/telethon" ]; then
    if [ "${CI:-}" = "true" ]; then
        echo "error: $shared is missing; CI=true forbids skipping the tests over it and the layer builds" >&2
        exit 1
    fi
    echo "NOTICE: $shared is missing; skipping the tests over it and the generated-crate layer builds"
    for name in "${layer_steps[@]}"; do skip "$name"; done
    exit 0
fi
docs="$shared/madelineproto-docs"
tl="$shared/tl-schemas"

# Each layer rebuilds only tlgen-api: the build script reruns when TLGEN_* change.
with_layer() {
    local layer=$1
    shift
    case $layer in
        v223) schemas="$tl/TL_telegram_v223.tl:$tl/TL_mtproto_v1.tl:$tl/TL_secret.tl" ;;
        *) schemas="$tl/TL_telegram_$layer.tl" ;;
    esac
    TLGEN_DOCS="$docs/$layer" TLGEN_SCHEMAS="$schemas" "$@"
}

# Both error sources through the build script: Telethon's tables and layer
# 65's error tables.
errors="$shared/telethon:$docs/v65"

# The same example program, unchanged, against layer 65 and against layer 223
# with both error sources: a request built with `new` + setters survives the
# optional fields added in between, and the MTProto envelope carries it.
# tlgen-api's one ignored test needs the crate built for v223: it runs with
# the v223 build below.
step "${layer_steps[0]}" cargo test --workspace --exclude tlgen-benches --exclude tlgen-api -- --ignored
step "${layer_steps[1]}" with_layer v65 cargo run -q -p tlgen-example
step "${layer_steps[2]}" with_layer v223 env TLGEN_ERROR_DOCS="$errors" cargo run -q -p tlgen-example
step "${layer_steps[3]}" with_layer v223 env TLGEN_ERROR_DOCS="$errors" cargo run -q -p tlgen-example --bin envelope
step "${layer_steps[4]}" with_layer v65 cargo check -p tlgen-api --all-features
step "${layer_steps[5]}" with_layer v66 cargo check -p tlgen-api --all-features
step "${layer_steps[6]}" with_layer v65 env RUSTDOCFLAGS="-D warnings" cargo doc -p tlgen-api --no-deps
step "${layer_steps[7]}" with_layer v223 cargo test -p tlgen-api --all-features -- --include-ignored
step "${layer_steps[8]}" with_layer v223 env TLGEN_ERROR_DOCS="$errors" RUSTDOCFLAGS="-D warnings" cargo doc -p tlgen-api --no-deps
