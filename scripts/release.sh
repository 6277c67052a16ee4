#!/usr/bin/env bash
# Release packages of wara (issue 16), reproducibly: the same sources and
# binaries give byte-identical archives (entries sorted, every mtime the last
# commit's time or SOURCE_DATE_EPOCH, owner 0, fixed permissions, gzip without
# a timestamp).
#
#   target/packages/wara-<version>-windows-x86_64.zip
#       wara.exe, README-TH.txt (Thai read-me, CRLF and a BOM for Notepad), site/ (starter site)
#   target/packages/wara-<version>-linux-x86_64.tar.gz
#       wara, README-TH.txt, site/
#
# Usage: scripts/release.sh            build both binaries (release profile), then package
#        WARA_RELEASE_NO_BUILD=1 ...   package the binaries already built
# Needs the Windows target and linker (see .cargo/config.toml), and python3.
set -euo pipefail
cd "$(dirname "$0")/.."

say() { printf '%s\n' "$*"; }
fail() { say "release: FAILED: $*" >&2; exit 1; }

version=$(sed -nE 's/^version = "([^"]+)"/\1/p' Cargo.toml | head -1)
[[ -n "$version" ]] || fail "no version in Cargo.toml"
target_dir=${CARGO_TARGET_DIR:-target}
epoch=${SOURCE_DATE_EPOCH:-$(git log -1 --format=%ct 2>/dev/null || echo 315532800)}
out="$target_dir/packages"

if [[ "${WARA_RELEASE_NO_BUILD:-0}" != 1 ]]; then
  cargo build --release --locked
  cargo build --release --locked --target x86_64-pc-windows-gnu
fi
linux_bin="$target_dir/release/wara"
windows_bin="$target_dir/x86_64-pc-windows-gnu/release/wara.exe"
[[ -x "$linux_bin" ]] || fail "no $linux_bin"
[[ -f "$windows_bin" ]] || fail "no $windows_bin"

# The starter site must build cleanly with this wara.
"$linux_bin" check --root release/starter-site >/dev/null ||
  fail "the starter site in release/starter-site does not pass wara check"

mkdir -p "$out"
python3 - "$version" "$epoch" "$out" "$linux_bin" "$windows_bin" <<'EOF'
import gzip, io, os, sys, tarfile, time, zipfile

version, epoch, out, linux_bin, windows_bin = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4], sys.argv[5]
readme = open("release/README-TH.txt", encoding="utf-8").read().replace("{VERSION}", version)

def starter():
    """(relative path, bytes) of the starter site, sorted."""
    files = []
    for root, dirs, names in os.walk("release/starter-site"):
        dirs.sort()
        for n in sorted(names):
            p = os.path.join(root, n)
            rel = os.path.relpath(p, "release/starter-site").replace(os.sep, "/")
            files.append(("site/" + rel, open(p, "rb").read()))
    return files

def entries(binary, name, windows):
    text = readme.replace("{WARA}", name if windows else "./wara")
    if windows:
        text = "\ufeff" + text.replace("\n", "\r\n")
    else:
        text = text.replace("site\\content", "site/content").replace("site\\", "site/") \
                   .replace("dist\\", "dist/")
    files = [(name, open(binary, "rb").read(), 0o755), ("README-TH.txt", text.encode("utf-8"), 0o644)]
    files += [(p, b, 0o644) for p, b in starter()]
    return sorted(files)

def dirs_of(paths):
    ds = set()
    for p in paths:
        parts = p.split("/")[:-1]
        for i in range(1, len(parts) + 1):
            ds.add("/".join(parts[:i]) + "/")
    return sorted(ds)

top_w = f"wara-{version}-windows-x86_64"
zpath = os.path.join(out, top_w + ".zip")
date = time.gmtime(max(epoch, 315532800))[:6]
with zipfile.ZipFile(zpath + ".tmp", "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
    files = entries(windows_bin, "wara.exe", True)
    for d in dirs_of([top_w + "/" + p for p, _, _ in files]):
        info = zipfile.ZipInfo(d, date)
        info.external_attr = (0o40755 << 16) | 0x10
        info.create_system = 3
        z.writestr(info, b"")
    for p, data, mode in files:
        info = zipfile.ZipInfo(f"{top_w}/{p}", date)
        info.compress_type = zipfile.ZIP_DEFLATED
        info.external_attr = (0o100000 | mode) << 16
        info.create_system = 3
        z.writestr(info, data, compresslevel=9)
os.replace(zpath + ".tmp", zpath)

top_l = f"wara-{version}-linux-x86_64"
tpath = os.path.join(out, top_l + ".tar.gz")
raw = io.BytesIO()
with tarfile.open(fileobj=raw, mode="w", format=tarfile.PAX_FORMAT) as t:
    files = entries(linux_bin, "wara", False)
    items = [(d, None, 0o755) for d in dirs_of([top_l + "/" + p for p, _, _ in files])]
    items += [(f"{top_l}/{p}", data, mode) for p, data, mode in files]
    items.sort(key=lambda x: x[0].rstrip("/"))
    for name, data, mode in items:
        info = tarfile.TarInfo(name.rstrip("/"))
        info.mtime, info.mode, info.uid, info.gid, info.uname, info.gname = epoch, mode, 0, 0, "", ""
        if data is None:
            info.type = tarfile.DIRTYPE
            t.addfile(info)
        else:
            info.size = len(data)
            t.addfile(info, io.BytesIO(data))
with open(tpath + ".tmp", "wb") as f:
    with gzip.GzipFile(filename="", mode="wb", fileobj=f, mtime=0, compresslevel=9) as g:
        g.write(raw.getvalue())
os.replace(tpath + ".tmp", tpath)
EOF

cd "$out"
sha256sum "wara-$version-windows-x86_64.zip" "wara-$version-linux-x86_64.tar.gz" | tee "wara-$version.sha256"
