#!/usr/bin/env bash
# Clean-build cost of the generated crate (`tlgen-api`) for a full layer and for
# two method selections, against grammers-tl-types 0.11 built clean on the
# same machine in the same run. Prints a markdown table.
#
# Two kinds of rows:
# * "whole": a user's crate outside this workspace (empty lib.rs) depending on
#   tlgen-api by path, configured as the README says, against the same crate
#   depending on grammers-tl-types, each from an empty target dir: everything
#   the crate needs, tlgen (the build dependency) included.
# * "crate": tlgen-api alone inside this workspace (dependencies prebuilt).
#
#   scripts/measure-build-time.sh            # debug and release
#   PROFILES=debug scripts/measure-build-time.sh
#
# Environment (all optional):
#   TLGEN_DOCS / TLGEN_SCHEMAS  layer to build, absolute (default: v223 in ../shared)
#   WORK                        scratch dir (default /tmp/tlgen-buildtime)
#   PROFILES                    "debug release" (default)
#   CASES                       "full small mid" (default); full-hash (not in the
#                               default) is the full layer with tlgen-api's `hash`
#                               feature (off by default), and also adds a
#                               whole-build row for it; full-mtproto (not in
#                               the default) is the full layer with the MTProto
#                               service schema (TL_mtproto_v1.tl) beside it
#   GRAMMERS                    1 (default) to measure grammers-tl-types too
#   ROUNDS                      crate-only rounds (default 3): each round builds
#                               grammers, then every tlgen-api case, back to back,
#                               so that each pair shares the machine's state;
#                               the report gives medians over the rounds;
#                               0 skips them
#   WHOLE_ROUNDS                whole-build rounds (default 3), interleaved the
#                               same way (grammers, then the full tlgen-api user
#                               crate); 0 skips them
#
# Every figure comes from `/usr/bin/time -v` around one `cargo build`:
#   wall, CPU = user+sys of cargo and everything it ran, peak RSS = the largest
#   single process (rustc, usually).
# "crate" rows: the dependencies are built first, then `cargo clean -p <crate>`
#   and the crate alone is timed (its build script included: for tlgen-api that
#   is the generator, shown separately in the "build script" column, taken
#   from `cargo build --timings`).
# "whole" rows: an empty target dir, everything the crate needs.
# Each configuration has its own target dir (grammers and the user crate under
# $WORK, tlgen-api crate-only under buildtime/ in the target dir cargo would
# use here: CARGO_TARGET_DIR, or target/ of this repo). The 1-minute load average when each
# build started is printed so a busy machine shows. tlgen-api is a member of this
# workspace, whose Cargo.toml builds it non-incrementally (as cargo builds
# grammers-tl-types, a registry crate).
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
WORK=${WORK:-/tmp/tlgen-buildtime}
# DOCS, SCHEMAS, SEL_small, SEL_mid
. "$ROOT/scripts/measured-input.sh"
PROFILES=${PROFILES:-debug release}
CASES=${CASES:-full small mid}
GRAMMERS=${GRAMMERS:-1}
ROUNDS=${ROUNDS:-3}
WHOLE_ROUNDS=${WHOLE_ROUNDS:-3}
ROUND=0

if [ ! -x /usr/bin/time ]; then
    apt-get install -y time >/dev/null
fi
mkdir -p "$WORK/logs"
RESULTS=$WORK/results.tsv
: >"$RESULTS"

profile_flag() { [ "$1" = release ] && echo --release || true; }

# timings_secs TARGET_DIR CRATE MODE -> seconds of that unit in the last
# `cargo build --timings` report (MODE: run-custom-build or todo = compile).
timings_secs() {
    python3 - "$1/cargo-timings/cargo-timing.html" "$2" "$3" <<'EOF'
import json, re, sys
html = open(sys.argv[1]).read()
m = re.search(r'const UNIT_DATA = (\[.*?\]);\n', html, re.S)
units = json.loads(m.group(1)) if m else []
tot = sum(u["duration"] for u in units
          if u["name"] == sys.argv[2] and u["mode"] == sys.argv[3]
          and (sys.argv[3] != "todo" or u["target"].strip() == ""))
print(f"{tot:.1f}")
EOF
}

