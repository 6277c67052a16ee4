#!/usr/bin/env python3
"""Mutation fuzzer over the Lopburi site's files (issue 15).

Copies the site (site.yaml, content/, static/) into a temporary folder, mutates a few
files (byte flips, deleted and duplicated lines, swapped YAML values, `{{`, `---`, tabs,
BOM, CRLF, huge lines, stacked Thai combining marks, NULs, random shortcodes, symlinks to
/etc/passwd and symlink loops, ...), then runs `wara check` (and every few cases
`wara build --out <tmp>`) with a timeout. A case fails on a panic (exit 101 or
"panicked" in stderr), a crash (a signal, or an exit status other than 0, 1 or 2) or a
hang (the timeout, then three times the timeout on a second try). Failing sites are saved, with the command and its output, under
--failures.

Deterministic: case N of seed S always makes the same site, so
`fuzz-site.py --seed S --first N --count 1` replays it.

    scripts/fuzz-site.py --seconds 60            # CI: one minute
    scripts/fuzz-site.py --seconds 600 --seed 7  # longer, another sequence
"""

import argparse
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SITE_PARTS = ["site.yaml", "content", "static"]
TEXT_SUFFIXES = {".md", ".yaml", ".yml", ".csv", ".txt", ".html", ".json"}
SHORTCODES = {
    "table": ["src"],
    "chart": ["src", "value", "marks", "title"],
    "download": ["file", "title"],
    "qr": ["url", "page", "caption"],
    "deadline": ["date", "task"],
    "internal_link": ["page", "title"],
    "nosuch": ["x"],
}
ARG_VALUES = [
    "", "files/a.pdf", "/staff/secret.yaml", "../../../../etc/passwd", "/etc/passwd",
    "alloc-q3-3-1.yaml", "tpmap-3-2.yaml", "passwd.yaml", "loop.yaml", "files/passwd.pdf",
    "/minutes/2563/05/", "/staff/tpmap-logbook/", "/nope/", "2563-06-30", "๒๕๖๓-๐๖-๓๐",
    "2563-02-30", "9999999999-01-01", "javascript:alert(1)", "https://example.com/",
    "budget", "q3", "villages", "0,50,100", "1e308", "-1", "NaN", "ก" * 300,
    "\u0e49\u0e49\u0e49\u0e49", "%2e%2e/%2e%2e/etc/passwd", "files/คำสั่ง ที่ 2132.pdf",
    "\\\"", "}}", "{{", "\t", "\u00a0", "\ufeff",
]
THAI_MARKS = [chr(c) for c in list(range(0x0E31, 0x0E32)) + list(range(0x0E34, 0x0E3B))
              + list(range(0x0E47, 0x0E4F))]
INSERTS = [
    "{{", "}}", "{{ ", "{{}}", "---\n", "\n---\n", "\t", "\ufeff", "\r", "\r\n", "\x00",
    "```\n", "~~~", "`", "|", "| --- |\n", "<!--", "-->", "<script>", "[x](", "](/)",
    "# ", "\n## ", "มติที่ประชุม: ", "ระเบียบวาระที่ ๑ ", "*", "_", "\\", "&#0;", "&amp",
    "\u200b", "\u202e", "\ue000", "\ue001", "<div data-wara-sc=\"0\">", ": ", "- ",
    "&a ", "*a", "!!binary ", "? ", "'", '"', "๐", "\U0001F600",
]


def parse_args():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--root", default=".", help="site root to copy (default: .)")
    p.add_argument("--wara", default=None, help="wara binary (default: target/release/wara)")
    p.add_argument("--seconds", type=float, default=60, help="stop after this many seconds")
    p.add_argument("--count", type=int, default=0, help="stop after this many cases (0: no limit)")
    p.add_argument("--first", type=int, default=0, help="index of the first case")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--timeout", type=float, default=10, help="seconds before a run is a hang")
    p.add_argument("--build-every", type=int, default=5, help="also `build --out` every Nth case")
    p.add_argument("--failures", default="fuzz/site-failures", help="where failing sites go")
    p.add_argument("--max-failures", type=int, default=20, help="stop after this many failures")
    p.add_argument("-v", "--verbose", action="store_true")
    return p.parse_args()


def text_files(site: Path):
    out = []
    for p in sorted(site.rglob("*")):
        if p.is_file() and not p.is_symlink():
            out.append(p)
    return out


def pos_in(rng, data: bytes):
    return rng.randrange(len(data) + 1)


def lines_of(data: bytes):
    return data.split(b"\n")


