#!/usr/bin/env bash
# Debian's chromium (driven by Playwright with executable_path; never
# `playwright install`, which downloads) and CJK fonts for readable screenshots.
set -euo pipefail
exec "$(dirname "$0")/apt-install.sh" chromium fonts-noto-cjk
