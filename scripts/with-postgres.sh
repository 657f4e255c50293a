#!/usr/bin/env bash
# Run a command against PostgreSQL. When DATABASE_URL is set it is used as is;
# otherwise a throwaway cluster is created in a temporary folder, started on a
# free port (fsync off, local socket in the same folder), exported as
# DATABASE_URL, and removed again when the command ends, whatever its result.
# Debian's server refuses to run as root, so as root the cluster runs as the
# unprivileged `postgres` user.
set -euo pipefail

if [[ -n "${DATABASE_URL:-}" ]]; then
  exec "$@"
fi

bindir=""
for candidate in /usr/lib/postgresql/*/bin; do
  [[ -x "$candidate/initdb" ]] && bindir="$candidate"
done
if [[ -z "$bindir" ]]; then
  bindir="$(dirname "$(command -v initdb)")"
fi

as_db_user=()
if [[ $(id -u) -eq 0 ]]; then
  as_db_user=(runuser -u postgres --)
fi

tmp="$(mktemp -d /tmp/glashelder-pg.XXXXXX)"
chmod 755 "$tmp"
[[ $(id -u) -eq 0 ]] && chown postgres "$tmp"
port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')"

cleanup() {
  "${as_db_user[@]}" "$bindir/pg_ctl" -D "$tmp/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$tmp"
}
trap cleanup EXIT INT TERM

"${as_db_user[@]}" "$bindir/initdb" -D "$tmp/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >"$tmp/initdb.log" 2>&1 \
  || { cat "$tmp/initdb.log"; exit 1; }
"${as_db_user[@]}" "$bindir/pg_ctl" -D "$tmp/data" -l "$tmp/server.log" -w \
  -o "-p $port -k $tmp -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=100" \
  start >/dev/null || { cat "$tmp/server.log"; exit 1; }

export DATABASE_URL="postgres://postgres@127.0.0.1:${port}/glashelder"
"$bindir/createdb" -h 127.0.0.1 -p "$port" -U postgres glashelder 2>/dev/null || \
  "${as_db_user[@]}" "$bindir/createdb" -h 127.0.0.1 -p "$port" -U postgres glashelder
echo "Throwaway PostgreSQL on port $port"
set +e
"$@"
status=$?
exit $status
