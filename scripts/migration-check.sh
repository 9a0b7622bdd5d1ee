#!/usr/bin/env bash
# CI drift check: applies every migration to a throw-away database, then asks TypeORM whether the entities
# need anything more. Fails when entities and migrations disagree, or when a migration does not apply to
# an empty database. The database is always dropped at the end.
# Server: TEST_DATABASE_ADMIN_URL (default postgres://postgres@127.0.0.1:5432/postgres, a superuser).
set -euo pipefail
cd "$(dirname "$0")/.."

admin_url="${TEST_DATABASE_ADMIN_URL:-postgres://postgres@127.0.0.1:5432/postgres}"
db="parking_migcheck_$(od -An -N6 -tx1 /dev/urandom | tr -d ' \n')"
psql_admin() { psql -w -X -q -v ON_ERROR_STOP=1 -d "$admin_url" "$@"; }

# The same server and credentials, another database (keeps any query string such as sslmode).
DATABASE_URL=$(node -e 'const u = new URL(process.argv[1]); u.pathname = "/" + process.argv[2]; console.log(u.href)' \
  "$admin_url" "$db")
export DATABASE_URL
# Only the CLI's own type-check is skipped (faster start); `npm run typecheck` checks the same files.
export TS_NODE_TRANSPILE_ONLY="${TS_NODE_TRANSPILE_ONLY:-true}"
typeorm() { npx --no -- typeorm-ts-node-commonjs -d ormconfig.ts "$@"; }

drop_database() {
  psql_admin -c "DROP DATABASE IF EXISTS \"$db\" WITH (FORCE)" || echo "migration check: could not drop database $db" >&2
}

psql_admin -c "CREATE DATABASE \"$db\""
trap drop_database EXIT
echo "migration check: created throw-away database $db"

if ! typeorm migration:run; then
  echo "migration check: FAILED, migration:run failed on an empty database: a migration does not apply, or the data source does not load (see above)." >&2
  exit 1
fi

# --check exits 0 when the schema matches the entities and 1 when a migration is needed, printing it; an error
# (connection, broken entity) also exits 1, so the output tells them apart.
output_file=$(mktemp)
trap 'rm -f "$output_file"; drop_database' EXIT
status=0
typeorm migration:generate src/database/migrations/Drift --check 2>&1 | tee "$output_file" || status=$?
if ((status == 0)); then
  echo "migration check: entities and migrations agree."
elif grep -q 'Unexpected changes in database schema' "$output_file"; then
  echo "migration check: FAILED, the entities differ from what the migrations create. Write a migration for the" \
    "change above: npm run migration:generate -- <Name> (against a database with every migration applied)." >&2
  exit 1
else
  echo "migration check: FAILED, TypeORM could not compare the entities with the database (see above)." >&2
  exit 1
fi