# ---------------------------------------------------------------- byte/line mutations

def m_flip(rng, data):
    if not data:
        return data, "flip: empty"
    b = bytearray(data)
    i = rng.randrange(len(b))
    b[i] ^= 1 << rng.randrange(8)
    return bytes(b), f"flip byte {i}"


def m_delete_bytes(rng, data):
    if not data:
        return data, "delete: empty"
    i = rng.randrange(len(data))
    n = rng.choice([1, 2, 3, 8, 64, 512])
    return data[:i] + data[i + n:], f"delete {n} bytes at {i}"


def m_dup_line(rng, data):
    ls = lines_of(data)
    i = rng.randrange(len(ls))
    n = rng.choice([1, 2, 10, 200])
    return b"\n".join(ls[:i] + [ls[i]] * (n + 1) + ls[i + 1:]), f"duplicate line {i + 1} x{n}"


def m_del_line(rng, data):
    ls = lines_of(data)
    i = rng.randrange(len(ls))
    return b"\n".join(ls[:i] + ls[i + 1:]), f"delete line {i + 1}"


def m_swap_lines(rng, data):
    ls = lines_of(data)
    if len(ls) < 2:
        return data, "swap lines: too short"
    i, j = rng.randrange(len(ls)), rng.randrange(len(ls))
    ls[i], ls[j] = ls[j], ls[i]
    return b"\n".join(ls), f"swap lines {i + 1} and {j + 1}"


def m_swap_yaml_values(rng, data):
    ls = lines_of(data)
    kv = [i for i, l in enumerate(ls) if b": " in l]
    if len(kv) < 2:
        return data, "swap yaml values: fewer than two"
    i, j = rng.sample(kv, 2)
    ki, vi = ls[i].split(b": ", 1)
    kj, vj = ls[j].split(b": ", 1)
    ls[i], ls[j] = ki + b": " + vj, kj + b": " + vi
    return b"\n".join(ls), f"swap yaml values of lines {i + 1} and {j + 1}"


def m_yaml_value(rng, data):
    ls = lines_of(data)
    kv = [i for i, l in enumerate(ls) if b": " in l]
    if not kv:
        return data, "yaml value: none"
    i = rng.choice(kv)
    k, _ = ls[i].split(b": ", 1)
    v = rng.choice([
        "", "~", "null", "[]", "{}", "[[[[[[[[[[[[[[[[", "-1", "1e400", "0x10", "true",
        "2563-13-45", "๒๕๖๓-๐๕-๑๔", "\"\\u0000\"", "!!str", "*nosuch", "&a [1, *a]",
        "|\n  block", ">-", "'unterminated", "\"" + "ก" * 5000 + "\"", "internal",
        "public", "draft", "[" + ", ".join(["x"] * 2000) + "]", "{key: v, label: w}",
    ])
    ls[i] = k + b": " + v.encode()
    return b"\n".join(ls), f"line {i + 1} value -> {v[:40]!r}"


def m_insert(rng, data):
    s = rng.choice(INSERTS)
    n = rng.choice([1, 1, 1, 2, 5, 100])
    i = pos_in(rng, data)
    return data[:i] + (s * n).encode() + data[i:], f"insert {s!r} x{n} at {i}"


def m_insert_line_start(rng, data):
    ls = lines_of(data)
    i = rng.randrange(len(ls))
    s = rng.choice(["---", "\t", "    ", "> ", "- ", "1. ", "| a |", "```", "#", "  - ", "\ufeff"])
    ls[i] = s.encode() + ls[i]
    return b"\n".join(ls), f"line {i + 1} starts with {s!r}"


def m_bom(rng, data):
    return b"\xef\xbb\xbf" + data, "BOM"


def m_crlf(rng, data):
    if rng.random() < 0.5:
        return data.replace(b"\n", b"\r\n"), "CRLF"
    return data.replace(b"\n", b"\r"), "CR only"


def m_huge_line(rng, data):
    # Kept under ~64 KB: issue 15 finding 9 (quadratic time on 1 MB pages) is known.
    unit = rng.choice(["ก", "a", "{{ ", "[x](/) ", "\u0e49", "*", "`", "|", " ", "๑,", "(", "x-"])
    n = rng.choice([1000, 5000, 20000]) // max(1, len(unit.encode()))
    i = pos_in(rng, data)
    return data[:i] + (unit * n).encode() + data[i:], f"huge line of {unit!r} x{n} at {i}"


