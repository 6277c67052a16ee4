#!/usr/bin/env bash
# Makes the SAMPLE stand-in PDFs for the documents that the minutes of meeting 5/2563
# point to by QR code (we do not have the originals). Each is one page that says, in
# Thai and English, which document it stands in for and that the real file replaces it
# under the same name.
#
# Needs: Debian `chromium`, `npm` (for the Sarabun font), `pdftotext` (poppler-utils) to verify.
# Usage: scripts/make-sample-pdfs.sh [SITE_ROOT]   (default: the repository root)
# The HTML sources and the fonts live in a temporary directory and are never written
# under content/.
set -euo pipefail

root="${1:-$(cd "$(dirname "$0")/.." && pwd)}"
out="$root/content/minutes/2563/05/files"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

mkdir -p "$out"

# Sarabun (SIL OFL 1.1) from npm; the thai subset has no ASCII, so ship thai + latin.
font_dir="${FONT_DIR:-}"
if [[ -z "$font_dir" ]]; then
  (cd "$work" && npm pack --silent @fontsource/sarabun@5.3.0 >/dev/null && tar xzf fontsource-sarabun-*.tgz)
  font_dir="$work/package/files"
fi
thai_font="$font_dir/sarabun-thai-400-normal.woff2"
latin_font="$font_dir/sarabun-latin-400-normal.woff2"
for f in "$thai_font" "$latin_font"; do
  [[ -f "$f" ]] || { echo "missing font: $f" >&2; exit 1; }
done

