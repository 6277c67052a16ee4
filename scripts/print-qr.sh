#!/usr/bin/env bash
# Paper check: print the minutes page to PDF in headless Chromium (served over
# HTTP so the theme's fonts and print stylesheet load), rasterise it, decode
# every QR code on paper with zbarimg, and require the page's own URL and every
# download link (a.download-link, made absolute with base_url) among them.
# Usage: scripts/print-qr.sh [DIST] [PAGE]   (defaults: dist, /minutes/2563/05/)
set -euo pipefail
cd "$(dirname "$0")/.."

dist="${1:-${WARA_DIST:-dist}}"
page="${2:-/minutes/2563/05/}"
root="$dist/public"
chromium="${CHROMIUM:-/usr/bin/chromium}"
base_url="${BASE_URL:-$(sed -n 's/^base_url:[[:space:]]*//p' site.yaml | tr -d "\"'" | sed 's#/*[[:space:]]*$##')}"
base_url="${base_url:-https://lopburi.cdd.go.th}"
out_dir="${CI_ARTIFACTS:-ci-artifacts}"

for tool in "$chromium" pdftoppm zbarimg python3; do
  command -v "$tool" >/dev/null || { echo "print-qr: $tool not found" >&2; exit 2; }
done
html="$root${page}index.html"
[[ -f "$html" ]] || { echo "print-qr: $html not found; build the site first" >&2; exit 2; }

work=$(mktemp -d)
server_pid=""
cleanup() {
  if [[ -n "$server_pid" ]]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
python3 -m http.server "$port" --bind 127.0.0.1 --directory "$root" >"$work/http.log" 2>&1 &
server_pid=$!
for _ in $(seq 50); do
  curl -fsS -o /dev/null "http://127.0.0.1:$port/" 2>/dev/null && break
  sleep 0.1
done

url="http://127.0.0.1:$port$page"
echo "print-qr: printing $url"
timeout 120 "$chromium" --headless --no-sandbox --disable-gpu --disable-background-networking \
  --disable-component-update --no-first-run --user-data-dir="$work/profile" \
  --no-pdf-header-footer --run-all-compositor-stages-before-draw --virtual-time-budget=10000 \
  --print-to-pdf="$work/page.pdf" "$url" >"$work/chromium.log" 2>&1 || {
  echo "print-qr: chromium failed:" >&2; tail -20 "$work/chromium.log" >&2; exit 1; }
[[ -s "$work/page.pdf" ]] || { echo "print-qr: no PDF written" >&2; tail -20 "$work/chromium.log" >&2; exit 1; }

pdftoppm -r 150 -png "$work/page.pdf" "$work/paper"
pages=$(ls "$work"/paper*.png | wc -l)
echo "print-qr: $pages printed page(s)"
mkdir -p "$out_dir"
rm -f "$out_dir"/paper-*.png
cp "$work/page.pdf" "$out_dir/minutes-print.pdf"
cp "$work"/paper*.png "$out_dir/" 2>/dev/null || true

# zbarimg exits 4 when an image has no code; that is a result, not an error.
: >"$work/decoded.txt"
for png in "$work"/paper*.png; do
  zbarimg --quiet --raw "$png" >>"$work/decoded.txt" 2>/dev/null || true
done
echo "print-qr: decoded from paper:"
sort "$work/decoded.txt" | uniq -c | sed 's/^/  /'

# Expected: the page's own URL and every a.download-link href, absolute.
python3 - "$html" "$base_url" "$page" >"$work/expected.txt" <<'PY'
import sys
from html.parser import HTMLParser
from urllib.parse import urljoin

path, base, page = sys.argv[1], sys.argv[2].rstrip("/"), sys.argv[3]

class Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.hrefs = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "a" and "download-link" in (a.get("class") or "").split() and a.get("href"):
            self.hrefs.append(a["href"])

p = Links()
p.feed(open(path, encoding="utf-8").read())
page_url = base + page
print(page_url)
for href in p.hrefs:
    print(urljoin(page_url, href))
if not p.hrefs:
    print("print-qr: no a.download-link on the page", file=sys.stderr)
PY
want=$(sort -u "$work/expected.txt" | wc -l)
if [[ "$want" -lt 2 ]]; then
  echo "print-qr: FAILED: the page has no a.download-link to check" >&2
  exit 1
fi
missing=0
while IFS= read -r u; do
  if grep -qxF "$u" "$work/decoded.txt"; then
    echo "  ok       $u"
  else
    echo "  MISSING  $u"
    missing=$((missing + 1))
  fi
done < <(sort -u "$work/expected.txt")
if [[ "$missing" -ne 0 ]]; then
  echo "print-qr: FAILED: $missing of $want expected URL(s) not decoded from the printed page (PNG pages in $out_dir/)" >&2
  exit 1
fi
echo "print-qr: all $want URLs (page + downloads) decoded from paper"
