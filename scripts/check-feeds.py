#!/usr/bin/env python3
"""Check the built site's calendar, Atom feed and sitemap, and that a rebuild is byte-identical.

- dist/public/deadlines.ics parses (icalendar), is RFC 5545 shaped (CRLF, lines <= 75 octets,
  VERSION/PRODID, each VEVENT with UID/DTSTAMP, all-day DTSTART;VALUE=DATE and DTEND = DTSTART + 1 day),
  and has as many events as /deadlines/ lists (li.deadline-item) and as the public content declares.
- dist/public/feed.xml is Atom (feed id/title/updated, entries with id/title/updated/link).
- dist/public/sitemap.xml is a sitemap; every URL in the feed and sitemap maps to a file in dist/public.
- No internal-only page (in dist/internal but not dist/public) has its URL or <h1> title in any
  public text file (SPEC 6).
- A second build into another folder gives the same deadlines.ics and the same whole dist (diff -r).

Usage: scripts/check-feeds.py [--root .] [--dist dist] [--wara target/release/wara] [--no-rebuild]
"""

import argparse
import datetime as dt
import os
import re
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from urllib.parse import unquote, urlsplit

try:
    import icalendar
except ImportError:
    sys.exit("check-feeds: the Python package icalendar is missing (pip install icalendar)")
try:
    import yaml
except ImportError:
    sys.exit("check-feeds: the Python package PyYAML is missing (pip install pyyaml)")

ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


class Checker:
    def __init__(self):
        self.failures = []

    def ok(self, cond, msg):
        if not cond:
            self.failures.append(msg)
            print(f"  FAIL {msg}")
        return cond

    def info(self, msg):
        print(f"  {msg}")


def site_base_url(root):
    with open(os.path.join(root, "site.yaml"), encoding="utf-8") as f:
        cfg = yaml.safe_load(f) or {}
    return str(cfg.get("base_url") or "https://lopburi.cdd.go.th").rstrip("/")


# ---------------------------------------------------------------- content count

def split_front_matter(text):
    """(front matter dict, body) of a Markdown file with --- front matter."""
    if text.startswith("\ufeff"):
        text = text[1:]
    m = re.match(r"^---[ \t]*\r?\n(.*?)\r?\n---[ \t]*(?:\r?\n|$)", text, re.S)
    if not m:
        return {}, text
    try:
        fm = yaml.safe_load(m.group(1)) or {}
    except yaml.YAMLError:
        fm = {}
    return (fm if isinstance(fm, dict) else {}), text[m.end():]


def page_url(content, path):
    """`content/a/b.md` and `content/a/b/index.md` -> `/a/b/`."""
    rel = os.path.relpath(path, content).replace(os.sep, "/")
    rel = rel[: -len(".md")]
    if rel.endswith("/index") or rel == "index":
        rel = rel[: -len("index")]
    return "/" + rel.strip("/") + "/" if rel.strip("/") else "/"


