#!/usr/bin/env bash
# Build-time benchmark: the same generated site of N Markdown pages built by wara, by Hugo (Debian
# package `hugo`, minimal config + layouts made here) and by the floor (benches/floor.rs:
# pulldown-cmark over every page plus writing the files, 2 threads),
# and by the crate floor (benches/floor.rs --crates: the floor plus serde-saphyr, a QR code and a
# small Tera template per page, the crates wara cannot do without).
# Two corpora (CORPUS=notes|minutes):
#   notes    N small note pages (Thai text, 3 headings, lists, a table), no QR codes;
#   minutes  N minutes pages shaped like the real content (benches/minutes-corpus.py: 15-30 KB of
#            Thai Markdown, agendas, resolutions, deadlines, a QR code each, a third with a YAML
#            table and a PDF download) plus contests and plain pages, BE years 2560-2569.
# Prints min/median/max wall time of 5 interleaved runs and the peak RSS (/usr/bin/time, Debian
# package `time`) as a table.
# Usage: [CORPUS=notes|minutes] benches/build.sh [N]
#   (default notes, 10000; env: BENCH_OUT=/dev/shm/wara-bench, WARA=target/release/wara, RUNS=5,
#    FLOOR=target/release/examples/floor)
set -euo pipefail
cd "$(dirname "$0")/.."

n="${1:-10000}"
# On tmpfs by default: on this machine's disk, deleting and rewriting 20,000 files slows every
# next run (4 s -> 12 s over 5 runs, both tools alike), which measures the disk, not the tool.
default_out=bench-out
[[ -d /dev/shm && -w /dev/shm ]] && default_out=/dev/shm/wara-bench
corpus="${CORPUS:-notes}"
[[ "$corpus" == notes || "$corpus" == minutes ]] || { echo "bench: CORPUS is notes or minutes" >&2; exit 2; }
out="$(mkdir -p "${BENCH_OUT:-$default_out}" && cd "${BENCH_OUT:-$default_out}" && pwd)/$corpus-$n"
wara="${WARA:-target/release/wara}"
runs="${RUNS:-5}"

if [[ ! -x "$wara" && -z "${WARA:-}" ]]; then
  echo "bench: building $wara"
  cargo build --release --quiet
fi
[[ -x "$wara" ]] || { echo "bench: $wara is not an executable" >&2; exit 2; }
wara="$(cd "$(dirname "$wara")" && pwd)/$(basename "$wara")"
floor="${FLOOR:-target/release/examples/floor}"
if [[ ! -x "$floor" && -z "${FLOOR:-}" ]]; then
  echo "bench: building $floor"
  cargo build --release --quiet --example floor
fi
[[ -x /usr/bin/time ]] || { echo "bench: /usr/bin/time missing (apt-get install time)" >&2; exit 2; }
have_hugo=no
command -v hugo >/dev/null && have_hugo=yes

echo "bench: generating $n $corpus pages in $out"
rm -rf "$out"
mkdir -p "$out/wara" "$out/hugo"
if [[ "$corpus" == minutes ]]; then
  python3 benches/minutes-corpus.py "$out" "$n" --site site.yaml
fi
python3 - "$out" "$n" site.yaml "$corpus" <<'PY'
import os, random, sys
out, n, site_yaml, corpus = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
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

