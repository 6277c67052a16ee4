#!/usr/bin/env python3
"""Benchmark corpus shaped like the real content: N minutes pages (15-30 KB of Thai Markdown
each, agendas `## ระเบียบวาระที่ …`, items `### ๓.๑ …`, `มติที่ประชุม:` resolutions, lists,
`{{ deadline(...) }}` shortcodes; a third with a YAML table and a download with its PDF), plus
some contest and plain pages, across Buddhist Era years 2560-2569 (more years, ending in 2569, past
99,990 pages) in
content/minutes/<BE>/<NN>/index.md. The same content is written for Hugo with the shortcodes
replaced by plain Markdown (a link, a table, bold text).

Deterministic: the same N and seed give byte-identical files.

usage: benches/minutes-corpus.py OUT N [--site site.yaml] [--seed 2563]
writes OUT/wara/{site.yaml,content/…} and OUT/hugo/content/… (the Hugo config and layouts
are written by benches/build.sh, shared with the note-page corpus).
"""
import argparse
import os
import random

THAI_DIGITS = str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙")
MONTHS = ["มกราคม", "กุมภาพันธ์", "มีนาคม", "เมษายน", "พฤษภาคม", "มิถุนายน", "กรกฎาคม",
          "สิงหาคม", "กันยายน", "ตุลาคม", "พฤศจิกายน", "ธันวาคม"]
WORDS = ("การประชุม สำนักงาน พัฒนาชุมชน จังหวัด ลพบุรี อำเภอ งบประมาณ โครงการ หมู่บ้าน ครัวเรือน "
         "สัมมาชีพ กองทุน สตรี เศรษฐกิจ พอเพียง รายงาน ผลการดำเนินงาน ไตรมาส คณะกรรมการ "
         "รับทราบ เบิกจ่าย ร้อยละ ตำบล ผู้นำ อาสา พัฒนา ชุมชน แผนงาน กิจกรรม เป้าหมาย "
         "ติดตาม ประเมินผล ผลิตภัณฑ์ ผ้าไทย ครัวเรือนยากจน ข้อมูล จปฐ. ระบบ ฐานข้อมูล "
         "คัดเลือก ประกวด ดีเด่น ส่งเสริม การตลาด ออนไลน์ ร้านค้า ชุมชน วิทยากร ฝึกอบรม").split()
PEOPLE = ["นายวีระยุทธ ราชิวงค์", "นางพันซ์กร วงศ์ชมภู", "นางสาวเมธิยา พาคำ", "นายสมชาย ใจดี",
          "นางสาวอุจจิน เรืองสมุทร", "นางกระเกด พึ่งงาม", "นายประสิทธิ์ มั่นคง"]
POSITIONS = ["เจ้าพนักงานธุรการปฏิบัติงาน", "นักวิชาการพัฒนาชุมชนชำนาญการ",
             "หัวหน้าฝ่ายอำนวยการ", "นักวิชาการพัฒนาชุมชนปฏิบัติการ"]
AGENDAS = ["เรื่องที่ประธานแจ้งให้ทราบ", "รับรองรายงานการประชุม", "เรื่องเพื่อทราบ",
           "เรื่องเพื่อพิจารณา", "เรื่องอื่น ๆ"]
RESOLUTIONS = ["รับทราบ", "รับทราบ และให้อำเภอดำเนินการตามกำหนด", "เห็นชอบ",
               "รับรองรายงานการประชุม", "มอบหมายฝ่ายอำนวยการติดตามผล"]


def thai(n):
    return str(n).translate(THAI_DIGITS)


def read_districts(site_yaml):
    out, inside = [], False
    with open(site_yaml, encoding="utf-8") as f:
        for line in f:
            if line.startswith("districts:"):
                inside = True
            elif inside and line.startswith("  - "):
                out.append(line[4:].strip())
            elif inside and not line.startswith(" "):
                inside = False
    return out


