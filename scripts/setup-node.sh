#!/usr/bin/env bash
# Node.js (the search and comparison clients' unit tests) and the npm packages the browser tests
# inject (tests/js/package.json: axe-core, pinned by package-lock.json). Idempotent and quick when done.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  scripts/apt-install.sh nodejs npm
fi
stamp=tests/js/node_modules/.package-lock.sha256
want=$(sha256sum tests/js/package-lock.json | cut -d' ' -f1)
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
  npm ci --prefix tests/js --no-audit --no-fund --loglevel=error
  echo "$want" > "$stamp"
fi
