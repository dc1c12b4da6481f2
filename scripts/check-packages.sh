#!/usr/bin/env bash
# What a release would do, short of uploading: package the three published
# crates in dependency order and verify each by building it from its package
# (against the other two packages, not the workspace), then install the CLI
# from its package the way `cargo install tlgen` would, and run it.
#
# Every build goes under the target directory cargo would use here
# (CARGO_TARGET_DIR, or target/ of this checkout). The user's $CARGO_HOME is
# left alone: the dry run unpacks the packages it verifies into
# $CARGO_HOME/registry/src, and would reuse an earlier run's copy of the
# same name and version there, so it runs with a CARGO_HOME of its own (in
# the target directory) that borrows only the registry index and the
# downloaded crates.
set -euo pipefail
cd "$(dirname "$0")/.."

# tlgen-api's verification build generates from its bundled sample; the
# workspace's .cargo/config.toml makes that choice (TLGEN_DOCS=sample) for
# builds under this directory, the packaged copy included.
version=$(sed -n 's/^version = "\(.*\)"/\1/p' codegen/Cargo.toml | head -n 1)
target=${CARGO_TARGET_DIR:-$PWD/target}
case $target in /*) ;; *) target=$PWD/$target ;; esac
check=$target/package-check
user_home=${CARGO_HOME:-$HOME/.cargo}

home=$check/cargo-home
mkdir -p "$home/registry"
for shared in registry/index registry/cache config.toml config credentials.toml; do
    if [ -e "$user_home/$shared" ] && [ ! -e "$home/$shared" ]; then
        ln -s "$user_home/$shared" "$home/$shared"
    fi
done
# Its own unpacked sources: the copies of these crates from an earlier run
# must not stand in for today's packages.
rm -rf "$home/registry/src"

export CARGO_TARGET_DIR=$check
if [ -d "$CARGO_TARGET_DIR/debug" ]; then
    cargo clean -q -p tlgen-runtime -p tlgen -p tlgen-api
fi
# Cargo must not clean the borrowed cache by its own schedule.
CARGO_HOME=$home CARGO_CACHE_AUTO_CLEAN_FREQUENCY=never \
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
CARGO_TARGET_DIR="$target/install-check" cargo install --debug --quiet \
    --path "$scratch/tlgen-$version" --root "$scratch/root" \
    --config "patch.crates-io.tlgen-runtime.path=\"$scratch/tlgen-runtime-$version\""
"$scratch/root/bin/tlgen" --version
"$scratch/root/bin/tlgen" generate --docs docs-input --schema docs-input/schemas \
    --out "$scratch/out" >/dev/null
test -f "$scratch/out/mod.rs" || { echo "error: the installed tlgen wrote no mod.rs" >&2; exit 1; }
echo "packages ok: tlgen-runtime, tlgen, tlgen-api $version; tlgen installed from its package"
