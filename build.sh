#!/usr/bin/env bash
# Install everything into .venv and build the site from sources/ into site/.
# `./build.sh --strict` fails on any warning or skipped file (as the Pages workflow does).
set -euo pipefail
cd "$(dirname "$0")"
scripts/setup-venv.sh
# Legacy Word (.doc) and WPS (.wps) sources are read through LibreOffice.
if compgen -G "sources/*.[dD][oO][cC]" >/dev/null || compgen -G "sources/*.[wW][pP][sS]" >/dev/null; then
  scripts/setup-libreoffice.sh
fi
export NO_MKDOCS_2_WARNING=1
mkdir -p .cache
set +e
# --dirty: only pages whose Markdown changed are rendered again; the workplans plugin makes it a
# full build whenever the navigation, configuration or templates changed (pass --clean to force one).
.venv/bin/mkdocs build --dirty "$@" 2>&1 | tee .cache/build.log
status=${PIPESTATUS[0]}
set -e
summary=$(grep -o "workplans: [0-9]* notice(s).*" .cache/build.log | tail -1 || true)
if [ "$status" -ne 0 ]; then
  echo "Build FAILED (${summary#workplans: }): see the messages above."
  exit "$status"
fi
echo "Site built in site/ (${summary#workplans: }). Open site/index.html, or serve the folder with any static server."
