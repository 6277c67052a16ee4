#!/usr/bin/env bash
# wara on Windows, tested under Wine (issue 16). Cross-compiles wara.exe
# (x86_64-pc-windows-gnu, linked by mingw-w64; see .cargo/config.toml), then:
#   1. builds the Lopburi site and every fixture site with wara.exe under Wine and
#      with the Linux binary: exit codes, stderr and stdout must be byte-identical
#      (the build time in the summary line aside) and `diff -r` must find no
#      difference in the output;
#   2. starts wara.exe with no arguments in a copy of the Lopburi site folder (the
#      double-click preview, browser launch skipped with WARA_NO_BROWSER=1) and
#      asks its preview port for the home page: it must answer within 10 s.
# Needs: rustup target x86_64-pc-windows-gnu, x86_64-w64-mingw32-gcc, wine (8+).
# Anything missing or any step that cannot run is a failure, never a skip.
#
# Wine 8 has no `ProcessPrng` in bcryptprimitives.dll, which Rust's standard
# library calls at start-up. For this test only, a stand-in DLL (ProcessPrng via
# RtlGenRandom) is compiled into the temp dir beside the test copy of wara.exe.
# It is never part of a release: Windows 10 and 11 have the real one.
#
# Usage: scripts/windows-test.sh [LINUX_WARA]   (default target/release/wara)
set -euo pipefail
cd "$(dirname "$0")/.."

say() { printf '%s\n' "$*"; }
fail() { say "windows: FAILED: $*" >&2; exit 1; }
trap 'say "windows: FAILED at line $LINENO: $BASH_COMMAND" >&2' ERR

target_dir=${CARGO_TARGET_DIR:-target}
linux_wara=${1:-$target_dir/release/wara}
wine_timeout=${WINE_STEP_TIMEOUT:-300}

for tool in cargo rustup x86_64-w64-mingw32-gcc timeout diff curl; do
  command -v "$tool" >/dev/null || fail "$tool is not on PATH"
done
wine=$(command -v wine64 || command -v wine || true)
[[ -n "$wine" ]] || fail "wine is not installed (apt-get install wine64)"
[[ -x /usr/lib/wine/wine64 ]] && wine=/usr/lib/wine/wine64
wineserver=$(command -v wineserver || echo /usr/lib/wine/wineserver)
[[ -x "$wineserver" ]] || fail "wineserver is not installed"
rustup target list --installed | grep -qx x86_64-pc-windows-gnu ||
  fail "the Rust target x86_64-pc-windows-gnu is not installed (rustup target add x86_64-pc-windows-gnu)"
[[ -x "$linux_wara" ]] || fail "no Linux binary at $linux_wara (cargo build --release)"

tmp=$(mktemp -d /tmp/wara-windows.XXXXXX)
serve_pid=
cleanup() {
  if [[ -n "$serve_pid" ]]; then kill "$serve_pid" 2>/dev/null || true; fi
  # Only the wineserver of this test's own prefix.
  WINEPREFIX="$tmp/prefix" timeout 20 "$wineserver" -k 2>/dev/null || true
  rm -rf "$tmp"
}
trap cleanup EXIT

export WINEPREFIX="$tmp/prefix" WINEDEBUG=-all WINEDLLOVERRIDES="bcryptprimitives=n,b;mscoree,mshtml="
export WARA_TODAY=2020-05-20
unset WARA_DIST

# ------------------------------------------------------------------ build
say "cross-compiling wara.exe"
# The `cross-test` profile (Cargo.toml): the same code at opt-level 1, so CI builds it in
# about half the time; optimisation never changes what wara writes.
cargo build --profile cross-test --target x86_64-pc-windows-gnu
exe_src="$target_dir/x86_64-pc-windows-gnu/cross-test/wara.exe"
[[ -f "$exe_src" ]] || fail "cargo made no $exe_src"
mkdir -p "$tmp/bin"
cp "$exe_src" "$tmp/bin/wara.exe"
say "wara.exe: $(stat -c %s "$tmp/bin/wara.exe") bytes"

cat >"$tmp/prng.c" <<'EOF'
/* Test-only stand-in for Windows 10's bcryptprimitives.dll under Wine 8. */
#include <windows.h>
#include <ntsecapi.h>
__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T len) {
  while (len > 0) {
    ULONG n = len > 0x40000000 ? 0x40000000 : (ULONG)len;
    if (!RtlGenRandom(data, n)) return FALSE;
    data += n;
    len -= n;
  }
  return TRUE;
}
EOF
x86_64-w64-mingw32-gcc -shared -O2 -s -o "$tmp/bin/bcryptprimitives.dll" "$tmp/prng.c" -ladvapi32 ||
  fail "cannot build the test stand-in bcryptprimitives.dll"

say "wineboot (first start of a fresh prefix)"
timeout "$wine_timeout" "$wine" wineboot -i >"$tmp/wineboot.log" 2>&1 ||
  { tail -20 "$tmp/wineboot.log"; fail "wineboot did not finish within ${wine_timeout}s"; }