# timed LABEL WHAT CRATE PROFILE TARGET_DIR -- COMMAND...
timed() {
    local label=$1 what=$2 crate=$3 profile=$4 td=$5
    shift 6
    local load
    load=$(cut -d' ' -f1 /proc/loadavg)
    /usr/bin/time -v -o "$WORK/logs/$label.time" "$@" --timings >"$WORK/logs/$label.out" 2>&1 || {
        echo "build failed: $label (see $WORK/logs/$label.out)" >&2
        tail -20 "$WORK/logs/$label.out" >&2
        return 1
    }
    local t=$WORK/logs/$label.time
    local wall user sys rss
    wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {n=split($2,a,":"); s=0; for(i=1;i<=n;i++) s=s*60+a[i]; printf "%.1f", s}' "$t")
    user=$(awk -F': ' '/User time/ {print $2}' "$t")
    sys=$(awk -F': ' '/System time/ {print $2}' "$t")
    rss=$(awk -F': ' '/Maximum resident set size/ {printf "%.0f", $2/1024}' "$t")
    local cpu
    cpu=$(awk -v u="$user" -v s="$sys" 'BEGIN {printf "%.1f", u+s}')
    local script compile
    script=$(timings_secs "$td" "$crate" run-custom-build)
    compile=$(timings_secs "$td" "$crate" todo)
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' \
        "$label" "$what" "$profile" "$wall" "$cpu" "$rss" "$script" "$compile" "$load" \
        "$(date -u +%H:%M:%S)" "$ROUND" | tee -a "$RESULTS" >&2
}

# ---------------------------------------------------------------- grammers
G=$WORK/grammers
if [ "$GRAMMERS" = 1 ]; then
    mkdir -p "$G/src"
    cat >"$G/Cargo.toml" <<'EOF'
[package]
name = "grammers-buildtime"
version = "0.1.0"
edition = "2021"
publish = false

[dependencies]
grammers-tl-types = "=0.11.0"

[workspace]
EOF
    echo >"$G/src/lib.rs"
    (cd "$G" && cargo generate-lockfile -q)
fi

grammers_crate() { # PROFILE
    local td=$G/target-$1
    (cd "$G" && CARGO_TARGET_DIR=$td cargo clean -q -p grammers-tl-types $(profile_flag "$1"))
    (cd "$G" && CARGO_TARGET_DIR=$td timed "grammers-crate-$1" crate grammers-tl-types "$1" "$td" -- \
        cargo build -p grammers-tl-types $(profile_flag "$1"))
}

# ------------------------------------------------- a user's crate on tlgen-api
# Outside this workspace (so none of its profile or [env] settings apply),
# depending on tlgen-api by path the way the README's "As a dependency"
# section says, full layer.
# user_crate DIR NAME DEPENDENCY_EXTRA: that crate, an empty lib.rs, its
# lockfile; DEPENDENCY_EXTRA follows the path in tlgen-api's dependency line.
user_crate() {
    mkdir -p "$1/src"
    cat >"$1/Cargo.toml" <<EOF
[package]
name = "$2"
version = "0.1.0"
edition = "2021"
publish = false

[dependencies]
tlgen-api = { path = "$ROOT/generated"$3 }

[profile.dev.package.tlgen-api]
incremental = false
[profile.dev.package.tlgen]
incremental = false
[profile.dev.package.tlgen-runtime]
incremental = false

[workspace]
EOF
    echo >"$1/src/lib.rs"
    (cd "$1" && { cargo generate-lockfile -q --offline 2>/dev/null || cargo generate-lockfile -q; })
}
U=$WORK/user
user_crate "$U" tlgen-buildtime-user ""
# The same crate on tlgen-api with its `hash` feature (off by default).
UH=$WORK/user-hash
user_crate "$UH" tlgen-buildtime-user-hash ', features = ["hash"]'

user_whole() { # PROFILE [hash]
    local dir=$U label=tlapi-user-whole-$1
    if [ "${2:-}" = hash ]; then dir=$UH label=tlapi-user-hash-whole-$1; fi
    local td=$dir/target-$1
    rm -rf "$td"
    (cd "$dir" && TLGEN_DOCS=$DOCS TLGEN_SCHEMAS=$SCHEMAS CARGO_TARGET_DIR=$td \
        timed "$label" whole tlgen-api "$1" "$td" -- cargo build $(profile_flag "$1"))
}
grammers_whole() { # PROFILE
    local td=$G/target-$1
    rm -rf "$td"
    (cd "$G" && CARGO_TARGET_DIR=$td timed "grammers-whole-$1" whole grammers-tl-types "$1" "$td" -- \
        cargo build $(profile_flag "$1"))
}

# ------------------------------------------------------------------ tlgen-api
LINES=$WORK/lines.tsv
: >"$LINES"
count_generated() { # CASE TARGET_DIR PROFILE
    local out
    # The newest: each feature set has its own OUT_DIR.
    out=$(ls -td "$2/$3"/build/tlgen-api-*/out 2>/dev/null | head -1)
    local lines ctors fns
    lines=$(find "$out" -name '*.rs' -print0 | xargs -0 cat | wc -l)
    ctors=$(count_ids "$out" types)
    fns=$(count_ids "$out" functions)
    printf '%s\t%s\t%s\t%s\n' "$1" "$lines" "$ctors" "$fns" >>"$LINES"
}
# Constructor IDs listed in the generated `tl_boxed!` invocations of one
# module tree (`types` = constructors, `functions` = methods).
count_ids() {
    { cat "$1/$2.rs" 2>/dev/null || true; find "$1/$2" -name '*.rs' -exec cat {} + 2>/dev/null || true; } |
        tr '\n' ' ' | { grep -oE '\b[A-Z][A-Za-z0-9]* = +0x[0-9a-f]{8}' || true; } | wc -l
}

