#!/usr/bin/env bash
# Install everything into .venv and build the site from sources/ into site/.
# `./build.sh --strict` fails on any warning (as the Pages workflow does).
set -euo pipefail
cd "$(dirname "$0")"
scripts/setup-venv.sh
export NO_MKDOCS_2_WARNING=1
.venv/bin/mkdocs build "$@"
echo "Site built in site/ (open site/index.html, or serve the folder with any static server)."
