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
    stamp = time.gmtime(_epoch(os.environ.get("SOURCE_DATE_EPOCH")))[:6]
    files = sorted(p for p in site.rglob("*") if p.is_file())
    output.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(output, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for path in files:
            info = zipfile.ZipInfo(f"{FOLDER}/{path.relative_to(site).as_posix()}", date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, path.read_bytes())
    return len(files)


ZIP_FIRST, ZIP_LAST = 315532800, 4354819199  # 1980-01-01 and 2107-12-31, the dates a zip entry can hold


def _epoch(value: str | None) -> int:
    """SOURCE_DATE_EPOCH as the entries' date, within what a zip can hold. Raises ValueError."""
    if value is None:
        return ZIP_FIRST
    try:
        return min(max(int(value), ZIP_FIRST), ZIP_LAST)
    except ValueError:
        raise ValueError(f"SOURCE_DATE_EPOCH is '{value[:40]}', not a number of seconds since 1970 "
                         "(for example $(git log -1 --format=%ct)); set it so or unset it") from None