def content_deadlines(root):
    """Deadlines that the public build should collect, counted from content/ (public pages only).

    Each `{{ deadline(...) }}` shortcode and each `deadlines:` front matter item counts; a contest's
    `deadline:` counts too, unless a deadline on the same date is already stated on the contest's
    own page or on a page whose text links to the contest (the generator lists it once).
    Returns (total, [(file, n)], raw total).
    """
    content = os.path.join(root, "content")
    files = {}
    for dirpath, dirnames, filenames in os.walk(content):
        dirnames.sort()
        for name in sorted(filenames):
            if name.endswith(".md"):
                path = os.path.join(dirpath, name)
                with open(path, encoding="utf-8", errors="replace") as f:
                    files[path] = split_front_matter(f.read())

    def internal(path):
        fm = files[path][0]
        if fm.get("access") == "internal":
            return True
        d = os.path.dirname(path)
        if os.path.basename(path) == "_index.md":
            d = os.path.dirname(d)
        while len(d) >= len(content):
            idx = os.path.join(d, "_index.md")
            if idx in files and files[idx][0].get("access") == "internal":
                return True
            d = os.path.dirname(d)
        return False

    public = {p: v for p, v in files.items() if v[0].get("draft") is not True and not internal(p)}
    stated = []  # (date string, page path) of every shortcode / deadlines: item
    for path, (fm, body) in public.items():
        for m in re.finditer(r"\{\{\s*deadline\s*\((.*?)\)\s*\}\}", strip_fences(body), re.S):
            d = re.search(r"date\s*=\s*[\"']([^\"']*)[\"']", m.group(1))
            stated.append((d.group(1) if d else "", path))
        if isinstance(fm.get("deadlines"), list):
            for item in fm["deadlines"]:
                date = item.get("date") if isinstance(item, dict) else None
                stated.append((str(date) if date is not None else "", path))
    counts = {}
    for _, path in stated:
        counts[path] = counts.get(path, 0) + 1
    raw = len(stated)
    for path, (fm, body) in public.items():
        if fm.get("deadline") and "/contests/" in page_url(content, path):
            raw += 1
            url, date = page_url(content, path), str(fm["deadline"])
            dup = any(d == date and (p == path or url in public[p][1]) for d, p in stated)
            if not dup:
                counts[path] = counts.get(path, 0) + 1
    per_file = sorted((os.path.relpath(p, root), n) for p, n in counts.items())
    return sum(counts.values()), per_file, raw


def strip_fences(body):
    """The body without fenced code blocks."""
    out, fenced = [], False
    for line in body.splitlines():
        if re.match(r"^\s*(```|~~~)", line):
            fenced = not fenced
            continue
        if not fenced:
            out.append(line)
    return "\n".join(out)


class DeadlineItems(HTMLParser):
    def __init__(self):
        super().__init__()
        self.count = 0

    def handle_starttag(self, tag, attrs):
        cls = (dict(attrs).get("class") or "").split()
        if tag == "li" and "deadline-item" in cls:
            self.count += 1


# ---------------------------------------------------------------- calendar

def check_ics(c, public):
    path = os.path.join(public, "deadlines.ics")
    print("== deadlines.ics ==")
    if not c.ok(os.path.isfile(path), f"{path} does not exist"):
        return None
    raw = open(path, "rb").read()
    c.ok(raw.count(b"\n") == raw.count(b"\r\n"), "deadlines.ics: some line ends with a bare LF (RFC 5545 wants CRLF)")
    c.ok(raw.count(b"\r") == raw.count(b"\r\n"), "deadlines.ics: a bare CR")
    c.ok(raw.endswith(b"\r\n"), "deadlines.ics: the last line does not end with CRLF")
    long_lines = [(i + 1, len(l.rstrip(b"\r"))) for i, l in enumerate(raw.split(b"\n")) if len(l.rstrip(b"\r")) > 75]
    c.ok(not long_lines, f"deadlines.ics: {len(long_lines)} line(s) over 75 octets (line, octets): {long_lines[:5]}")
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError as e:
        c.ok(False, f"deadlines.ics: not UTF-8: {e}")
    try:
        cal = icalendar.Calendar.from_ical(raw)
    except Exception as e:  # noqa: BLE001 - any parse error is the finding
        c.ok(False, f"deadlines.ics: icalendar cannot parse it: {e}")
        return None
    c.ok(cal.name == "VCALENDAR", f"deadlines.ics: top component is {cal.name}, not VCALENDAR")
    c.ok(str(cal.get("VERSION", "")) == "2.0", "deadlines.ics: VERSION:2.0 missing")
    c.ok(bool(cal.get("PRODID")), "deadlines.ics: PRODID missing")
    events = list(cal.walk("VEVENT"))
    uids = []
    for i, ev in enumerate(events, 1):
        summary = str(ev.get("SUMMARY", ""))
        where = f"VEVENT #{i} ({summary[:40]!r})"
        uid = ev.get("UID")
        c.ok(bool(uid), f"{where}: no UID")
        uids.append(str(uid))
        c.ok(ev.get("DTSTAMP") is not None, f"{where}: no DTSTAMP")
        c.ok(bool(summary.strip()), f"{where}: no SUMMARY")
        start, end = ev.get("DTSTART"), ev.get("DTEND")
        if not c.ok(start is not None and end is not None, f"{where}: DTSTART or DTEND missing"):
            continue
        s, e = start.dt, end.dt
        all_day = isinstance(s, dt.date) and not isinstance(s, dt.datetime)
        c.ok(all_day, f"{where}: DTSTART {s!r} is not a DATE (all-day event)")
        c.ok(isinstance(e, dt.date) and not isinstance(e, dt.datetime), f"{where}: DTEND {e!r} is not a DATE")
        if all_day and isinstance(e, dt.date):
            c.ok(e == s + dt.timedelta(days=1), f"{where}: DTEND {e} is not DTSTART {s} + 1 day")
    c.ok(len(uids) == len(set(uids)), f"deadlines.ics: duplicate UIDs: {sorted(u for u in set(uids) if uids.count(u) > 1)}")
    starts = re.findall(rb"^DTSTART([;:][^\r\n]*)", raw, re.M)
    c.ok(all(s.startswith(b";VALUE=DATE:") for s in starts),
         f"deadlines.ics: DTSTART without ;VALUE=DATE: {[s.decode() for s in starts if not s.startswith(b';VALUE=DATE:')][:3]}")
    c.info(f"{len(events)} VEVENT(s), {len(raw)} bytes")
    return len(events)