timeout 60 "$wine" "$tmp/bin/wara.exe" --version >"$tmp/version.txt" 2>"$tmp/version.err" ||
  { cat "$tmp/version.err"; fail "wara.exe --version does not run under Wine"; }
say "under wine: $(cat "$tmp/version.txt") ($("$wine" --version 2>/dev/null || echo wine))"

# ------------------------------------------------------------------ sites
# The Lopburi site (its content and config only) and every fixture site.
sites=()
mkdir -p "$tmp/sites/lopburi"
for part in site.yaml content static themes; do
  [[ -e "$part" ]] && cp -r "$part" "$tmp/sites/lopburi/"
done
sites+=(lopburi)
for d in tests/fixtures/*/; do
  name=$(basename "$d")
  cp -r "$d" "$tmp/sites/$name"
  rm -rf "$tmp/sites/$name/dist"
  sites+=("$name")
done

# The summary line's build time is the only output allowed to differ.
normalize() { sed -E 's/ in [0-9]+\.[0-9]+ s$/ in N s/' "$1"; }

bad=0
for name in "${sites[@]}"; do
  site="$tmp/sites/$name"
  mkdir -p "$tmp/out/linux" "$tmp/out/windows" "$tmp/log"
  set +e
  # A fixture may fail on purpose (exit 1 or 2): compared below, not a failure of this script.
  linux_rc=0
  (cd "$site" && "$OLDPWD/$linux_wara" build --out "$tmp/out/linux/$name" \
    >"$tmp/log/$name.linux.out" 2>"$tmp/log/$name.linux.err") || linux_rc=$?
  windows_rc=0
  (cd "$site" && timeout "$wine_timeout" "$wine" "$tmp/bin/wara.exe" build --out "$tmp/out/windows/$name" \
    >"$tmp/log/$name.windows.out" 2>"$tmp/log/$name.windows.err") || windows_rc=$?
  set -e
  problems=()
  [[ $windows_rc -ne 124 ]] || problems+=("wara.exe did not finish within ${wine_timeout}s")
  [[ $linux_rc -eq $windows_rc ]] || problems+=("exit code $windows_rc on Windows, $linux_rc on Linux")
  for stream in err out; do
    if ! diff <(normalize "$tmp/log/$name.linux.$stream") <(normalize "$tmp/log/$name.windows.$stream") \
      >"$tmp/log/$name.$stream.diff"; then
      problems+=("std$stream differs:"$'\n'"$(head -20 "$tmp/log/$name.$stream.diff")")
    fi
  done
  if [[ -d "$tmp/out/linux/$name" || -d "$tmp/out/windows/$name" ]]; then
    if ! diff -r "$tmp/out/linux/$name" "$tmp/out/windows/$name" >"$tmp/log/$name.diff" 2>&1; then
      problems+=("output differs (diff -r):"$'\n'"$(head -20 "$tmp/log/$name.diff")")
    fi
  fi
  if ((${#problems[@]})); then
    bad=$((bad + 1))
    say "  FAIL  $name"
    printf '        %s\n' "${problems[@]}"
  else
    files=$( (find "$tmp/out/linux/$name" -type f 2>/dev/null || true) | wc -l)
    say "  same  $name (exit $linux_rc, $files files, $(wc -l <"$tmp/log/$name.linux.err") stderr lines)"
  fi
done
((bad == 0)) || fail "$bad of ${#sites[@]} sites differ between wara.exe under Wine and Linux"

# ------------------------------------------------------------------ double-click preview
say "wara.exe with no arguments in the Lopburi site folder"
preview="$tmp/sites/preview"
cp -r "$tmp/sites/lopburi" "$preview"
(cd "$preview" && exec env WARA_NO_BROWSER=1 "$wine" "$tmp/bin/wara.exe" \
  >"$tmp/log/preview.out" 2>"$tmp/log/preview.err") &
serve_pid=$!
start=$SECONDS
answered=
while ((SECONDS - start < 10)); do
  url=$(grep -oE 'http://127\.0\.0\.1:[0-9]+/' "$tmp/log/preview.out" 2>/dev/null | head -1 || true)
  if [[ -n "$url" ]] && curl -fsS --max-time 2 -o "$tmp/log/preview.html" "$url" 2>/dev/null; then
    answered=$url
    break
  fi
  kill -0 "$serve_pid" 2>/dev/null || break
  sleep 0.3
done
if [[ -z "$answered" ]]; then
  say "--- stdout"; cat "$tmp/log/preview.out"; say "--- stderr"; cat "$tmp/log/preview.err"
  fail "wara.exe with no arguments did not answer on its preview port within 10 s"
fi
grep -q 'Ctrl+C' "$tmp/log/preview.out" || fail "the preview console does not say how to stop (Ctrl+C)"
grep -q '<html' "$tmp/log/preview.html" || fail "the preview at $answered is not an HTML page"
say "preview: $answered answered in $((SECONDS - start)) s"
say "--- console"
cat "$tmp/log/preview.out"
kill "$serve_pid" 2>/dev/null || true
wait "$serve_pid" 2>/dev/null || true
serve_pid=

say "windows: ${#sites[@]} sites byte-identical under Wine, preview answered"
