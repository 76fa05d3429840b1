#!/usr/bin/env bash
# Runs a command beside a throwaway PostgreSQL cluster: a new data folder, a free port on 127.0.0.1, a superuser
# `fluxo` without password, all removed when the command ends. The command finds the server in
# FLUXO_TEST_POSTGRES_URL (tests) and, for the hub itself, FLUXO_POSTGRES_BASE_URL (append a database name).
# Usage: scripts/with-postgres.sh npm run test:postgres
# Needs Debian's postgresql package (apt-get install postgresql; .ci/run installs it).
set -euo pipefail

bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)
if [ -z "$bin" ] || [ ! -x "$bin/initdb" ]; then
  echo "PostgreSQL não está instalado: rode 'apt-get install postgresql' e tente de novo." >&2
  exit 2
fi

dir=$(mktemp -d /tmp/fluxo-pg.XXXXXX)
port=$(node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")

# PostgreSQL refuses to run as root; under root the cluster belongs to the package's own user.
as_owner() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
[ "$(id -u)" -eq 0 ] && chown postgres "$dir"

stop() {
  as_owner "$bin/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$dir"
}
trap stop EXIT

as_owner "$bin/initdb" -D "$dir/data" -U fluxo --auth=trust -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log"
# Durability is not what the tests check: without fsync the suite's thousands of small databases come and go fast.
as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w \
  -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300" \
  start >/dev/null

export FLUXO_POSTGRES_BASE_URL="postgres://fluxo@127.0.0.1:$port"
export FLUXO_TEST_POSTGRES_URL="$FLUXO_POSTGRES_BASE_URL/postgres"
echo "[postgres] servidor de teste em 127.0.0.1:$port"
"$@"
