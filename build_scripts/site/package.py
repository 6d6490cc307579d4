"""Package the built site as a zip for an intranet administrator.

The zip holds one folder with the whole site; unpacked anywhere, its
index.html opens from the file system (search included) or from any static
server under any path. Entries are sorted and dated from SOURCE_DATE_EPOCH
(or 1980-01-01), so the same site gives the same zip.
"""

from __future__ import annotations

import os
import time
import zipfile
from pathlib import Path

FOLDER = "edu-work-plans-site"


def package_site(site: Path, output: Path) -> int:
    """Write ``output``; returns the number of files packed."""
    if not (site / "index.html").is_file():
        raise FileNotFoundError(f"{site}/index.html not found: build the site first (./build.sh)")
    epoch = max(int(os.environ.get("SOURCE_DATE_EPOCH", "315532800")), 315532800)
    stamp = time.gmtime(epoch)[:6]
    files = sorted(p for p in site.rglob("*") if p.is_file())
    output.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(output, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for path in files:
            info = zipfile.ZipInfo(f"{FOLDER}/{path.relative_to(site).as_posix()}", date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, path.read_bytes())
    return len(files)
