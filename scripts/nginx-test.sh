#!/usr/bin/env bash
# Runs deploy/nginx/lopburi.conf for real on loopback (public 127.0.0.1:18080, internal
# 127.0.0.1:18081, no TLS) against the built dist/, then checks what a browser would get:
# pretty URLs, the site's own 404 page, MIME types, caching, gzip, and basic auth + noindex
# on the internal site. nginx runs with its own prefix, pid and logs in a temp folder and is
# stopped on exit.
# Usage: scripts/nginx-test.sh [DIST]   (env: PUBLIC_PORT, INTERNAL_PORT)
set -euo pipefail
cd "$(dirname "$0")/.."

dist="$(cd "${1:-${WARA_DIST:-dist}}" && pwd)"
# A port from the environment, else the default when it is free, else any free loopback port.
free_port() {
  python3 - "$1" <<'PY'
import socket, sys
want = int(sys.argv[1])
for port in (want, 0):
    s = socket.socket()
    try:
        s.bind(("127.0.0.1", port))
        print(s.getsockname()[1])
        break
    except OSError:
        pass
    finally:
        s.close()
PY
}
public_port="${PUBLIC_PORT:-$(free_port 18080)}"
internal_port="${INTERNAL_PORT:-$(free_port 18081)}"
site_conf="deploy/nginx/lopburi.conf"
nginx_bin="${NGINX:-$(command -v nginx || echo /usr/sbin/nginx)}"

[[ -x "$nginx_bin" ]] || { echo "nginx-test: nginx not found (apt-get install nginx)" >&2; exit 2; }
[[ -f "$dist/public/index.html" && -f "$dist/internal/index.html" ]] ||
  { echo "nginx-test: $dist/public or $dist/internal has no index.html; build first" >&2; exit 2; }

prefix=$(mktemp -d /tmp/wara-nginx.XXXXXX)
chmod 755 "$prefix"
stop() {
  if [[ -f "$prefix/nginx.pid" ]]; then
    "$nginx_bin" -p "$prefix" -c "$prefix/nginx.conf" -e "$prefix/error.log" -s quit 2>/dev/null ||
      kill "$(cat "$prefix/nginx.pid")" 2>/dev/null || true
    for _ in $(seq 50); do [[ -f "$prefix/nginx.pid" ]] || break; sleep 0.1; done
  fi
  rm -rf "$prefix"
}
trap stop EXIT

# Staff password file for the test (apache2-utils' htpasswd, else openssl).
user=staff pass="ci-$RANDOM-$RANDOM"
if command -v htpasswd >/dev/null; then
  htpasswd -bc "$prefix/htpasswd" "$user" "$pass" 2>/dev/null
else
  printf '%s:%s\n' "$user" "$(openssl passwd -apr1 "$pass")" >"$prefix/htpasswd"
fi

# The site file with its `# test:` lines applied.
python3 - "$site_conf" "$prefix/lopburi.conf" "$dist" "$public_port" "$internal_port" "$prefix/htpasswd" <<'PY'
import re, sys
src, dst, dist, pub, internal, htpasswd = sys.argv[1:]
out, dropping = [], False
for line in open(src, encoding="utf-8"):
    s = line.strip()
    if s.startswith("# test-begin: drop"):
        dropping = True
        continue
    if s.startswith("# test-end"):
        dropping = False
        continue
    if dropping:
        continue
    m = re.match(r"^(\s*)(.*?)\s+# test: (.*)$", line.rstrip("\n"))
    if m:
        if m.group(3).strip() == "drop":
            continue
        line = m.group(1) + m.group(3).strip() + "\n"
    out.append(line.replace("@DIST@", dist).replace("@PUBLIC_PORT@", pub)
               .replace("@INTERNAL_PORT@", internal).replace("@HTPASSWD@", htpasswd))
text = "".join(out)
for bad in ("@DIST@", "@PUBLIC_PORT@", "@INTERNAL_PORT@", "@HTPASSWD@", "ssl_certificate", " 443 "):
    if bad in text:
        sys.exit(f"nginx-test: {bad} left in the test copy of {src}")
open(dst, "w", encoding="utf-8").write(text)
PY

mkdir -p "$prefix/tmp" "$prefix/logs"
run_as=""
[[ "$(id -u)" -eq 0 ]] && run_as="user root;"
cat >"$prefix/nginx.conf" <<CONF
# Test wrapper around $site_conf (made by scripts/nginx-test.sh).
$run_as
worker_processes 1;
pid $prefix/nginx.pid;
error_log $prefix/error.log warn;
events { worker_connections 64; }
http {
    access_log $prefix/access.log;
    client_body_temp_path $prefix/tmp/body;
    proxy_temp_path $prefix/tmp/proxy;
    fastcgi_temp_path $prefix/tmp/fastcgi;
    uwsgi_temp_path $prefix/tmp/uwsgi;
    scgi_temp_path $prefix/tmp/scgi;
    sendfile on;
    include $prefix/lopburi.conf;
}
CONF

