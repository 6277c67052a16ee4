#!/usr/bin/env bash
# Runs .ci/run as CI does: in a fresh clone of the committed HEAD (nothing uncommitted from the
# shared work tree), with CI=true. The clone's target/ is kept between runs in
# ${CI_TARGET_CACHE:-/tmp/wara-ci-target} so that later runs do not recompile every crate;
# CI_COLD=1 starts from an empty target dir (as on a new machine).
# Usage: scripts/ci-clean-clone.sh [LOG]   (default log: /tmp/wara-ci.log)
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
clone="${CI_CLONE:-/tmp/wara-ci-clone}"
cache="${CI_TARGET_CACHE:-/tmp/wara-ci-target}"
log="${1:-/tmp/wara-ci.log}"

rm -rf "$clone"
git clone -q "$repo" "$clone"
[[ "${CI_COLD:-0}" == 1 ]] && rm -rf "$cache"
mkdir -p "$cache"
ln -s "$cache" "$clone/target"
echo "ci-clean-clone: $(git -C "$clone" log --oneline -1) in $clone; log $log"
cd "$clone"
set +e
CI=true bash .ci/run >"$log" 2>&1
rc=$?
set -e
sed -n '/^== summary ==/,$p' "$log"
exit "$rc"
