#!/usr/bin/env bash
# Runs before `npm start`: the API serves the web client from client/dist, so a fresh checkout builds it
# once (about a minute; Angular prints its progress). Later starts find the build and go straight on;
# `npm run client:build` rebuilds after a change to the client, `npm run client:start` serves it live.
set -euo pipefail
cd "$(dirname "$0")/.."

[[ -f client/package.json ]] || exit 0
[[ -f client/dist/client/browser/index.html ]] && exit 0

echo "The web client is not built yet: building it once into client/dist (about a minute) …"
[[ -d client/node_modules ]] || npm install --prefix client --no-audit --no-fund
npm --prefix client run build
