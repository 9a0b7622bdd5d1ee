#!/usr/bin/env bash
# The README's test command (`npm test`) and what CI runs: every check in order, each announced and timed.
# Stops at the first failing step (later ones are reported as skipped) and exits non-zero; prints a summary.
# A new check is one more `step` line at the bottom.
set -euo pipefail
cd "$(dirname "$0")/.."

summary=()
failed=""

now_ms() { date +%s%3N; }

# step <name> <command...>: runs the command unless an earlier step failed, and records the outcome.
step() {
  local name=$1
  shift
  if [[ -n $failed ]]; then
    summary+=("$(printf '  %-4s  %s' SKIP "$name")")
    return 0
  fi
  printf '\n==> %s: %s\n' "$name" "$*"
  local start status=0 elapsed
  start=$(now_ms)
  "$@" || status=$?
  elapsed=$(awk -v ms="$(($(now_ms) - start))" 'BEGIN { printf "%.1f", ms / 1000 }')
  if ((status == 0)); then
    printf '==> %s: passed in %ss\n' "$name" "$elapsed"
    summary+=("$(printf '  %-4s  %-22s %8ss' PASS "$name" "$elapsed")")
  else
    printf '==> %s: FAILED (exit %d) after %ss\n' "$name" "$status" "$elapsed"
    summary+=("$(printf '  %-4s  %-22s %8ss  (exit %d)' FAIL "$name" "$elapsed" "$status")")
    failed=$name
  fi
}

# `git diff` only sees a change to a tracked file: an untracked openapi.json would always look current.
openapi_check() {
  if ! git ls-files --error-unmatch openapi.json >/dev/null 2>&1; then
    echo "openapi.json is not tracked by git, so a stale one cannot be detected: git add openapi.json" >&2
    return 1
  fi
  npm run openapi:check
}

# The generated client must be what openapi.json generates: regenerate, then a changed, deleted or new
# file under client/src/app/api is drift.
client_api_check() {
  npm run client:api
  git diff --exit-code -- client/src/app/api
  local untracked
  untracked=$(git ls-files --others --exclude-standard -- client/src/app/api)
  if [[ -n $untracked ]]; then
    printf 'Generated files not in git (commit them):\n%s\n' "$untracked" >&2
    return 1
  fi
}

report() {
  printf '\n==> Summary\n'
  printf '%s\n' "${summary[@]}"
  if [[ -n $failed ]]; then
    printf '==> FAILED: %s\n' "$failed"
    exit 1
  fi
  printf '==> All steps passed.\n'
}

step "lint" npm run lint
step "typecheck" npm run typecheck
step "unit tests" npm run test:unit
step "API tests" npm run test:api
step "openapi drift" openapi_check
step "openapi lint" npm run openapi:lint
step "migration drift" npm run migration:check
step "client unit tests" npm run client:test
step "client api drift" client_api_check
step "client build" npm run client:build
step "browser tests" npm --prefix client run e2e
report
