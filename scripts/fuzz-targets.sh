#!/usr/bin/env bash
# Run the cargo-fuzz targets in fuzz/ (issue 15): each for SECONDS (default 60), one after
# the other, seeded from the Lopburi site's own files. Fails on any crash, panic, timeout
# (a hang of more than 10 s on one input) or out-of-memory; the input that failed is kept in
# fuzz/artifacts/<target>/. cargo-fuzz is installed when missing.
#
#   scripts/fuzz-targets.sh [SECONDS] [TARGET...]
#   FUZZ_PARALLEL=1 scripts/fuzz-targets.sh 600     # all targets at once
#
# cargo fuzz wants nightly (-Z sanitizer flags); RUSTC_BOOTSTRAP=1 lets the stable toolchain
# accept them. The targets are built without a sanitizer (-s none): the code fuzzed has no `unsafe`, and
# what we look for is panics, hangs and aborts, which libFuzzer catches on its own.
set -euo pipefail
cd "$(dirname "$0")/.."

seconds=${1:-60}
shift || true
targets=("$@")
((${#targets[@]})) || targets=(front_matter shortcodes formula page)

export RUSTC_BOOTSTRAP=1
export CARGO_TARGET_DIR="$PWD/fuzz/target"
if ! cargo fuzz --version >/dev/null 2>&1; then
  echo "fuzz: cargo install --locked cargo-fuzz"
  cargo install --locked cargo-fuzz
fi

# -s none: no sanitizer (see above); -a: debug assertions, so an integer overflow panics.
fuzz_flags="-s none --release -a"
t=$SECONDS
for target in "${targets[@]}"; do cargo fuzz build $fuzz_flags "$target"; done
echo "fuzz: built ${#targets[@]} targets in $((SECONDS - t))s"

# Seeds: the site's pages, bodies, formulas and tables (the first byte picks a mode; see each
# target's doc comment).
seed() {
  local target=$1 dir=fuzz/corpus/$1 f n=0
  mkdir -p "$dir"
  case $target in
    front_matter)
      while IFS= read -r -d '' f; do cp "$f" "$dir/site-$((n++))"; done < <(find content -name '*.md' -print0) ;;
    shortcodes | page)
      while IFS= read -r -d '' f; do
        for mode in 0 1 2; do { printf "\\x0$mode"; cat "$f"; } >"$dir/site-$((n++))"; done
      done < <(find content -name '*.md' -print0) ;;
    formula)
      while IFS= read -r -d '' f; do
        { printf '\x04'; cat "$f"; } >"$dir/table-$((n++))"
      done < <(find content -name '*.yaml' -print0)
      while IFS= read -r f; do
        printf '\x00%s' "$f" >"$dir/formula-$((n++))"
        printf '\x02%s' "$f" >"$dir/formula-$((n++))"
      done < <(find content -name '*.yaml' -exec grep -ho 'formula: [^,}]*' {} + | sed 's/^formula: //' | sort -u) ;;
  esac
}

run_one() {
  local target=$1 log=fuzz/logs/$1.log
  mkdir -p fuzz/logs "fuzz/artifacts/$target"
  seed "$target"
  # -timeout: one input taking 10 s is a hang; -rss_limit_mb: a runaway allocation is a crash.
  if cargo fuzz run $fuzz_flags "$target" "fuzz/corpus/$target" -- \
    -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=65536 \
    -print_final_stats=1 >"$log" 2>&1; then
    local execs
    execs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo '?')
    echo "fuzz: $target: ok, $execs executions in ${seconds}s ($(grep -o '^#[0-9]*.*DONE.*' "$log" | tail -1))"
  else
    echo "fuzz: $target: FAILED (log: $log)"
    grep -E 'panicked|ERROR: libFuzzer|SUMMARY|Test unit written|deadly signal|timeout' "$log" | head -20
    return 1
  fi
}

failed=0
if [[ "${FUZZ_PARALLEL:-0}" == 1 ]]; then
  pids=()
  for target in "${targets[@]}"; do run_one "$target" & pids+=($!); done
  for pid in "${pids[@]}"; do wait "$pid" || failed=1; done
else
  for target in "${targets[@]}"; do run_one "$target" || failed=1; done
fi
exit $failed