class Gen:
    def __init__(self, seed, districts):
        self.rng = random.Random(seed)
        self.districts = districts

    def words(self, k):
        return "".join(self.rng.choice(WORDS) for _ in range(k))

    def sentence(self):
        return " ".join(self.words(self.rng.randint(3, 7)) for _ in range(self.rng.randint(3, 6)))

    def paragraph(self):
        return " ".join(self.sentence() for _ in range(self.rng.randint(2, 4)))

    def table_yaml(self, title):
        rng = self.rng
        rows = []
        for d in self.districts:
            villages = rng.randint(5, 60)
            done = rng.randint(0, villages)
            budget = villages * 37200
            spent = rng.randint(0, budget // 100) * 100
            rows.append(f'  - {{district: "{d}", villages: {villages}, done: {done}, '
                        f'budget: {budget}, spent: {spent}}}')
        return (f'title: "{title}"\nunit: บาท\ncolumns:\n'
                '  - {key: district, label: "อำเภอ", type: district}\n'
                '  - label: "จำนวนหมู่บ้านเป้าหมาย"\n    columns:\n'
                '      - {key: villages, label: "ทั้งหมด", type: int}\n'
                '      - {key: done, label: "ดำเนินการแล้ว", type: int}\n'
                '      - {key: left, label: "คงเหลือ", type: int, formula: villages - done}\n'
                '  - {key: budget, label: "งบประมาณ", type: baht}\n'
                '  - {key: spent, label: "เบิกจ่าย", type: baht}\n'
                '  - {key: spent_pct, label: "ร้อยละ", type: percent, formula: spent * 100 / budget}\n'
                "rows:\n" + "\n".join(rows) + "\ntotal: true\n"), rows

    def minutes(self, n, be, with_table):
        """Returns (wara markdown, hugo markdown, table yaml or None, pdf name or None)."""
        rng = self.rng
        year = be - 543
        month = 1 + (n - 1) % 12
        day = 1 + (n * 7) % 28
        date = f"{year}-{month:02d}-{day:02d}"
        title = (f"รายงานการประชุมหัวหน้ากลุ่มงาน พัฒนาการอำเภอ และนักวิชาการพัฒนาชุมชน "
                 f"ครั้งที่ {thai(n)}/{thai(be)}")
        rec, rev = rng.sample(PEOPLE, 2)
        fm = [f"title: {title}", f'meeting: "{n}/{be}"', f"date: {date}", 'time: "09:00"',
              f'opened: "09:{rng.randint(0, 30):02d}"', f'closed: "{rng.randint(11, 16)}:00"',
              "location: ห้องประชุมสำนักงานพัฒนาชุมชนจังหวัดลพบุรี",
              f"summary: การประชุมประจำเดือน{MONTHS[month - 1]} {thai(be)} {self.words(8)}",
              f"tags: [{', '.join(rng.sample(['สัมมาชีพชุมชน', 'TPMAP', 'OTOP', 'งบประมาณ', 'ประกวด', 'เศรษฐกิจพอเพียง'], 3))}]",
              f"recorder: {{name: {rec}, position: {rng.choice(POSITIONS)}}}",
              f"reviewer: {{name: {rev}, position: {rng.choice(POSITIONS)}}}"]
        if n > 1:
            fm.insert(2, f'certifies: "{n - 1}/{be}"')
        pdf = f"files/doc-{n}-{be}.pdf" if with_table else None
        if pdf:
            fm.append(f"attachments:\n  - {{file: {pdf}, title: หนังสือจังหวัดลพบุรี ที่ ลป {thai(n)}/{thai(be)}}}")
        target = rng.randint(15000, 30000)
        wara, hugo = [], []

        def both(text):
            wara.append(text)
            hugo.append(text)

        both("**พิธีก่อนการประชุม**\n\n๑. พิธีสวดมนต์ไหว้พระ\\\n๒. พิธีปฏิญาณตน\\\n๓. การส่งเสริมคุณธรรม จริยธรรม\n")
        size = 0
        table_placed = False
        agenda = 0
        while size < target or agenda < 3:
            agenda += 1
            both(f"## ระเบียบวาระที่ {thai(agenda)} {AGENDAS[(agenda - 1) % len(AGENDAS)]}\n")
            for item in range(1, rng.randint(2, 4) + 1):
                both(f"### {thai(agenda)}.{thai(item)} {self.words(rng.randint(3, 6))}\n")
                for _ in range(rng.randint(1, 2)):
                    both(self.paragraph() + "\n")
                if rng.random() < 0.5:
                    both("\n".join(f"- {self.words(rng.randint(2, 5))} {thai(rng.randint(1, 999))} แห่ง"
                                   for _ in range(rng.randint(3, 6))) + "\n")
                if rng.random() < 0.3:
                    dl = f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
                    task = f"อำเภอ{rng.choice(['ส่ง', 'รายงาน', 'สรุป'])}{self.words(4)} ให้จังหวัด"
                    wara.append(f'ให้อำเภอดำเนินการ {{{{ deadline(date="{dl}", task="{task}") }}}}\n')
                    hugo.append(f"ให้อำเภอดำเนินการ **{dl}: {task}**\n")
                if with_table and not table_placed and agenda >= 2:
                    table_placed = True
                    wara.append('{{ table(src="table.yaml") }}\n')
                    hugo.append("TABLE\n")  # replaced below, once the rows are known
                    wara.append(f'{{{{ download(file="{pdf}", title="หนังสือจังหวัดลพบุรี ที่ ลป {thai(n)}/{thai(be)}") }}}}\n')
                    hugo.append(f"[หนังสือจังหวัดลพบุรี ที่ ลป {thai(n)}/{thai(be)} (PDF)]({os.path.basename(pdf)})\n")
                both(f"มติที่ประชุม: {rng.choice(RESOLUTIONS)}\n")
                size = sum(len(p.encode("utf-8")) for p in wara)
                if size >= target and agenda >= 3:
                    break
        table = None
        if with_table:
            table, rows = self.table_yaml(f"งบประมาณโครงการ{self.words(4)} ครั้งที่ {thai(n)}/{thai(be)}")
            md = ["| อำเภอ | ทั้งหมด | ดำเนินการแล้ว | คงเหลือ | งบประมาณ | เบิกจ่าย | ร้อยละ |",
                  "|---|---:|---:|---:|---:|---:|---:|"]
            for r in rows:
                d = dict(kv.split(": ", 1) for kv in r.strip()[3:-1].split(", "))
                v, dn, b, s = (int(d[k]) for k in ("villages", "done", "budget", "spent"))
                md.append(f"| {d['district'].strip(chr(34))} | {v} | {dn} | {v - dn} | {b:,} | {s:,} | "
                          f"{s * 100 / b:.2f} |")
            hugo[hugo.index("TABLE\n")] = "\n".join(md) + "\n"
        head = "---\n" + "\n".join(fm) + "\n---\n\n"
        return head + "\n".join(wara), head + "\n".join(hugo), table, pdf

    def contest(self, i, be):
        rng = self.rng
        pts = [rng.choice([10, 20, 30]) for _ in range(3)]
        pts.append(100 - sum(pts))
        crit = "\n".join(f'  - {{name: "{self.words(4)}", points: {p}}}' for p in pts)
        fm = (f"---\ntitle: การประกวด{self.words(3)} ประจำปี {thai(be)}\ndate: {be - 543}-03-01\n"
              f"summary: {self.words(10)}\ndeadline: {be - 543}-09-10\ntotal_points: 100\n"
              f'eligibility:\n  - "{self.words(6)}"\n  - "{self.words(5)}"\ncriteria:\n{crit}\n---\n\n')
        body = "\n".join(self.paragraph() + "\n" for _ in range(4))
        return fm + body

    def plain(self, i):
        fm = f"---\ntitle: {self.words(3)} {thai(i)}\nsummary: {self.words(8)}\n---\n\n"
        body = "\n".join(f"## {self.words(3)}\n\n{self.paragraph()}\n" for _ in range(3))
        return fm + body


FAKE_PDF = (b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
            b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n")


def write(path, data):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as f:
        f.write(data if isinstance(data, bytes) else data.encode("utf-8"))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("out")
    ap.add_argument("n", type=int, help="number of minutes pages")
    ap.add_argument("--site", default="site.yaml")
    ap.add_argument("--seed", type=int, default=2563)
    a = ap.parse_args()
    districts = read_districts(a.site)
    g = Gen(a.seed, districts)
    w, h = os.path.join(a.out, "wara"), os.path.join(a.out, "hugo")
    with open(a.site, encoding="utf-8") as f:
        write(os.path.join(w, "site.yaml"), f.read())
    # Ten years (2560-2569); more, ending in 2569, when a year would need meeting 10000
    # (wara reads at most four digits: 100,000 pages take eleven years).
    count = max(10, -(-a.n // 9999))
    years = list(range(2570 - count, 2570))
    per_year = (a.n + len(years) - 1) // len(years)
    sections = {"content/_index.md": "---\ntitle: หน้าแรก\n---\n\nสำนักงานพัฒนาชุมชนจังหวัดลพบุรี\n",
                "content/minutes/_index.md": "---\ntitle: รายงานการประชุม\n---\n\nรายงานการประชุมประจำเดือน\n",
                "content/contests/_index.md": "---\ntitle: ประกวด\n---\n\nการประกวดและการคัดเลือก\n",
                "content/pages/_index.md": "---\ntitle: หน้าอื่น ๆ\n---\n"}
    for be in years:
        sections[f"content/minutes/{be}/_index.md"] = f"---\ntitle: รายงานการประชุม ปี {thai(be)}\n---\n"
    for rel, text in sections.items():
        write(os.path.join(w, rel), text)
        write(os.path.join(h, rel), text)
    made = 0
    for be in years:
        for n in range(1, per_year + 1):
            if made == a.n:
                break
            made += 1
            wara_md, hugo_md, table, pdf = g.minutes(n, be, with_table=(made % 3 == 0))
            rel = f"content/minutes/{be}/{n:02d}"
            write(os.path.join(w, rel, "index.md"), wara_md)
            write(os.path.join(h, rel, "index.md"), hugo_md)
            if table:
                write(os.path.join(w, rel, "table.yaml"), table)
            if pdf:
                write(os.path.join(w, rel, pdf), FAKE_PDF)
                write(os.path.join(h, rel, os.path.basename(pdf)), FAKE_PDF)
    # One contest and one plain page per 50 minutes pages.
    for i in range(max(1, a.n // 50)):
        be = years[i % len(years)]
        c = g.contest(i, be)
        write(os.path.join(w, f"content/contests/c{i:04d}.md"), c)
        write(os.path.join(h, f"content/contests/c{i:04d}.md"), c)
        p = g.plain(i)
        write(os.path.join(w, f"content/pages/p{i:04d}.md"), p)
        write(os.path.join(h, f"content/pages/p{i:04d}.md"), p)


if __name__ == "__main__":
    main()
