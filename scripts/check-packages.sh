#!/usr/bin/env bash
# What a release would do, short of uploading: package the three published
# crates in dependency order and verify each by building it from its package
# (against the other two packages, not the workspace), then install the CLI
# from its package the way `cargo install tlgen` would, and run it.
set -euo pipefail
cd "$(dirname "$0")/.."

# tlgen-api's verification build generates from its bundled sample; the
# workspace's .cargo/config.toml makes that choice (TLGEN_DOCS=sample) for
# builds under this directory, the packaged copy included.
version=$(sed -n 's/^version = "\(.*\)"/\1/p' codegen/Cargo.toml | head -n 1)
# Cargo takes a registry crate of the same name and version for unchanged:
# it would reuse the sources it unpacked from its scratch registry on an
# earlier run ($CARGO_HOME/registry/src/-<hash>/) and the builds made from
# them. Both are removed first (only those of these three crates), and the
# verification builds go to a target dir of their own.
for unpacked in "${CARGO_HOME:-$HOME/.cargo}"/registry/src/-*/; do
    for crate in tlgen-runtime tlgen tlgen-api; do
        rm -rf "$unpacked$crate-$version"
    done
done
export CARGO_TARGET_DIR="$PWD/target/package-check"
if [ -d "$CARGO_TARGET_DIR" ]; then
    cargo clean -q -p tlgen-runtime -p tlgen -p tlgen-api
fi
cargo publish --dry-run --allow-dirty -p tlgen-runtime -p tlgen -p tlgen-api

# The same packages again, kept as .crate files (the dry run keeps its own
# only in cargo's scratch space).
cargo package --quiet --no-verify --allow-dirty -p tlgen-runtime -p tlgen

scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
# Unpacked outside the workspace, as crates.io would serve them. The runtime
# is not on crates.io yet, so the CLI's dependency on it is patched to the
# runtime's own package.
for crate in tlgen-runtime tlgen; do
    tar -xzf "$CARGO_TARGET_DIR/package/$crate-$version.crate" -C "$scratch"
done
CARGO_TARGET_DIR="$PWD/target/install-check" cargo install --debug --quiet \
    --path "$scratch/tlgen-$version" --root "$scratch/root" \
    --config "patch.crates-io.tlgen-runtime.path=\"$scratch/tlgen-runtime-$version\""
"$scratch/root/bin/tlgen" --version
"$scratch/root/bin/tlgen" generate --docs docs-input \
    --schema docs-input/schemas/sample.tl --schema docs-input/schemas/sample_secret.tl \
    --out "$scratch/out" >/dev/null
test -f "$scratch/out/mod.rs" || { echo "error: the installed tlgen wrote no mod.rs" >&2; exit 1; }
echo "packages ok: tlgen-runtime, tlgen, tlgen-api $version; tlgen installed from its package"
