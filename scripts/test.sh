#!/usr/bin/env bash
# The whole test suite (what `npm test` and CI run): typecheck, lint, unit tests, build, e2e in Chromium.
set -euo pipefail
cd "$(dirname "$0")/.."
step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }
step "chromium";  bash scripts/ensure-chromium.sh
step "typecheck"; npx tsc -p tsconfig.json --noEmit
step "lint";      npx eslint . --max-warnings 0 && npx prettier --check . --log-level warn
step "unit";      npx vitest run
step "build";     npx vite build
step "e2e";       npx playwright test
