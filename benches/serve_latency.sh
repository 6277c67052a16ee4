#!/usr/bin/env bash
# Edit-to-reload latency of `wara serve` on a generated 10,000-page site:
# the time from writing one page to `/__wara/poll` returning the new
# generation (what an open browser tab waits for). Prints a table and the median.
#
# usage: benches/serve_latency.sh [PAGES] [RUNS]    (defaults 10000 and 15)
# env:   CORPUS=notes (default: small note pages, 100 sections) or minutes (the minutes
#        corpus of benches/minutes-corpus.py with the Lopburi site.yaml; the edit appends a line
#        to the first minutes page of 2560)
#        WARA=path/to/wara (default target/release/wara, built if missing)
#        POLL=parked (default): the long-poll is waiting when the page is saved, as an open
#        tab's is; POLL=fresh starts it after the save (adds curl's start-up, ~10 ms)
#        TMPDIR=/tmp puts serve's private output dir on disk; unset, serve picks
#        the tmpfs /dev/shm when it is roomy (replacing 10,000 freshly written
#        files on a disk with few IOPS takes tens of seconds)
set -euo pipefail

pages=${1:-10000}
runs=${2:-15}
repo=$(cd "$(dirname "$0")/.." && pwd)
wara=${WARA:-$repo/target/release/wara}
if [[ ! -x $wara ]]; then
  (cd "$repo" && cargo build --release --quiet)
fi

site=$(mktemp -d /tmp/wara-bench-site-XXXXXX) # sources on disk, like a real checkout
log=$site.log
cleanup() {
  [[ -n ${pid:-} ]] && kill -INT "$pid" 2>/dev/null && wait "$pid" 2>/dev/null || true
  rm -rf "$site" "$log" "$log.err" "$site.reply"
}
trap cleanup EXIT

corpus=${CORPUS:-notes}
echo "generating $pages $corpus pages in $site ..." >&2
if [[ $corpus == minutes ]]; then
  python3 "$repo/benches/minutes-corpus.py" "$site.gen" "$pages" --site "$repo/site.yaml"
  rm -rf "$site" && mv "$site.gen/wara" "$site" && rm -rf "$site.gen"
  target=$site/content/minutes/2560/01/index.md
else
# 100 sections of pages/100 pages each, so no listing holds 10,000 entries.
target=$site/content/s000/p00000.md
python3 - "$site" "$pages" <<'PY'
import os, sys
root, pages = sys.argv[1], int(sys.argv[2])
open(os.path.join(root, "site.yaml"), "w").write(
    "title: ทดสอบความเร็ว\nbase_url: https://example.go.th\n")
os.makedirs(os.path.join(root, "content"))
open(os.path.join(root, "content/_index.md"), "w").write("---\ntitle: หน้าแรก\n---\n\nหน้าแรก\n")
per = max(1, pages // 100)
for i in range(pages):
    sec = os.path.join(root, "content", f"s{i // per:03d}")
    if i % per == 0:
        os.makedirs(sec)
        open(os.path.join(sec, "_index.md"), "w").write(f"---\ntitle: หมวด {i // per}\n---\n")
    day = 1 + i % 28
    open(os.path.join(sec, f"p{i:05d}.md"), "w").write(
        f"---\ntitle: หน้าที่ {i}\ndate: 2020-05-{day:02d}\n---\n\n"
        f"ย่อหน้าของหน้าที่ {i} มีข้อความภาษาไทยพอสมควร **ตัวหนา** และ [ลิงก์](/)\n\n"
        "- รายการที่หนึ่ง\n- รายการที่สอง\n")
PY
fi

"$wara" serve --root "$site" --port 0 >"$log" 2>"$log.err" &
pid=$!
for _ in $(seq 1200); do
  grep -q '^serving ' "$log" 2>/dev/null && break
  kill -0 "$pid" 2>/dev/null || { cat "$log.err" >&2; exit 1; }
  sleep 0.1
done
port=$(sed -n '1s#^serving [a-z]* on http://[^:]*:\([0-9]*\)/$#\1#p' "$log")
[[ -n $port ]] || { echo "serve did not start" >&2; exit 1; }
echo "serving on port $port; initial build: $(grep -m1 -e '^built' -e '^build ' "$log")" >&2

poll() { curl -s --max-time 60 "http://127.0.0.1:$port/__wara/poll$1"; }
gen_of() { sed -n 's/.*"generation":\([0-9]*\).*/\1/p'; }

printf '%-4s %12s %10s %s\n' run latency_ms build_ms result
latencies=()
for run in $(seq "$runs"); do
  gen=$(poll "" | gen_of)
  if [[ ${POLL:-parked} == parked ]]; then
    # An open tab's long-poll is waiting before the save: start it, let it connect, then save.
    poll "?gen=$gen" >"$site.reply" &
    poller=$!
    sleep 0.3
    t0=$EPOCHREALTIME
    printf 'แก้ไขครั้งที่ %s\n' "$run" >>"$target"
    wait "$poller"
    reply=$(<"$site.reply")
  else
    # POLL=fresh: the poll starts after the save (its curl start-up is measured too).
    t0=$EPOCHREALTIME
    printf 'แก้ไขครั้งที่ %s\n' "$run" >>"$target"
    reply=$(poll "?gen=$gen")
  fi
  # The long-poll answers after 25 s even without a new build: ask again.
  while [[ $(gen_of <<<"$reply") == "$gen" ]]; do
    reply=$(poll "?gen=$gen")
  done
  t1=$EPOCHREALTIME
  new=$(gen_of <<<"$reply")
  ms=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.1f", (b - a) * 1000 }')
  build=""
  for _ in $(seq 50); do # serve prints its line right after publishing
    # serve's line is Thai, then English in parentheses: "… (built … in 12 ms … (generation 4))".
    build=$(grep -F "(generation $new)" "$log" | sed -n 's/.* in \([0-9]*\) ms.*/\1/p' | tail -1)
    [[ -n $build ]] && break
    sleep 0.02
  done
  result=$([[ $reply == *'"errors":""'* ]] && echo ok || echo "build failed")
  printf '%-4s %12s %10s %s\n' "$run" "$ms" "${build:-?}" "$result"
  latencies+=("$ms")
  sleep 0.2
done

printf '%s\n' "${latencies[@]}" | sort -n | awk -v pages="$pages" '
  { v[NR] = $1 }
  END {
    med = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
    printf "\n%d pages, %d runs: median %.1f ms, min %.1f ms, max %.1f ms (target 25 ms)\n",
      pages, NR, med, v[1], v[NR]
  }'