def m_thai_marks(rng, data):
    marks = "".join(rng.choice(THAI_MARKS) for _ in range(rng.choice([1, 3, 30, 300])))
    i = pos_in(rng, data)
    return data[:i] + marks.encode() + data[i:], f"{len(marks)} Thai combining marks at {i}"


def m_nul(rng, data):
    i = pos_in(rng, data)
    return data[:i] + b"\x00" * rng.choice([1, 4]) + data[i:], f"NUL at {i}"


def m_bad_utf8(rng, data):
    i = pos_in(rng, data)
    s = rng.choice([b"\xff", b"\xe0\xb8", b"\xc0\xaf", b"\xed\xa0\x80", b"\xf8\x88\x80\x80\x80"])
    return data[:i] + s + data[i:], f"invalid UTF-8 {s!r} at {i}"


def m_truncate(rng, data):
    i = pos_in(rng, data)
    return data[:i], f"truncate at {i}"


def m_digits(rng, data):
    table = bytes.maketrans(b"0123456789", b"9876543210") if rng.random() < 0.5 else None
    if table:
        return data.translate(table), "digits reversed"
    s = data.decode("utf-8", "replace")
    thai = str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙")
    return s.translate(thai).encode(), "ASCII digits to Thai"


def shortcode(rng):
    name = rng.choice(list(SHORTCODES))
    keys = SHORTCODES[name] + ["bogus"]
    args = []
    for _ in range(rng.choice([0, 1, 2, 2, 3, 4])):
        k = rng.choice(keys)
        v = rng.choice(ARG_VALUES).replace('"', '\\"') if rng.random() < 0.9 else "x"
        q = rng.choice(['"', '"', "'", ""])
        args.append(f"{k}={q}{v}{q}")
    sep = rng.choice([", ", ",", " ", ",,"])
    body = f"{name}({sep.join(args)})"
    if rng.random() < 0.1:
        body = body[: rng.randrange(len(body) + 1)]
    return "{{ " + body + " }}"


def m_shortcode(rng, data):
    ls = lines_of(data)
    i = rng.randrange(len(ls))
    sc = shortcode(rng)
    if rng.random() < 0.5:
        ls.insert(i, sc.encode())
    else:
        j = rng.randrange(len(ls[i]) + 1)
        ls[i] = ls[i][:j] + sc.encode() + ls[i][j:]
    return b"\n".join(ls), f"shortcode {sc!r} at line {i + 1}"


def m_splice(rng, data, other):
    if not other:
        return data, "splice: empty"
    a = rng.randrange(len(other))
    b = min(len(other), a + rng.choice([16, 200, 2000]))
    i = pos_in(rng, data)
    return data[:i] + other[a:b] + data[i:], f"splice {b - a} bytes at {i}"


def m_yaml_bomb(rng, data):
    bomb = (
        "a: &a [x, x, x, x, x, x, x, x, x]\n"
        "b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
        "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\n"
        "d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]\n"
        "e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]\n"
        "f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e]\n"
    )
    ls = lines_of(data)
    i = rng.randrange(min(len(ls), 4)) + (1 if ls and ls[0].strip() == b"---" else 0)
    ls.insert(min(i, len(ls)), bomb.encode())
    return b"\n".join(ls), f"YAML alias bomb at line {i + 1}"


def m_nesting(rng, data):
    unit = rng.choice(["> ", "- ", "[", "*", "  ", "1. ", "<div>", "(", "{"])
    n = rng.choice([50, 500, 3000])
    i = pos_in(rng, data)
    return data[:i] + b"\n" + (unit * n).encode() + b"x\n" + data[i:], f"nesting {unit!r} x{n}"


BYTE_MUTATIONS = [
    (m_flip, 3), (m_delete_bytes, 2), (m_dup_line, 2), (m_del_line, 2), (m_swap_lines, 1),
    (m_swap_yaml_values, 3), (m_yaml_value, 3), (m_insert, 4), (m_insert_line_start, 2),
    (m_bom, 1), (m_crlf, 1), (m_huge_line, 1), (m_thai_marks, 2), (m_nul, 1),
    (m_bad_utf8, 1), (m_truncate, 1), (m_digits, 1), (m_shortcode, 4), (m_yaml_bomb, 1),
    (m_nesting, 1),
]


# ---------------------------------------------------------------- file-system mutations

def random_dir(rng, site: Path):
    dirs = [d for d in sorted((site / "content").rglob("*")) if d.is_dir() and not d.is_symlink()]
    return rng.choice(dirs + [site / "content", site / "static"])


