#!/usr/bin/env bash
# Writes a migration with the difference between the entities and the database at DATABASE_URL.
# Usage: DATABASE_URL=postgres://... npm run migration:generate -- <Name> [typeorm options, e.g. --pretty]
# The database must have every existing migration applied (`npm run migration:run`), otherwise the new
# migration repeats them.
set -euo pipefail
cd "$(dirname "$0")/.."

usage() {
  echo "Usage: npm run migration:generate -- <Name>   (Name in PascalCase, e.g. AddBookingIndexes)" >&2
  exit 2
}

name="${1:-}"
[[ -n $name ]] || usage
if [[ ! $name =~ ^[A-Z][A-Za-z0-9]*$ ]]; then
  echo "Invalid migration name '$name': PascalCase letters and digits, starting with a capital." >&2
  usage
fi
shift

if [[ -z ${DATABASE_URL:-} ]]; then
  cat >&2 <<'MSG'
DATABASE_URL is not set. migration:generate compares the entities with a real PostgreSQL database that
has every existing migration applied. Either the embedded one, while `npm start` runs:
  export DATABASE_URL=postgres://postgres:postgres@127.0.0.1:54329/parking
or a server of your own:
  export DATABASE_URL=postgres://postgres@127.0.0.1:5432/parking_dev
  createdb -h 127.0.0.1 -U postgres parking_dev   # once
then:
  npm run migration:run
  npm run migration:generate -- AddSomething
MSG
  exit 1
fi

# Only the CLI's own type-check is skipped (faster start); `npm run typecheck` checks the same files.
export TS_NODE_TRANSPILE_ONLY="${TS_NODE_TRANSPILE_ONLY:-true}"
exec npx --no -- typeorm-ts-node-commonjs -d ormconfig.ts migration:generate "src/database/migrations/$name" "$@"