# page FILE ITEM_ANCHOR ITEM_TH TITLE_TH TITLE_EN DETAILS_TH DETAILS_EN
page() {
  local file="$1" anchor="$2" item_th="$3" title_th="$4" title_en="$5" details_th="$6" details_en="$7"
  local html="$work/${file%.pdf}.html"
  local item_no="${anchor#item-}"
  item_no="${item_no//-/.}"
  cat >"$html" <<HTML
<!doctype html>
<html lang="th">
<head>
<meta charset="utf-8">
<title>SAMPLE / ตัวอย่าง — ${title_en}</title>
<style>
@font-face { font-family: "SarabunLatin"; src: url("file://${latin_font}") format("woff2"); }
@font-face { font-family: "SarabunThai"; src: url("file://${thai_font}") format("woff2"); }
@page { size: A4; margin: 18mm 18mm; }
* { font-weight: normal; font-synthesis: none; }
body { font-family: "SarabunLatin", "SarabunThai"; font-size: 13pt; line-height: 1.45; color: #000; }
.mark { border: 3px solid #000; padding: 2mm 6mm; text-align: center; font-size: 24pt; letter-spacing: 0.05em; }
h1 { font-size: 18pt; margin: 8mm 0 2mm; }
h2 { font-size: 15pt; margin: 6mm 0 1mm; }
p { margin: 1mm 0; }
dl { margin: 2mm 0; }
dt { font-weight: normal; text-decoration: underline; margin-top: 2mm; }
dd { margin: 0 0 0 8mm; }
.en { margin-top: 6mm; border-top: 1px solid #000; padding-top: 3mm; }
code { font-family: inherit; white-space: nowrap; text-decoration: underline; }
.small { font-size: 12pt; margin-top: 8mm; }
</style>
</head>
<body>
<div class="mark">ตัวอย่าง · SAMPLE</div>

<h1>เอกสารตัวอย่างแทนเอกสารจริง</h1>
<p>ไฟล์นี้เป็นตัวอย่างที่ใช้แทนเอกสารต่อไปนี้ชั่วคราว ไม่ใช่เอกสารจริง</p>
<dl>
<dt>เอกสาร</dt><dd>${title_th}</dd>
<dt>รายละเอียด</dt><dd>${details_th}</dd>
<dt>อ้างถึงใน</dt><dd>รายงานการประชุมหัวหน้ากลุ่มงาน หัวหน้าฝ่ายอำนวยการ พัฒนาการอำเภอ และนักวิชาการพัฒนาชุมชน ครั้งที่ ๕/๒๕๖๓ วันที่ ๑๔ พฤษภาคม ๒๕๖๓ ${item_th}</dd>
</dl>
<p>เมื่อได้รับเอกสารจริงแล้ว ให้นำไฟล์จริงมาแทนที่ไฟล์นี้โดยใช้ชื่อไฟล์เดิม <code>${file}</code></p>

<div class="en">
<h2>SAMPLE standing in for the real document</h2>
<p>This file is a SAMPLE, not the real document. It stands in for:</p>
<dl>
<dt>Document</dt><dd>${title_en}</dd>
<dt>Details</dt><dd>${details_en}</dd>
<dt>Referred to by</dt><dd>Minutes of meeting 5/2563 (14 May 2563 BE = 14 May 2020), Lopburi Provincial Community Development Office, agenda item ${item_no} (/minutes/2563/05/#${anchor}).</dd>
</dl>
<p>The real file replaces this one under the same name: <code>${file}</code></p>
</div>

<p class="small">สำนักงานพัฒนาชุมชนจังหวัดลพบุรี · Lopburi Provincial Community Development Office</p>
</body>
</html>
HTML
  chromium --headless --no-sandbox --disable-gpu --disable-background-networking \
    --no-pdf-header-footer --allow-file-access-from-files \
    --print-to-pdf="$out/$file" "file://$html" 2>/dev/null
  local size
  size=$(stat -c %s "$out/$file")
  if (( size > 100000 )); then
    echo "$file is $size bytes (limit 100000)" >&2
    exit 1
  fi
  if command -v pdftotext >/dev/null; then
    pdftotext "$out/$file" - | grep -q "ตัวอย่าง" || { echo "$file: Thai text not extractable" >&2; exit 1; }
  fi
  echo "$out/$file ($size bytes)"
}

page it-award-manual-2563.pdf item-3-4 "ระเบียบวาระที่ ๓.๔" \
  "คู่มือการคัดเลือกกิจกรรมงานเทคโนโลยีและสารสนเทศดีเด่น ประจำปี พ.ศ. ๒๕๖๓ (กรมการพัฒนาชุมชน)" \
  "Manual for the selection of outstanding information technology activities, 2563 BE (2020), Community Development Department" \
  "รายงานการประชุมระบุเพียง &ldquo;สามารถสแกน QR CODE เพื่อดาวนโหลดคู่มือฯ&rdquo; ไม่ระบุเลขที่และวันที่ของเอกสาร" \
  "The minutes only say the manual can be downloaded by scanning a QR code; they give no document number or date."

page lp0019-w2102.pdf item-3-5 "ระเบียบวาระที่ ๓.๕" \
  "หนังสือจังหวัดลพบุรี ที่ ลป ๐๐๑๙/ว๒๑๐๒ ลงวันที่ ๑๒ พฤษภาคม ๒๕๖๓" \
  "Lopburi Province letter no. ลป ๐๐๑๙/ว๒๑๐๒ (LP 0019/W 2102), dated 12 May 2563 BE (2020)" \
  "องค์ประกอบของรูปเล่มผลงาน การประกวดนักประชาสัมพันธ์ดีเด่น ประจำปี ๒๕๖๓ (ส่งผลงานภายในวันที่ ๑๐ กันยายน ๒๕๖๓)" \
  "Contents of the portfolio for the Outstanding Public Relations Officer contest 2563 BE (entries due 10 September 2563 BE = 2020)."

page order-2132-2563.pdf item-3-6 "ระเบียบวาระที่ ๓.๖" \
  "คำสั่งจังหวัดลพบุรี ที่ ๒๑๓๒/๒๕๖๓ เรื่อง แต่งตั้งทีมผู้นำอาสาพัฒนาบ้านเกิด ลงวันที่ ๒๘ เมษายน ๒๕๖๓" \
  "Lopburi Province order no. 2132/2563, appointing the volunteer home-town development leader team (ทีมผู้นำอาสาพัฒนาบ้านเกิด), dated 28 April 2563 BE (2020)" \
  "โครงการทีมผู้นำอาสาพัฒนาบ้านเกิด" \
  "Volunteer home-town development leader team project."