def fs_symlink(rng, site: Path):
    d = random_dir(rng, site)
    name = rng.choice(["passwd.yaml", "passwd.md", "passwd.pdf", "files/passwd.pdf",
                       "passwd.csv", "etc", "environ.yaml"])
    link = d / name
    staff = os.path.relpath(site / "content" / "staff", link.parent)
    target = rng.choice(["/etc/passwd", "/etc", "/proc/self/environ", "/dev/zero",
                         "/dev/null", "/nonexistent", staff])
    link.parent.mkdir(parents=True, exist_ok=True)
    if link.exists() or link.is_symlink():
        return "symlink: name taken"
    os.symlink(target, link)
    return f"symlink {link.relative_to(site)} -> {target}"


def fs_loop(rng, site: Path):
    d = random_dir(rng, site)
    kind = rng.choice(["dir", "pair", "self"])
    if kind == "dir":
        os.symlink(".", d / "loop")
        return f"symlink loop {(d / 'loop').relative_to(site)} -> ."
    if kind == "pair":
        os.symlink("loop-b.yaml", d / "loop.yaml")
        os.symlink("loop.yaml", d / "loop-b.yaml")
        return f"symlink pair loop in {d.relative_to(site)}"
    os.symlink("self.md", d / "self.md")
    return f"self symlink {(d / 'self.md').relative_to(site)}"


def fs_delete(rng, site: Path):
    files = text_files(site / "content")
    if not files:
        return "delete: none"
    f = rng.choice(files)
    f.unlink()
    return f"delete {f.relative_to(site)}"


def fs_copy(rng, site: Path):
    files = text_files(site / "content")
    if not files:
        return "copy: none"
    f = rng.choice(files)
    d = random_dir(rng, site)
    name = rng.choice(["index.md", "_index.md", "x.md", f.name, "๐๕.md", "a b.md", ".hidden.md",
                       "x.yaml", "index.html"])
    dest = d / name
    if dest.exists() or dest.is_symlink():
        return "copy: name taken"
    shutil.copyfile(f, dest)
    return f"copy {f.relative_to(site)} -> {dest.relative_to(site)}"


def fs_empty_dir(rng, site: Path):
    d = random_dir(rng, site)
    name = rng.choice(["empty", "files", "index.md", "_index.md", "tags"])
    p = d / name
    if p.exists() or p.is_symlink():
        return "empty dir: name taken"
    p.mkdir()
    return f"empty folder {p.relative_to(site)}"


FS_MUTATIONS = [(fs_symlink, 3), (fs_loop, 2), (fs_delete, 1), (fs_copy, 2), (fs_empty_dir, 1)]


def weighted(rng, table):
    total = sum(w for _, w in table)
    x = rng.uniform(0, total)
    for f, w in table:
        x -= w
        if x <= 0:
            return f
    return table[-1][0]


def mutate(rng, site: Path):
    """Apply 1–4 mutations to the site copy; returns their descriptions."""
    done = []
    for _ in range(rng.choice([1, 1, 2, 3, 4])):
        if rng.random() < 0.15:
            done.append(weighted(rng, FS_MUTATIONS)(rng, site))
            continue
        files = [f for f in text_files(site) if f.suffix in TEXT_SUFFIXES]
        # Markdown and YAML most often; site.yaml now and then.
        f = rng.choice(files)
        data = f.read_bytes()
        m = weighted(rng, BYTE_MUTATIONS)
        if rng.random() < 0.05:
            other = rng.choice(files).read_bytes()
            data, what = m_splice(rng, data, other)
        else:
            data, what = m(rng, data)
        f.write_bytes(data)
        done.append(f"{f.relative_to(site)}: {what}")
    return done


# ---------------------------------------------------------------- running

def run(cmd, timeout):
    """(status, stderr tail, seconds); status is an int, 'timeout', or 'signal N'."""
    t = time.monotonic()
    try:
        p = subprocess.run(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                           stderr=subprocess.PIPE, timeout=timeout)
    except subprocess.TimeoutExpired as e:
        err = (e.stderr or b"")[-4000:]
        return "timeout", err.decode("utf-8", "replace"), time.monotonic() - t
    err = p.stderr[-8000:].decode("utf-8", "replace")
    if p.returncode < 0:
        return f"signal {-p.returncode}", err, time.monotonic() - t
    return p.returncode, err, time.monotonic() - t


def verdict(status, err):
    if status == "timeout":
        return "hang"
    if isinstance(status, str):
        return "crash (" + status + ")"
    if status == 101 or "panicked" in err:
        return "panic"
    if status not in (0, 1, 2):
        return f"crash (exit {status})"
    return None


