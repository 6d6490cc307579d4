#!/usr/bin/env bash
# Install what the tests need (venv, chromium) and run the whole test suite.
set -euo pipefail
cd "$(dirname "$0")"
scripts/setup-venv.sh
scripts/setup-browser.sh
scripts/setup-libreoffice.sh
scripts/setup-node.sh
export NO_MKDOCS_2_WARNING=1
exec .venv/bin/python -m pytest "$@"
