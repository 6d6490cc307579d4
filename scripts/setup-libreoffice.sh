#!/usr/bin/env bash
# LibreOffice Writer without a GUI: reads legacy Word (.doc) and WPS (.wps) sources by
# converting them to .docx (`soffice --headless --convert-to docx`).
set -euo pipefail
exec "$(dirname "$0")/apt-install.sh" libreoffice-writer-nogui
