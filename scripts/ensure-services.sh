#!/usr/bin/env bash
# Makes PostgreSQL (127.0.0.1:5432, user postgres, trust auth) and Redis (127.0.0.1:6379) answer, for the
# API tests and the migration check. Starts each one when installed but stopped, installs it from apt when
# missing, then waits (bounded) until both answer. Idempotent: a service that already answers is left alone.
# Prints one line per service saying what it did.
set -euo pipefail

readonly PG_HOST=127.0.0.1 PG_PORT=5432
readonly REDIS_HOST=127.0.0.1 REDIS_PORT=6379
readonly PG_ADMIN_URL="${TEST_DATABASE_ADMIN_URL:-postgres://postgres@$PG_HOST:$PG_PORT/postgres}"
readonly WAIT_SECONDS="${ENSURE_SERVICES_WAIT_SECONDS:-30}"

# Root runs apt and pg_ctlcluster directly; anyone else goes through sudo.
if [[ $(id -u) -eq 0 ]]; then as_root=(); else as_root=(sudo); fi

apt_updated=false
apt_install() {
  if [[ $apt_updated == false ]]; then
    "${as_root[@]}" apt-get update -qq
    apt_updated=true
  fi
  "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

# Polls "$@" until it succeeds or WAIT_SECONDS pass.
wait_for() {
  local deadline=$((SECONDS + WAIT_SECONDS))
  until "$@"; do
    if ((SECONDS >= deadline)); then return 1; fi
    sleep 0.5
  done
}

pg_answers() { command -v pg_isready >/dev/null && pg_isready -q -h "$PG_HOST" -p "$PG_PORT"; }
redis_answers() { command -v redis-cli >/dev/null && [[ $(redis-cli -h "$REDIS_HOST" -p "$REDIS_PORT" ping 2>/dev/null) == PONG ]]; }

# The newest PostgreSQL version with a cluster configured under /etc/postgresql, or nothing.
pg_version() {
  if [[ -d /etc/postgresql ]]; then
    find /etc/postgresql -mindepth 1 -maxdepth 1 -type d -printf '%f\n' | sort -V | tail -n 1
  fi
}

# Prepends a trust rule for 127.0.0.1 (the first matching pg_hba.conf line wins), once.
pg_trust_loopback() {
  local hba="/etc/postgresql/$1/main/pg_hba.conf"
  if ! "${as_root[@]}" grep -qE '^host[[:space:]]+all[[:space:]]+all[[:space:]]+127\.0\.0\.1/32[[:space:]]+trust' "$hba"; then
    "${as_root[@]}" sed -i '1i host all all 127.0.0.1/32 trust  # added by scripts/ensure-services.sh for tests' "$hba"
  fi
}

ensure_postgres() {
  local action version
  if pg_answers; then
    action="already running"
  else
    version=$(pg_version)
    if [[ -z $version ]] || ! command -v pg_ctlcluster >/dev/null; then
      apt_install postgresql
      version=$(pg_version)
      [[ -n $version ]] || { echo "postgresql: installed, but no cluster under /etc/postgresql" >&2; exit 1; }
      pg_trust_loopback "$version"
      action="installed PostgreSQL $version, trusted 127.0.0.1 in pg_hba.conf, started cluster $version/main"
      # The package may already have started the cluster (with the old pg_hba.conf): reload it if so.
      if pg_answers; then
        "${as_root[@]}" pg_ctlcluster --skip-systemctl-redirect "$version" main reload
      else
        "${as_root[@]}" pg_ctlcluster --skip-systemctl-redirect "$version" main start
      fi
    else
      action="started cluster $version/main"
      "${as_root[@]}" pg_ctlcluster --skip-systemctl-redirect "$version" main start
    fi
  fi
  if ! wait_for pg_answers; then
    echo "postgresql: no answer on $PG_HOST:$PG_PORT after ${WAIT_SECONDS}s (tried: $action)" >&2
    exit 1
  fi
  # Tests connect as postgres without a password (or through TEST_DATABASE_ADMIN_URL): check it now, with -w
  # so psql never waits for a password nobody will type.
  if ! psql -w -q -X -At -c 'SELECT 1' "$PG_ADMIN_URL" >/dev/null; then
    local how="as postgres without a password"
    if [[ -n ${TEST_DATABASE_ADMIN_URL:-} ]]; then how="with TEST_DATABASE_ADMIN_URL"; fi
    echo "postgresql: answers on $PG_HOST:$PG_PORT, but cannot connect $how;" \
      "allow trust auth for 127.0.0.1 in pg_hba.conf or set TEST_DATABASE_ADMIN_URL" >&2
    exit 1
  fi
  echo "postgresql: $action, ready on $PG_HOST:$PG_PORT"
}

ensure_redis() {
  local action
  if redis_answers; then
    action="already running"
  else
    action="started redis-server"
    if ! command -v redis-server >/dev/null || ! command -v redis-cli >/dev/null; then
      apt_install redis-server
      action="installed redis-server, started it"
    fi
    # The package may have started its own service on the same port.
    if ! redis_answers; then
      redis-server --daemonize yes --bind "$REDIS_HOST" --port "$REDIS_PORT" --save "" --appendonly no \
        --logfile "${TMPDIR:-/tmp}/redis-$REDIS_PORT.log" >/dev/null
    fi
  fi
  if ! wait_for redis_answers; then
    echo "redis: no answer on $REDIS_HOST:$REDIS_PORT after ${WAIT_SECONDS}s (tried: $action)" >&2
    exit 1
  fi
  echo "redis: $action, ready on $REDIS_HOST:$REDIS_PORT"
}

ensure_postgres
ensure_redis
