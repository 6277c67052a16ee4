#!/usr/bin/env python3
"""Every image published under DIST (public and internal) carries no metadata: a JPEG
has only JFIF (APP0), tables and frame segments before its image data (no APP1 Exif/XMP,
APP13 IPTC, COM), a PNG no eXIf/tEXt/iTXt/zTXt chunk, a WebP no EXIF/XMP chunk; and no
published file is byte-identical to a photo under CONTENT (the original is never published).
Usage: scripts/check-photos.py DIST CONTENT"""
import hashlib
import pathlib
import struct
import sys

RASTER = {".jpg", ".jpeg", ".png", ".webp"}


def jpeg_problems(b):
    if not b.startswith(b"\xff\xd8"):
        return ["not a JPEG"]
    i, out = 2, []
    while i + 4 <= len(b) and b[i] == 0xFF:
        m = b[i + 1]
        if m == 0xDA:
            break
        if (0xE1 <= m <= 0xEF) or m == 0xFE:
            out.append(f"segment FF{m:02X}")
        i += 2 + struct.unpack(">H", b[i + 2:i + 4])[0]
    head = b[:i]
    out += [f"{n!r} in header" for n in (b"Exif", b"GPS", b"http://ns.adobe.com/xap", b"Photoshop 3.0") if n in head]
    return out


def png_problems(b):
    i, out = 8, []
    while i + 8 <= len(b):
        n, t = struct.unpack(">I4s", b[i:i + 8])
        if t in (b"eXIf", b"tEXt", b"iTXt", b"zTXt"):
            out.append(f"chunk {t.decode()}")
        i += 12 + n
    return out


def webp_problems(b):
    i, out = 12, []
    while i + 8 <= len(b):
        t, n = b[i:i + 4], struct.unpack("<I", b[i + 4:i + 8])[0]
        if t in (b"EXIF", b"XMP "):
            out.append(f"chunk {t.decode()}")
        i += 8 + n + (n & 1)
    return out


def main():
    if len(sys.argv) != 3:
        print(__doc__)
        return 2
    dist, content = map(pathlib.Path, sys.argv[1:])
    originals = {hashlib.sha256(p.read_bytes()).hexdigest(): p for p in content.rglob("*") if p.suffix.lower() in RASTER}
    checked, bad = 0, 0
    for p in sorted(dist.rglob("*")):
        if not p.is_file() or p.suffix.lower() not in RASTER:
            continue
        b = p.read_bytes()
        checked += 1
        kind = p.suffix.lower()
        problems = jpeg_problems(b) if kind in (".jpg", ".jpeg") else png_problems(b) if kind == ".png" else webp_problems(b)
        original = originals.get(hashlib.sha256(b).hexdigest())
        if original and "static" not in original.parts:
            problems.append(f"is the original {original}")
        for pr in problems:
            print(f"check-photos: FAIL {p}: {pr}")
            bad += 1
    print(f"check-photos: {checked} images under {dist}, {bad} problem(s), {len(originals)} source photos")
    return 1 if bad or checked == 0 else 0


if __name__ == "__main__":
    sys.exit(main())
