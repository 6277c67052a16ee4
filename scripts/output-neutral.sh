#!/usr/bin/env bash
# Prove that refactoring commits leave wara's output unchanged.
#
#   scripts/output-neutral.sh [RANGE]        (default: main..HEAD)
#
# For every commit C in RANGE (oldest first) it builds the wara binary of C and of its first
# parent P, runs each on its own commit's sources (the Lopburi site, every fixture site under
# tests/fixtures/ and every example site under examples/, with the theme overrides as they are
# in that commit) and compares what each wrote with `diff -r`, plus each build's exit code.
# A site that exists on one side only (a fixture added or removed) is named, not compared. It prints one line per commit:
# "same" or "DIFFERS" with the diff. Exit status 1 when any commit differs.
#
# NEUTRAL_ENDS=1 compares only the range's base with its last commit (one pair, quicker while
# working); the per-commit run is the proof.
# Diagnostics are not compared: a bug fix may move a reported position; the site is the output.
# Environment: NEUTRAL_WORK (scratch folder, default /tmp/wara-neutral), CARGO_TARGET_DIR
# (default $NEUTRAL_WORK/target, kept between runs so each commit compiles incrementally).
set -euo pipefail

range=${1:-main..HEAD}
repo=$(git rev-parse --show-toplevel)
work=${NEUTRAL_WORK:-/tmp/wara-neutral}
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-$work/target}
mkdir -p "$work/bin" "$work/src" "$work/out"
tree="$work/tree"
if [ ! -d "$tree" ]; then
    git -C "$repo" worktree add --detach "$tree" HEAD >/dev/null 2>&1
fi

# The wara binary of a commit, built once and kept by hash.
binary() {
    local c=$1
    if [ ! -x "$work/bin/$c" ]; then
        git -C "$tree" checkout --quiet --detach "$c"
        (cd "$tree" && cargo build --quiet --bin wara 2>&1 | tail -5) >&2
        cp "$CARGO_TARGET_DIR/debug/wara" "$work/bin/$c"
    fi
    echo "$work/bin/$c"
}

# The sites of a commit: the repository root (Lopburi), tests/fixtures/*, examples/*.
sources() {
    local c=$1
    local dir="$work/src/$c"
    if [ ! -d "$dir" ]; then
        mkdir -p "$dir"
        git -C "$repo" archive "$c" | tar -x -C "$dir"
    fi
    echo "$dir"
}

sites() {
    local src=$1
    echo "$src"
    for s in "$src"/tests/fixtures/*/ "$src"/examples/*/; do
        [ -f "$s/site.yaml" ] && echo "${s%/}"
    done
    return 0
}

# Build every site of `src` with binary `bin` into out/<label>/<site>/; record exit codes.
run_all() {
    local bin=$1 src=$2 label=$3 out="$work/out/$3"
    rm -rf "$out"
    mkdir -p "$out"
    while read -r site; do
        local name
        name=$(basename "$site")
        [ "$site" = "$src" ] && name=lopburi
        # A fresh copy, so nothing a build leaves behind (.wara-cache) leaks into the next one.
        local copy="$work/run/$label/$name"
        rm -rf "$copy"
        mkdir -p "$(dirname "$copy")"
        cp -a "$site" "$copy"
        rm -rf "$copy/target" "$copy/tests" "$copy/examples" "$copy/dist"
        local code=0
        (cd "$copy" && WARA_LANG=en "$bin" build --root . --out "$out/$name" >/dev/null 2>&1) || code=$?
        echo "$code" >"$out/$name.exit"
    done < <(sites "$src")
}

status=0
commits=$(git -C "$repo" rev-list --reverse "$range")
if [ -n "${NEUTRAL_ENDS:-}" ] && [ -n "$commits" ]; then
    base=$(git -C "$repo" rev-parse "$(echo "$commits" | head -1)^")
    commits="$(echo "$commits" | tail -1)"
fi
for c in $commits; do
    p=${base:-$(git -C "$repo" rev-parse "$c^")}
    subject=$(git -C "$repo" log -1 --format=%s "$c")
    run_all "$(binary "$p")" "$(sources "$p")" before
    run_all "$(binary "$c")" "$(sources "$c")" after
    only=$(diff -rq "$work/out/before" "$work/out/after" | grep '^Only in /[^:]*/out/[a-z]*: ' | sed 's/.*: //' | sed 's/\.exit$//' | sort -u || true)
    for o in $only; do
        echo "         ${c:0:9}  site on one side only: $o"
        rm -rf "$work/out/before/$o" "$work/out/before/$o.exit" "$work/out/after/$o" "$work/out/after/$o.exit"
    done
    if d=$(diff -r "$work/out/before" "$work/out/after"); then
        n=$(find "$work/out/after" -type f | wc -l)
        printf 'same     %s  %s (%d files)\n' "${c:0:9}" "$subject" "$n"
    else
        printf 'DIFFERS  %s  %s\n' "${c:0:9}" "$subject"
        echo "$d" | head -40 | sed 's/^/    /'
        status=1
    fi
done
exit $status
