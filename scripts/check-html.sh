#!/usr/bin/env bash
# Nu HTML Checker (vnu.jar from the npm package vnu-jar) on every HTML page of
# both outputs. Fails on any error; warnings are not shown.
# Usage: scripts/check-html.sh [DIST]   (default: dist; checks DIST/public and DIST/internal)
set -euo pipefail
cd "$(dirname "$0")/.."

dist="${1:-${WARA_DIST:-dist}}"
jar="node_modules/vnu-jar/build/dist/vnu.jar"

if [[ ! -f "$jar" ]]; then
  echo "check-html: $jar not found; run \`npm ci\` first" >&2
  exit 2
fi
command -v java >/dev/null || { echo "check-html: java not found (vnu.jar needs Java 11+)" >&2; exit 2; }

dirs=()
for aud in public internal; do
  if [[ -d "$dist/$aud" ]]; then
    dirs+=("$dist/$aud")
  else
    echo "check-html: $dist/$aud does not exist; build the site first" >&2
    exit 2
  fi
done

pages=$(find "${dirs[@]}" -type f \( -name '*.html' -o -name '*.htm' \) | wc -l)
echo "check-html: $pages HTML pages under ${dirs[*]}"
if [[ "$pages" -eq 0 ]]; then
  echo "check-html: no HTML pages to check" >&2
  exit 1
fi

# --skip-non-html: only *.html/*.htm/*.xhtml files are read from the folders.
# vnu exits 1 when it reports an error; its messages go to stderr as
# "file:line.col-line.col: error: message".
log=$(mktemp)
trap 'rm -f "$log"' EXIT
if java -Xss4m -jar "$jar" --errors-only --skip-non-html "${dirs[@]}" 2>"$log"; then
  status=0
else
  status=$?
fi
# Paths are printed as file: URIs; show them relative to the repo.
sed -e "s#file:$(pwd)/##" "$log"
errors=$(grep -c ': error' "$log" || true)
if [[ "$status" -ne 0 || "$errors" -ne 0 ]]; then
  echo "check-html: FAILED: $errors error(s) in $pages pages" >&2
  exit 1
fi
echo "check-html: 0 errors in $pages pages"