def check_deadline_counts(c, root, public, n_events):
    print("== deadline counts ==")
    page = os.path.join(public, "deadlines", "index.html")
    n_html = None
    if c.ok(os.path.isfile(page), f"{page} does not exist"):
        p = DeadlineItems()
        p.feed(open(page, encoding="utf-8").read())
        n_html = p.count
    n_content, per_file, raw = content_deadlines(root)
    c.info(f"deadlines.ics VEVENTs: {n_events}; /deadlines/ li.deadline-item: {n_html}; public content: {n_content}"
           f" ({raw} stated, contest closing dates already stated on the same date counted once)")
    for path, n in per_file:
        c.info(f"  {n:3d}  {path}")
    c.ok(n_content > 0, "no deadline found in the public content (counting is broken?)")
    if n_events is not None and n_html is not None:
        c.ok(n_events == n_html, f"deadlines.ics has {n_events} events but /deadlines/ lists {n_html} li.deadline-item")
    if n_events is not None:
        c.ok(n_events == n_content, f"deadlines.ics has {n_events} events but the public content declares {n_content} deadlines")


# ---------------------------------------------------------------- feed + sitemap

def url_to_file(public, base, url):
    """The file in `public` that serves `url`, or None when the URL is not under base_url."""
    if not url.startswith(base + "/"):
        return None
    path = unquote(urlsplit(url[len(base):]).path).lstrip("/")
    if path == "" or path.endswith("/"):
        path += "index.html"
    return os.path.join(public, path)


def check_urls(c, public, base, urls, what):
    bad = 0
    for url in urls:
        f = url_to_file(public, base, url)
        if f is None:
            c.ok(False, f"{what}: {url} is not under base_url {base}/")
            bad += 1
        elif not os.path.isfile(f):
            c.ok(False, f"{what}: {url} -> {os.path.relpath(f, public)} does not exist in {public}")
            bad += 1
    c.info(f"{what}: {len(urls)} URL(s), {len(urls) - bad} map to files")