for tool in ("wara", "hugo") if corpus == "notes" else ():
    root = os.path.join(out, tool)
    write(os.path.join(root, "content/notes/_index.md"), "---\ntitle: บันทึก\n---\n\nบันทึกทั้งหมด\n")
    for b in range((n + 999) // 1000):
        write(os.path.join(root, f"content/notes/b{b:02d}/_index.md"), f"---\ntitle: ชุดที่ {b + 1}\n---\n")
rng_state = rng.getstate()
for tool in ("wara", "hugo") if corpus == "notes" else ():
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
hugo_cmd="hugo --quiet --source $out/hugo --destination $out/hugo/public"
floor_cmd="$floor $out/hugo/content $out/floor"
# The crate floor (benches/floor.rs --crates): the floor plus serde-saphyr, QR codes and a small
# Tera template per page, on wara's content (its table.yaml files are not in Hugo's copy).
crate_floor_cmd="$floor $out/wara/content $out/crate-floor 2 --crates"

# One untimed run each, to check it works and to count the output.
echo "bench: first wara build"
$wara_cmd >"$out/wara.log" 2>&1 || { tail -20 "$out/wara.log"; echo "bench: wara build failed" >&2; exit 1; }
tail -1 "$out/wara.log"
wara_files=$(find "$out/wara/dist" -type f | wc -l)
$wara_pub_cmd >/dev/null 2>&1
wara_pub_files=$(find "$out/wara/dist-public" -type f | wc -l)
configs=(wara wara_pub wara_again floor crate_floor)
if [[ "$have_hugo" == yes ]]; then
  echo "bench: first hugo build"
  $hugo_cmd >"$out/hugo.log" 2>&1 || { tail -20 "$out/hugo.log"; echo "bench: hugo failed" >&2; exit 1; }
  hugo_files=$(find "$out/hugo/public" -type f | wc -l)
  configs+=(hugo)
fi

# Timed runs, interleaved (wara, wara public, wara unchanged, hugo; then again) so that load from
# other work on the machine falls on every tool alike. Each run but `wara_again` starts from an
# empty output folder; `wara_again` rebuilds into the output of the run before it (nothing changed).
# /usr/bin/time gives wall seconds and peak RSS of each run.
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
for i in $(seq "$runs"); do
  for c in "${configs[@]}"; do
    case "$c" in
      wara) rm -rf "$out/wara/dist"; cmd="$wara_cmd" ;;
      wara_pub) rm -rf "$out/wara/dist-public"; cmd="$wara_pub_cmd" ;;
      wara_again) cmd="$wara_cmd" ;;
      hugo) rm -rf "$out/hugo/public"; cmd="$hugo_cmd" ;;
      floor) rm -rf "$out/floor"; cmd="$floor_cmd" ;;
      crate_floor) rm -rf "$out/crate-floor"; cmd="$crate_floor_cmd" ;;
    esac
    sync
    /usr/bin/time -f "%e %M" -o "$out/time.txt" $cmd >/dev/null 2>&1 || { echo "bench: $c run $i failed" >&2; exit 1; }
    echo "$c $(cat "$out/time.txt")" >>"$out/times.txt"
  done
  echo "bench: round $i of $runs done"
done
load_after=$(cut -d' ' -f1-3 /proc/loadavg)

stats() { # stats CONFIG -> "min median max medianRSSMiB"
  awk -v c="$1" '$1 == c {print $2, $3}' "$out/times.txt" | python3 -c "
import statistics, sys
rows = [tuple(map(float, l.split())) for l in sys.stdin if l.strip()]
t = [r[0] for r in rows]; m = [r[1] for r in rows]
print(f'{min(t):.2f} {statistics.median(t):.2f} {max(t):.2f} {max(m) / 1024:.0f}')"
}

echo
if [[ "$corpus" == notes ]]; then
  echo "build of $n generated note pages (Thai Markdown: 3 headings, lists, a table each), $runs runs each, interleaved;"
else
  echo "build of $n generated minutes pages (15-30 KB of Thai Markdown, a QR code each, a third with a table and a PDF) + $((n / 50 * 2)) contests and pages, $runs runs each, interleaved;"
fi
echo "$(nproc) cores, $(date -u +%Y-%m-%dT%H:%MZ), load average before $load_before, after $load_after"
wara_v="wara $("$wara" --version 2>/dev/null | awk '{print $2}')"
printf '%-40s %7s %8s %7s %9s %7s\n' "" "min s" "median s" "max s" "peak RSS" "files"
row() { read -r a b c m <<<"$(stats "$1")"; printf '%-40s %7s %8s %7s %5s MiB %7s\n' "$2" "$a" "$b" "$c" "$m" "$3"; }
row wara "$wara_v, public+internal, empty out" "$wara_files"
row wara_pub "$wara_v --audience public, empty out" "$wara_pub_files"
row wara_again "$wara_v, public+internal, unchanged" "$wara_files"
if [[ "$have_hugo" == yes ]]; then
  row hugo "hugo $(hugo version | awk '{print $2}' | cut -d+ -f1 | cut -d- -f1), empty destination" "$hugo_files"
else
  echo "hugo: not installed (apt-get install hugo)"
fi
row floor "floor (pulldown-cmark + write, 2 threads)" "$(find "$out/floor" -type f | wc -l)"
row crate_floor "crate floor (+ YAML, QR, Tera; 2 threads)" "$(find "$out/crate-floor" -type f | wc -l)"
ratio() { python3 -c "print(f'{$1 / $2:.2f}')"; }
med() { stats "$1" | cut -d' ' -f2; }
echo "ratios of medians: wara public / floor $(ratio "$(med wara_pub)" "$(med floor)"), wara both / floor $(ratio "$(med wara)" "$(med floor)")"
echo "ratios of medians: crate floor / floor $(ratio "$(med crate_floor)" "$(med floor)"), wara public / crate floor $(ratio "$(med wara_pub)" "$(med crate_floor)")"
if [[ "$have_hugo" == yes ]]; then
  echo "ratios of medians: wara public / hugo $(ratio "$(med wara_pub)" "$(med hugo)"), wara both / hugo $(ratio "$(med wara)" "$(med hugo)")"
fi
