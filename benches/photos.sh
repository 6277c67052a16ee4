#!/usr/bin/env bash
# Photo build benchmark (issue 14): N phone-like photos (4000×3000 JPEG, stored sideways
# with an EXIF orientation and GPS tags) on one gallery page; times the first build (every
# photo decoded, turned upright, resized to 480/960/1600, re-encoded) and a second build with
# nothing changed (every photo from .wara-cache: none decoded).
# Usage: benches/photos.sh [N]   (default 200; work folder $BENCH_DIR or /tmp/wara-bench-photos)
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-200}
work=${BENCH_DIR:-/tmp/wara-bench-photos}
cargo build --release -q --bin wara --example make_photos
rm -rf "$work"
site="$work/site"
page="$site/content/activities/bench"
mkdir -p "$page"
target/release/examples/make_photos bench "$page/photos" "$n"
cat >"$site/site.yaml" <<'YAML'
title: ทดสอบภาพ
base_url: https://example.go.th
YAML
printf -- '---\ntitle: หน้าแรก\n---\n\nทดสอบ\n' >"$site/content/_index.md"
printf -- '---\ntitle: กิจกรรม\n---\n' >"$site/content/activities/_index.md"
printf -- '---\ntitle: ภาพ %s ภาพ\n---\n\n{{ gallery(dir="photos") }}\n' "$n" >"$page/index.md"
for f in "$page"/photos/*.jpg; do
  b=$(basename "$f")
  printf -- '- file: %s\n  alt: ภาพวาดทดสอบ %s\n' "$b" "$b"
done >"$page/photos/gallery.yaml"
say_build() {
  local label=$1 start end
  start=$EPOCHREALTIME
  WARA_TIMINGS=1 target/release/wara build --root "$site" --out "$work/dist" 2>"$work/$label.log" >/dev/null
  end=$EPOCHREALTIME
  printf '%s build: %.2f s, %s\n' "$label" "$(awk "BEGIN { print $end - $start }")" \
    "$(grep -o 'photos decoded *[0-9]*' "$work/$label.log" | tr -s ' ')"
}
printf '%s photos, %s MB of JPEG\n' "$n" "$(du -sm "$page/photos" | cut -f1)"
say_build first
say_build second
printf 'published: %s files, %s MB\n' "$(find "$work/dist/public" -name '*.jpg' | wc -l)" "$(du -sm "$work/dist/public" | cut -f1)"
