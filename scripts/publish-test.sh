#!/usr/bin/env bash
# deploy/publish.sh into a local folder, twice: each release complete (diff -r against the
# build), `current` switched to the newest, the previous release kept for a rollback.
# Usage: scripts/publish-test.sh [DIST]
set -euo pipefail
cd "$(dirname "$0")/.."
dist="${1:-dist}"
command -v rsync >/dev/null || { echo "publish-test: rsync is missing (apt-get install rsync)" >&2; exit 2; }
base=$(mktemp -d /tmp/wara-publish.XXXXXX)
trap 'rm -rf "$base"' EXIT
deploy/publish.sh "$dist" local "$base" >/dev/null
first=$(readlink "$base/current")
diff -r "$dist/public" "$base/current/public"
diff -r "$dist/internal" "$base/current/internal"
sleep 1   # release folders are named by the second
deploy/publish.sh "$dist" local "$base" >/dev/null
second=$(readlink "$base/current")
[[ "$first" != "$second" && -d "$base/$first/public" ]] ||
  { echo "publish-test: FAILED: current=$second, first release $first not kept" >&2; exit 1; }
diff -r "$dist/public" "$base/current/public"
[[ ! -e "$base/current.tmp" ]] || { echo "publish-test: FAILED: current.tmp left behind" >&2; exit 1; }
echo "publish-test: two releases published, current -> $second, previous kept: ok"
