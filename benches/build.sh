#!/usr/bin/env bash
# Build-time benchmark: the same generated site of N Markdown pages (Thai text, headings, lists,
# a table) built by wara and by Hugo (Debian package `hugo`, minimal config + layouts made here).
# Prints the median of 5 timed runs (hyperfine when installed) and the peak RSS of one run
# (/usr/bin/time -v, Debian package `time`) as a table.
# Usage: benches/build.sh [N]   (default 10000; env: BENCH_OUT=bench-out, WARA=target/release/wara, RUNS=5)
set -euo pipefail
cd "$(dirname "$0")/.."

n="${1:-10000}"
out="$(mkdir -p "${BENCH_OUT:-bench-out}" && cd "${BENCH_OUT:-bench-out}" && pwd)/site-$n"
wara="${WARA:-target/release/wara}"
runs="${RUNS:-5}"

if [[ ! -x "$wara" && -z "${WARA:-}" ]]; then
  echo "bench: building $wara"
  cargo build --release --quiet
fi
[[ -x "$wara" ]] || { echo "bench: $wara is not an executable" >&2; exit 2; }
wara="$(cd "$(dirname "$wara")" && pwd)/$(basename "$wara")"
[[ -x /usr/bin/time ]] || { echo "bench: /usr/bin/time missing (apt-get install time)" >&2; exit 2; }
have_hugo=no
command -v hugo >/dev/null && have_hugo=yes

echo "bench: generating $n pages in $out"
rm -rf "$out"
mkdir -p "$out/wara" "$out/hugo"
python3 - "$out" "$n" site.yaml <<'PY'
import os, random, sys
out, n, site_yaml = sys.argv[1], int(sys.argv[2]), sys.argv[3]
rng = random.Random(2563)
words = ("การประชุม สำนักงาน พัฒนาชุมชน จังหวัด ลพบุรี อำเภอ งบประมาณ โครงการ หมู่บ้าน ครัวเรือน "
         "สัมมาชีพ กองทุน สตรี เศรษฐกิจ พอเพียง รายงาน ผลการดำเนินงาน ไตรมาส คณะกรรมการ "
         "มติที่ประชุม รับทราบ เบิกจ่าย ร้อยละ ตำบล ผู้นำ อาสา พัฒนา ชุมชน แผนงาน").split()
districts = ["เมืองลพบุรี", "พัฒนานิคม", "โคกสำโรง", "ชัยบาดาล", "ท่าวุ้ง", "บ้านหมี่",
             "ท่าหลวง", "สระโบสถ์", "โคกเจริญ", "ลำสนธิ", "หนองม่วง"]

def sentence(k):
    return "".join(rng.choice(words) for _ in range(k))

def body(i):
    parts = []
    for h in range(1, 4):
        parts.append(f"## หัวข้อที่ {h} {sentence(3)}\n")
        for _ in range(2):
            parts.append(" ".join(sentence(rng.randint(4, 9)) for _ in range(4)) + "\n")
        parts.append("\n".join(f"- {sentence(3)} {rng.randint(1, 999)} แห่ง" for _ in range(4)) + "\n")
    rows = "\n".join(f"| {d} | {rng.randint(10, 90)} | {rng.randint(10000, 999999):,} |"
                     for d in rng.sample(districts, 5))
    parts.append(f"| อำเภอ | หมู่บ้าน | งบประมาณ (บาท) |\n|---|---:|---:|\n{rows}\n")
    parts.append(f"ดูเพิ่มเติม [หน้าแรก](/) และ [หน้าถัดไป](/notes/b{(i + 1) % n // 1000:02d}/p{(i + 1) % n:05d}/)\n")
    return "\n".join(parts)

def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)

