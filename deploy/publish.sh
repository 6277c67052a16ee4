#!/usr/bin/env bash
# Publish a wara build to the web server as one atomic switch (issue 15, finding 11).
#
#   deploy/publish.sh [DIST] [SSH_TARGET] [BASE]
#     DIST        the built output folder (default dist; holds public/ and internal/)
#     SSH_TARGET  user@host of the web server (default www-wara@lopburi.cdd.go.th), or
#                 `local` to publish into BASE on this machine (tests, a one-box office server)
#     BASE        the folder nginx serves from (default /srv/wara)
#
# On the server, BASE holds releases/<UTC time>/{public,internal} and a symlink
# BASE/current -> releases/<time>. nginx serves BASE/current/public and
# BASE/current/internal (deploy/nginx/lopburi.conf). A new release is copied beside the
# live one (rsync --link-dest shares unchanged files with the previous release), then
# `current` is switched with one rename(2): a reader gets the old site or the new one,
# never a mix and never a moment with no site. The five newest releases are kept, so
# `ln -sfn releases/<older> BASE/current.tmp && mv -T BASE/current.tmp BASE/current`
# rolls back.
#
# Set DRY_RUN=1 to print the commands without running them.
set -euo pipefail

dist="${1:-dist}"
target="${2:-www-wara@lopburi.cdd.go.th}"
base="${3:-/srv/wara}"
keep=5

[[ -f "$dist/public/index.html" && -f "$dist/internal/index.html" ]] || {
  echo "publish: $dist/public/index.html or $dist/internal/index.html is missing: run 'wara build' first" >&2
  echo "publish: ไม่พบ $dist/public/index.html หรือ $dist/internal/index.html: สั่ง 'wara build' ก่อน" >&2
  exit 2
}

release="$(date -u +%Y%m%dT%H%M%SZ)"
run() {
  if [[ "${DRY_RUN:-0}" == 1 ]]; then printf '+'; printf ' %q' "$@"; echo; else "$@"; fi
}
# A shell command on the server (or here, for `local`).
remote() {
  if [[ "$target" == local ]]; then run bash -c "$1"; else run ssh "$target" "$1"; fi
}
dest="$target:$base/releases/$release/"
[[ "$target" == local ]] && dest="$base/releases/$release/"

# 1. Copy the new release beside the live one (hard links for unchanged files).
remote "mkdir -p '$base/releases/$release'"
# (--link-dest is only a hint: on the first release there is no `current` yet.)
run rsync -a --delete --chmod=D755,F644 \
  --link-dest="$base/current/" \
  "$dist/public" "$dist/internal" "$dest" 2> >(grep -v -e '--link-dest arg does not exist' >&2)
# 2. Switch atomically, then 3. keep the newest releases only.
remote "set -e; cd '$base' && ln -sfn 'releases/$release' current.tmp && mv -T current.tmp current &&
  ls -1d releases/*/ | sort | head -n -$keep | xargs -r rm -rf --"
echo "published release $release to $target:$base/current (เผยแพร่แล้ว)"
