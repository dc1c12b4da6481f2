#!/usr/bin/env bash
# Instructions rustc executes to compile the generated crate (tlgen-api),
# debug, counted by valgrind's callgrind: a figure that does not move with
# the machine's load or clock, so two variants of the generated code compare
# on a busy machine where wall times drift by 15% (callgrind counts are
# repeatable to about 0.01%).
#
#   scripts/rustc-instructions.sh              # the `mid` selection of v223
#   SELECT= scripts/rustc-instructions.sh      # the full layer (about 15 min)
#   SOURCE=/path/to/edited/copy scripts/rustc-instructions.sh
#
# SOURCE compiles an edited copy of the generated tree (OUT_DIR) instead of
# what tlgen writes: copy the tree printed on the first line, edit, rerun.
# Runs of different variants can go in parallel (one core each).
#
# Environment (all optional): TLGEN_DOCS / TLGEN_SCHEMAS (default v223 in
# ../shared), SELECT (TLGEN_SELECT; default `mid` of
# scripts/measured-input.sh), SOURCE.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
. "$ROOT/scripts/measured-input.sh"
export TLGEN_DOCS=$DOCS TLGEN_SCHEMAS=$SCHEMAS TLGEN_SELECT=${SELECT-$SEL_mid}
command -v valgrind >/dev/null || { echo "error: valgrind is not installed" >&2; exit 1; }

cd "$ROOT"
# One target dir for every selection: the build script reruns when
# TLGEN_SELECT changes.
target=${CARGO_TARGET_DIR:-$ROOT/target}/instructions
export CARGO_TARGET_DIR=$target
cargo build -q -p tlgen-api
# The exact rustc command cargo runs for the crate (touching lib.rs makes it
# rerun), without the JSON diagnostics cargo asks for.
touch generated/src/lib.rs
cmd=$(cargo build -v -p tlgen-api 2>&1 | sed -n 's/^ *Running `\(.*rustc --crate-name tlgen_api .*\)`$/\1/p')
[ -n "$cmd" ] || { echo "error: could not capture rustc's command line" >&2; exit 1; }
out=$(ls -td "$target"/debug/build/tlgen-api-*/out | head -1)
echo "generated tree: $out"
src=${SOURCE:-$out}
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
cmd=$(printf '%s' "$cmd" | sed "s#--out-dir [^ ]*#--out-dir $scratch#; s#--error-format=json --json=[^ ]*##")
OUT_DIR=$src CARGO_PKG_NAME=tlgen-api CARGO_MANIFEST_DIR=$ROOT/generated \
    bash -c "valgrind --tool=callgrind --callgrind-out-file=/dev/null $cmd" 2>"$scratch/log" \
    || { tail -20 "$scratch/log"; exit 1; }
echo "instructions: $(sed -n 's/.*Collected : \([0-9]*\).*/\1/p' "$scratch/log")"