echo "nginx-test: $("$nginx_bin" -v 2>&1); public :$public_port, internal :$internal_port, root $dist"
if ! "$nginx_bin" -t -q -p "$prefix" -c "$prefix/nginx.conf" -e "$prefix/error.log"; then
  echo "nginx-test: FAILED: nginx -t rejects the config:" >&2
  cat "$prefix/error.log" >&2
  exit 1
fi
"$nginx_bin" -p "$prefix" -c "$prefix/nginx.conf" -e "$prefix/error.log"
for _ in $(seq 50); do
  curl -s -o /dev/null "http://127.0.0.1:$public_port/" && break
  sleep 0.1
done

failed=0
pass() { echo "  ok    $*"; }
fail() { echo "  FAIL  $*"; failed=$((failed + 1)); }

# fetch URL [curl args...]: sets $code, writes $prefix/body and $prefix/headers.
fetch() {
  local url="$1"; shift
  code=$(curl -sS -o "$prefix/body" -D "$prefix/headers" -w '%{http_code}' "$@" "$url") || code=000
}
header() { grep -i "^$1:" "$prefix/headers" | head -1 | cut -d: -f2- | tr -d '\r' | sed 's/^ *//'; }
expect() { # expect WHAT ACTUAL PATTERN
  if [[ "$2" =~ $3 ]]; then pass "$1: $2"; else fail "$1: got '$2', want /$3/"; fi
}

P="http://127.0.0.1:$public_port"
I="http://127.0.0.1:$internal_port"
echo "public:"
fetch "$P/"
expect "/ status" "$code" '^200$'
expect "/ Content-Type" "$(header content-type)" '^text/html; charset=utf-8$'
expect "/ Cache-Control" "$(header cache-control)" 'max-age=300'
fetch "$P/" -H 'Accept-Encoding: gzip'
expect "/ gzip" "$(header content-encoding)" '^gzip$'
fetch "$P/minutes/2563/05/"
expect "/minutes/2563/05/ status" "$code" '^200$'
fetch "$P/minutes/2563/05"
expect "/minutes/2563/05 redirect" "$code $(header location)" '^301 /minutes/2563/05/$'
fetch "$P/deadlines.ics"
expect "/deadlines.ics" "$code $(header content-type)" '^200 text/calendar; charset=utf-8$'
fetch "$P/feed.xml"
expect "/feed.xml" "$code $(header content-type)" '^200 application/atom\+xml; charset=utf-8$'
fetch "$P/no-such-page/"
expect "/no-such-page/ status" "$code" '^404$'
if [[ -f "$dist/public/404.html" ]] && cmp -s "$prefix/body" "$dist/public/404.html"; then
  pass "/no-such-page/ body is the site's 404.html"
else
  fail "/no-such-page/ body is not the site's 404.html ($(head -c 120 "$prefix/body" | tr '\n' ' '))"
fi
woff2=$(cd "$dist/public" && find assets -name '*.woff2' 2>/dev/null | sort | head -1)
if [[ -n "$woff2" ]]; then
  fetch "$P/$woff2"
  expect "/$woff2" "$code $(header content-type)" '^200 font/woff2$'
  expect "/$woff2 Cache-Control" "$(header cache-control)" '^public, max-age=31536000, immutable$'
else
  fail "no .woff2 under $dist/public/assets/"
fi
csv=$(cd "$dist/public" && find . -name '*.csv' 2>/dev/null | sort | head -1 | sed 's#^\./##')
if [[ -n "$csv" ]]; then
  fetch "$P/$csv"
  expect "/$csv" "$code $(header content-type)" '^200 text/csv; charset=utf-8$'
fi
fetch "$P/.htpasswd"
expect "/.htpasswd (dot file)" "$code" '^404$'

echo "internal:"
fetch "$I/"
expect "/ without credentials" "$code" '^401$'
expect "/ WWW-Authenticate" "$(header www-authenticate)" '^Basic realm='
fetch "$I/" -u "$user:wrong-password"
expect "/ with a wrong password" "$code" '^401$'
fetch "$I/" -u "$user:$pass"
expect "/ with credentials" "$code" '^200$'
expect "/ X-Robots-Tag" "$(header x-robots-tag)" '^noindex, nofollow$'
expect "/ Cache-Control" "$(header cache-control)" '^private'
fetch "$I/no-such-page/" -u "$user:$pass"
expect "/no-such-page/ with credentials" "$code $(header x-robots-tag)" '^404 noindex, nofollow$'

if [[ "$failed" -ne 0 ]]; then
  echo "nginx error log (the wrong-password line is expected):"; tail -20 "$prefix/error.log"
  echo "nginx-test: FAILED: $failed check(s)" >&2
  exit 1
fi
echo "nginx-test: all checks passed"