for tool in ("wara", "hugo"):
    root = os.path.join(out, tool)
    write(os.path.join(root, "content/notes/_index.md"), "---\ntitle: บันทึก\n---\n\nบันทึกทั้งหมด\n")
    for b in range((n + 999) // 1000):
        write(os.path.join(root, f"content/notes/b{b:02d}/_index.md"), f"---\ntitle: ชุดที่ {b + 1}\n---\n")
rng_state = rng.getstate()
for tool in ("wara", "hugo"):
    rng.setstate(rng_state)
    root = os.path.join(out, tool)
    for i in range(n):
        day = 1 + i % 28
        month = 1 + (i // 28) % 12
        fm = (f"---\ntitle: บันทึกที่ {i + 1} {sentence(2)}\ndate: 2020-{month:02d}-{day:02d}\n"
              f"summary: {sentence(6)}\n---\n\n")
        write(os.path.join(root, f"content/notes/b{i // 1000:02d}/p{i:05d}.md"), fm + body(i))

# wara: the Lopburi site.yaml, default theme (embedded in the binary).
with open(site_yaml, encoding="utf-8") as f:
    write(os.path.join(out, "wara/site.yaml"), f.read())
# Hugo: minimal config and layouts producing comparable pages (no taxonomies; RSS + sitemap on).
hugo = os.path.join(out, "hugo")
write(os.path.join(hugo, "config.yaml"),
      "baseURL: https://lopburi.cdd.go.th/\nlanguageCode: th\ntitle: สำนักงานพัฒนาชุมชนจังหวัดลพบุรี\n"
      "disableKinds: [taxonomy, term]\nmarkup:\n  goldmark:\n    renderer:\n      unsafe: false\n")
base = """<!DOCTYPE html>
<html lang="th"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ .Title }} | {{ .Site.Title }}</title><link rel="stylesheet" href="/assets/site.css"></head>
<body><header><a href="/">{{ .Site.Title }}</a></header><main>{{ block "main" . }}{{ end }}</main>
<footer>{{ .Site.Title }}</footer></body></html>
"""
write(os.path.join(hugo, "layouts/_default/baseof.html"), base)
write(os.path.join(hugo, "layouts/_default/single.html"),
      '{{ define "main" }}<article><h1>{{ .Title }}</h1><p><time datetime="{{ .Date.Format "2006-01-02" }}">'
      '{{ .Date.Format "2 January 2006" }}</time></p>{{ .TableOfContents }}{{ .Content }}</article>'
      '{{ with .PrevInSection }}<a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}{{ end }}\n')
write(os.path.join(hugo, "layouts/_default/list.html"),
      '{{ define "main" }}<h1>{{ .Title }}</h1>{{ .Content }}<ul>{{ range .Pages }}'
      '<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> {{ .Summary | plainify | truncate 80 }}</li>'
      '{{ end }}</ul>{{ end }}\n')
write(os.path.join(hugo, "layouts/index.html"),
      '{{ define "main" }}<h1>{{ .Site.Title }}</h1><ul>{{ range first 20 .Site.RegularPages }}'
      '<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>{{ end }}\n')
write(os.path.join(hugo, "static/assets/site.css"), "body{font-family:sans-serif}\n")
PY

wara_cmd="$wara build --root $out/wara --out $out/wara/dist"
wara_pub_cmd="$wara build --root $out/wara --out $out/wara/dist-public --audience public"
hugo_cmd="hugo --quiet --source $out/hugo --destination $out/hugo/public --cleanDestinationDir"

# One untimed run each, to check it works and to count the output.
echo "bench: first wara build"
$wara_cmd >"$out/wara.log" 2>&1 || { tail -20 "$out/wara.log"; echo "bench: wara build failed" >&2; exit 1; }
tail -1 "$out/wara.log"
if [[ "$have_hugo" == yes ]]; then
  echo "bench: first hugo build"
  $hugo_cmd >"$out/hugo.log" 2>&1 || { tail -20 "$out/hugo.log"; echo "bench: hugo failed" >&2; exit 1; }
fi

# median_seconds NAME CMD: prints min median max over $runs runs.
median_seconds() {
  local name="$1" cmd="$2"
  if command -v hyperfine >/dev/null; then
    hyperfine --style none --runs "$runs" --export-json "$out/$name.json" "$cmd" >/dev/null 2>&1
    python3 -c "import json,statistics,sys; t=json.load(open(sys.argv[1]))['results'][0]['times']; print(f'{min(t):.2f} {statistics.median(t):.2f} {max(t):.2f}')" "$out/$name.json"
  else
    local times=()
    for _ in $(seq "$runs"); do
      local s e
      s=$(date +%s.%N); $cmd >/dev/null 2>&1; e=$(date +%s.%N)
      times+=("$(echo "$e - $s" | bc)")
    done
    printf '%s\n' "${times[@]}" | python3 -c "import statistics,sys; t=[float(x) for x in sys.stdin]; print(f'{min(t):.2f} {statistics.median(t):.2f} {max(t):.2f}')"
  fi
}
peak_rss_mib() {
  /usr/bin/time -v $1 2>&1 >/dev/null | awk -F: '/Maximum resident set size/ {printf "%.0f", $2/1024}'
}

wara_t=$(median_seconds wara "$wara_cmd")
wara_rss=$(peak_rss_mib "$wara_cmd")
wara_files=$(find "$out/wara/dist" -type f | wc -l)
wara_pub_t=$(median_seconds wara-public "$wara_pub_cmd")
wara_pub_rss=$(peak_rss_mib "$wara_pub_cmd")
wara_pub_files=$(find "$out/wara/dist-public" -type f | wc -l)
if [[ "$have_hugo" == yes ]]; then
  hugo_t=$(median_seconds hugo "$hugo_cmd")
  hugo_rss=$(peak_rss_mib "$hugo_cmd")
  hugo_files=$(find "$out/hugo/public" -type f | wc -l)
fi

echo
echo "build of $n generated pages, $runs runs each, $(nproc) cores, $(date -u +%Y-%m-%dT%H:%MZ), load average $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-34s %8s %8s %8s %10s %8s\n' tool "min s" "median s" "max s" "peak RSS" "files"
read -r a b c <<<"$wara_t"
wara_v="wara $("$wara" --version 2>/dev/null | awk '{print $2}')"
printf '%-34s %8s %8s %8s %7s MiB %8s\n' "$wara_v (public+internal)" "$a" "$b" "$c" "$wara_rss" "$wara_files"
read -r a b c <<<"$wara_pub_t"
printf '%-34s %8s %8s %8s %7s MiB %8s\n' "$wara_v --audience public" "$a" "$b" "$c" "$wara_pub_rss" "$wara_pub_files"
if [[ "$have_hugo" == yes ]]; then
  read -r a b c <<<"$hugo_t"
  printf '%-34s %8s %8s %8s %7s MiB %8s\n' "hugo $(hugo version | awk '{print $2}' | cut -d+ -f1 | cut -d- -f1)" "$a" "$b" "$c" "$hugo_rss" "$hugo_files"
else
  echo "hugo: not installed (apt-get install hugo)"
fi