def rfc3339(s):
    try:
        dt.datetime.fromisoformat((s or "").replace("Z", "+00:00"))
        return bool(re.match(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}", s or ""))
    except ValueError:
        return False


def load_xml(c, public, name, root_tag):
    """Parse dist/public/NAME and check its root element; None (with the failure noted) if not."""
    path = os.path.join(public, name)
    print(f"== {name} ==")
    if not c.ok(os.path.isfile(path), f"{path} does not exist"):
        return None
    try:
        root = ET.parse(path).getroot()
    except ET.ParseError as e:
        c.ok(False, f"{name}: not well-formed XML: {e}")
        return None
    if not c.ok(root.tag == root_tag, f"{name}: root is {root.tag}, not {root_tag}"):
        return None
    return root


def check_feed(c, public, base):
    feed = load_xml(c, public, "feed.xml", f"{ATOM}feed")
    if feed is None:
        return
    for key in ("id", "title", "updated"):
        el = feed.find(f"{ATOM}{key}")
        c.ok(el is not None and (el.text or "").strip(), f"feed.xml: feed has no {key}")
    c.ok(rfc3339(feed.findtext(f"{ATOM}updated")), f"feed.xml: feed updated {feed.findtext(f'{ATOM}updated')!r} is not RFC 3339")
    urls = [l.get("href") for l in feed.findall(f"{ATOM}link") if l.get("href")]
    entries = feed.findall(f"{ATOM}entry")
    c.ok(len(entries) > 0, "feed.xml: no entries")
    for i, e in enumerate(entries, 1):
        title = (e.findtext(f"{ATOM}title") or "").strip()
        where = f"feed.xml entry #{i} ({title[:40]!r})"
        for key in ("id", "title", "updated"):
            c.ok((e.findtext(f"{ATOM}{key}") or "").strip(), f"{where}: no {key}")
        c.ok(rfc3339(e.findtext(f"{ATOM}updated")), f"{where}: updated {e.findtext(f'{ATOM}updated')!r} is not RFC 3339")
        links = [l.get("href") for l in e.findall(f"{ATOM}link") if l.get("href")]
        c.ok(links, f"{where}: no link href")
        urls += links
        eid = (e.findtext(f"{ATOM}id") or "").strip()
        if eid.startswith("http"):
            urls.append(eid)
    c.info(f"{len(entries)} entries")
    check_urls(c, public, base, sorted(set(urls)), "feed.xml")


def check_sitemap(c, public, base):
    root = load_xml(c, public, "sitemap.xml", f"{SITEMAP}urlset")
    if root is None:
        return
    locs = [(u.findtext(f"{SITEMAP}loc") or "").strip() for u in root.findall(f"{SITEMAP}url")]
    c.ok(locs and all(locs), "sitemap.xml: no <url><loc>, or an empty <loc>")
    c.ok(len(locs) == len(set(locs)), "sitemap.xml: duplicate <loc>")
    for u in root.findall(f"{SITEMAP}url"):
        lastmod = u.findtext(f"{SITEMAP}lastmod")
        if lastmod is not None:
            c.ok(re.match(r"^\d{4}-\d{2}-\d{2}", lastmod.strip()), f"sitemap.xml: lastmod {lastmod!r} is not a W3C date")
    pages = sum(1 for _, _, fs in os.walk(public) for f in fs if f == "index.html")
    c.info(f"{pages} index.html page(s) in {public}")
    check_urls(c, public, base, locs, "sitemap.xml")


# ---------------------------------------------------------------- rebuild

def check_rebuild(c, root, dist, wara):
    print("== rebuild is byte-identical ==")
    if not c.ok(os.path.isfile(wara) and os.access(wara, os.X_OK), f"{wara} is not an executable (cargo build --release)"):
        return
    with tempfile.TemporaryDirectory(prefix="wara-rebuild-") as out:
        r = subprocess.run([wara, "build", "--root", root, "--out", out], capture_output=True, text=True)
        if not c.ok(r.returncode == 0, f"second build `{wara} build --out {out}` exited {r.returncode}:\n{r.stderr[-2000:]}"):
            return
        a = os.path.join(dist, "public", "deadlines.ics")
        b = os.path.join(out, "public", "deadlines.ics")
        if os.path.isfile(a) and os.path.isfile(b):
            c.ok(open(a, "rb").read() == open(b, "rb").read(), "deadlines.ics differs between two builds")
        d = subprocess.run(["diff", "-r", "-q", dist, out], capture_output=True, text=True)
        same = d.returncode == 0
        if not same:
            print(d.stdout[-3000:] + d.stderr[-1000:])
        c.ok(same, f"the whole dist differs between two builds (diff -r -q {dist} {out})")
        if same:
            n = sum(len(fs) for _, _, fs in os.walk(out))
            c.info(f"second build: {n} files, identical to {dist}")


# ---------------------------------------------------------------- audience leak

class Heading(HTMLParser):
    """Text of the first <h1>."""

    def __init__(self):
        super().__init__()
        self.depth, self.text, self.done = 0, "", False

    def handle_starttag(self, tag, attrs):
        if tag == "h1" and not self.done:
            self.depth = 1
        elif self.depth:
            self.depth += 1

    def handle_endtag(self, tag):
        if self.depth:
            self.depth -= 1
            if self.depth == 0:
                self.done = True

    def handle_data(self, data):
        if self.depth and not self.done:
            self.text += data


def check_leaks(c, dist):
    """SPEC 6: internal-only pages leave no trace in the public output (title or URL)."""
    print("== internal pages absent from public ==")
    public, internal = os.path.join(dist, "public"), os.path.join(dist, "internal")
    only_internal = []
    for dirpath, _, filenames in os.walk(internal):
        for name in filenames:
            rel = os.path.relpath(os.path.join(dirpath, name), internal)
            if name == "index.html" and not os.path.exists(os.path.join(public, rel)):
                only_internal.append(rel)
    only_internal.sort()
    texts = {}
    for dirpath, _, filenames in os.walk(public):
        for name in filenames:
            if name.endswith((".html", ".xml", ".ics", ".json", ".txt", ".csv", ".js")):
                path = os.path.join(dirpath, name)
                texts[os.path.relpath(path, public)] = open(path, encoding="utf-8", errors="replace").read()
    for rel in only_internal:
        h = Heading()
        h.feed(open(os.path.join(internal, rel), encoding="utf-8").read())
        title = " ".join(h.text.split())
        url = "/" + rel[: -len("index.html")]
        needles = [url] + ([title] if len(title) >= 6 else [])
        for needle in needles:
            hits = sorted(f for f, t in texts.items() if needle in " ".join(t.split()))
            c.ok(not hits, f"internal page {url} ({title!r}): {needle!r} appears in public {hits[:5]}")
    c.info(f"{len(only_internal)} internal-only page(s) checked against {len(texts)} public text files")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--root", default=".")
    ap.add_argument("--dist", default=os.environ.get("WARA_DIST", "dist"))
    ap.add_argument("--wara", default=os.environ.get("WARA", "target/release/wara"))
    ap.add_argument("--base-url", default=None)
    ap.add_argument("--no-rebuild", action="store_true", help="skip the second build")
    args = ap.parse_args()
    root, dist = os.path.abspath(args.root), os.path.abspath(args.dist)
    public = os.path.join(dist, "public")
    base = (args.base_url or site_base_url(root)).rstrip("/")
    c = Checker()
    n_events = check_ics(c, public)
    check_deadline_counts(c, root, public, n_events)
    check_feed(c, public, base)
    check_sitemap(c, public, base)
    if os.path.isdir(os.path.join(dist, "internal")):
        check_leaks(c, dist)
    if not args.no_rebuild:
        check_rebuild(c, root, dist, os.path.abspath(args.wara))
    if c.failures:
        print(f"check-feeds: FAILED: {len(c.failures)} problem(s)")
        return 1
    print("check-feeds: calendar, feed, sitemap and rebuild OK")
    return 0


if __name__ == "__main__":
    sys.exit(main())
