#!/usr/bin/env bash
# Install everything into .venv and build the site from sources/ into site/.
set -euo pipefail
cd "$(dirname "$0")"
scripts/setup-venv.sh
export NO_MKDOCS_2_WARNING=1
.venv/bin/python -m build_scripts build "$@"
.venv/bin/mkdocs build --strict
echo "Site built in site/ (open site/index.html, or serve the folder with any static server)."