# case_features CASE: cargo's feature flags for one tlgen-api case.
case_features() {
    if [ "$1" = full-hash ]; then echo --features hash; fi
}

# api_env CASE: the environment of one tlgen-api case.
api_env() {
    local sel_var=SEL_${1//-/_}
    export TLGEN_DOCS=$DOCS TLGEN_SCHEMAS=$SCHEMAS TLGEN_SELECT=${!sel_var:-}
    if [ "$1" = full-mtproto ]; then
        TLGEN_SCHEMAS=$SCHEMAS:$SHARED/tl-schemas/TL_mtproto_v1.tl
    fi
}

cd "$ROOT"
for p in $PROFILES; do
    td=${CARGO_TARGET_DIR:-$ROOT/target}/buildtime/$p
    # Whole builds, in interleaved rounds: empty target dirs, everything the
    # crate needs.
    for ROUND in $(seq "$WHOLE_ROUNDS"); do
        if [ "$GRAMMERS" = 1 ]; then grammers_whole "$p"; fi
        user_whole "$p"
        case " $CASES " in *" full-hash "*) user_whole "$p" hash ;; esac
    done
    ROUND=0
    # The crate-only builds below reuse these dependencies.
    if [ "$ROUNDS" -gt 0 ]; then
        api_env full
        CARGO_TARGET_DIR=$td cargo build -q -p tlgen-api $(profile_flag "$p") 2>/dev/null
    fi
    # Crate-only builds, in interleaved rounds.
    for ROUND in $(seq "$ROUNDS"); do
        if [ "$GRAMMERS" = 1 ]; then grammers_crate "$p"; fi
        for c in $CASES; do
            api_env "$c"
            CARGO_TARGET_DIR=$td cargo clean -q -p tlgen-api $(profile_flag "$p")
            # shellcheck disable=SC2046 # the flags are words
            CARGO_TARGET_DIR=$td timed "tlapi-$c-crate-$p" crate tlgen-api "$p" "$td" -- cargo build -p tlgen-api $(profile_flag "$p") $(case_features "$c")
            if ! grep -q "^$c	" "$LINES"; then count_generated "$c" "$td" "$p"; fi
        done
    done
    ROUND=0
    unset TLGEN_SELECT
done

# ------------------------------------------------------------------ report
python3 - "$RESULTS" "$LINES" <<'EOF'
import statistics, sys
rows = [l.rstrip("\n").split("\t") for l in open(sys.argv[1]) if l.strip()]
lines = {l.split("\t")[0]: l.rstrip("\n").split("\t")[1:] for l in open(sys.argv[2]) if l.strip()}
groups = {}
for r in rows:
    groups.setdefault(r[0], []).append(r)
def med(rs, i):
    return statistics.median(float(r[i]) for r in rs)
def ref(label):
    # grammers counterpart: same kind (crate/whole) and profile
    parts = label.split("-")
    return groups.get(f"grammers-{parts[-2]}-{parts[-1]}")
print("| build | profile | runs | wall s | CPU s (user+sys) | peak RSS MiB | build script s | rustc (lib) s | vs grammers wall | vs grammers CPU | load at start |")
print("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
for label, rs in groups.items():
    g = ref(label)
    rw = rc = ""
    if g and not label.startswith("grammers"):
        rw = f"{med(rs, 3) / med(g, 3):.2f}x"
        rc = f"{med(rs, 4) / med(g, 4):.2f}x"
    loads = sorted(float(r[8]) for r in rs)
    load = f"{loads[0]:.1f}" if len(loads) == 1 else f"{loads[0]:.1f}-{loads[-1]:.1f}"
    rss = max(int(r[5]) for r in rs)
    name, prof = label.rsplit("-", 1)
    print(f"| {name} | {prof} | {len(rs)} | {med(rs, 3):.1f} | {med(rs, 4):.1f} | {rss} | "
          f"{med(rs, 6):.1f} | {med(rs, 7):.1f} | {rw} | {rc} | {load} |")
print()
print("Medians over the runs; each ratio is a median over grammers' median of the same kind (crate or whole).")
if lines:
    print()
    print("| tlgen-api case | generated lines | constructors | methods |")
    print("|---|---:|---:|---:|")
    for k, v in lines.items():
        print(f"| {k} | {v[0]} | {v[1]} | {v[2]} |")
EOF