def main():
    a = parse_args()
    root = Path(a.root).resolve()
    wara = Path(a.wara or root / os.environ.get("CARGO_TARGET_DIR", "target") / "release" / "wara")
    if not wara.is_file():
        sys.exit(f"fuzz-site: {wara} not found; run `cargo build --release` first")
    wara = wara.resolve()
    failures = Path(a.failures)
    work = Path(tempfile.mkdtemp(prefix="wara-fuzz-site-"))
    pristine = work / "pristine"
    pristine.mkdir()
    for part in SITE_PARTS:
        src = root / part
        if src.is_dir():
            shutil.copytree(src, pristine / part, symlinks=True)
        elif src.is_file():
            shutil.copy2(src, pristine / part)

    # The unmutated site must pass, or every case would be noise.
    status, err, _ = run([str(wara), "check", "--root", str(pristine)], a.timeout * 3)
    if status != 0:
        shutil.rmtree(work, ignore_errors=True)
        sys.exit(f"fuzz-site: the unmutated site does not check (exit {status}):\n{err}")

    start = time.monotonic()
    execs = cases = 0
    found = []
    slowest = (0.0, None, [])
    slow = 0
    statuses = {}
    i = a.first
    try:
        while True:
            if a.count and cases >= a.count:
                break
            if time.monotonic() - start >= a.seconds:
                break
            if len(found) >= a.max_failures:
                break
            rng = random.Random(f"{a.seed}:{i}")
            site = work / "site"
            shutil.rmtree(site, ignore_errors=True)
            shutil.copytree(pristine, site, symlinks=True)
            what = mutate(rng, site)
            cmds = [[str(wara), "check", "--root", str(site)]]
            if a.build_every and i % a.build_every == 0:
                out = work / "out"
                shutil.rmtree(out, ignore_errors=True)
                cmds.append([str(wara), "build", "--root", str(site), "--out", str(out)])
            for cmd in cmds:
                status, err, dt = run(cmd, a.timeout)
                execs += 1
                if status == "timeout":
                    # A loaded machine can be slow: a hang is a second timeout, three times longer.
                    status, err, dt = run(cmd, a.timeout * 3)
                    execs += 1
                    if status != "timeout":
                        slow += 1
                        print(f"slow case {i}: `wara {cmd[1]}` took over {a.timeout:g}s, "
                              f"then {dt:.1f}s: {'; '.join(what)[:300]}", flush=True)
                if dt > slowest[0]:
                    slowest = (dt, f"case {i} {cmd[1]}", what)
                statuses[status] = statuses.get(status, 0) + 1
                bad = verdict(status, err)
                if a.verbose:
                    print(f"case {i} {cmd[1]}: {status} in {dt:.2f}s: {'; '.join(what)}")
                if bad:
                    dest = failures / f"seed{a.seed}-case{i}"
                    shutil.rmtree(dest, ignore_errors=True)
                    dest.mkdir(parents=True)
                    shutil.copytree(site, dest / "site", symlinks=True)
                    shown = " ".join(c if c != str(site) else "site" for c in cmd[1:])
                    (dest / "README.txt").write_text(
                        f"{bad}: wara {shown} (status {status}, {dt:.1f}s)\n"
                        f"replay: scripts/fuzz-site.py --seed {a.seed} --first {i} --count 1\n"
                        f"mutations:\n" + "".join(f"  {w}\n" for w in what)
                        + "\nstderr (tail):\n" + err, encoding="utf-8")
                    found.append((i, bad, what))
                    print(f"FAIL case {i}: {bad} in `wara {cmd[1]}`: {'; '.join(what)}"
                          f" (saved in {dest})", flush=True)
                    break
            cases += 1
            i += 1
    finally:
        shutil.rmtree(work, ignore_errors=True)
    secs = time.monotonic() - start
    shown = ", ".join(f"{k}: {v}" for k, v in sorted(statuses.items(), key=lambda kv: str(kv[0])))
    print(f"fuzz-site: seed {a.seed}, {cases} cases, {execs} executions in {secs:.0f}s "
          f"({execs / max(secs, 1e-9):.1f}/s); exit statuses {{{shown}}}; "
          f"{slow} slow; {len(found)} failures")
    if slowest[1]:
        print(f"fuzz-site: slowest {slowest[0]:.2f}s ({slowest[1]}: {'; '.join(slowest[2])[:300]})")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
