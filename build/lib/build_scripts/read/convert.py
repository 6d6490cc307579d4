"""Legacy Word files (``.doc``, WPS ``.wps``) through LibreOffice, when it is installed."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

SOFFICE_CANDIDATES = ("soffice", "libreoffice")
TIMEOUT_SECONDS = 120


class ConversionError(Exception):
    pass


def find_soffice() -> str | None:
    return next((found for name in SOFFICE_CANDIDATES if (found := shutil.which(name))), None)


def convert_to_docx(path: Path, data: bytes) -> bytes:
    """The file converted to ``.docx`` by ``soffice --headless``. Raises SourceError."""
    from .decode import SourceError

    soffice = find_soffice()
    if soffice is None:
        raise SourceError(
            f"{path.name}: {path.suffix} files are read through LibreOffice, which is not installed. "
            "Install it (Debian: `sudo apt-get install libreoffice-writer-nogui`) or save the file "
            "as .docx in Word or WPS, and build again.")
    with tempfile.TemporaryDirectory(prefix="workplans-convert-") as work:
        folder = Path(work)
        source = folder / f"source{path.suffix.lower()}"
        source.write_bytes(data)
        # A profile of its own: a LibreOffice already open on the desktop would else take the job.
        command = [soffice, f"-env:UserInstallation=file://{folder / 'profile'}", "--headless",
                   "--convert-to", "docx:MS Word 2007 XML", "--outdir", str(folder / "out"), str(source)]
        try:
            subprocess.run(command, capture_output=True, timeout=TIMEOUT_SECONDS, check=False)
        except subprocess.TimeoutExpired:
            raise SourceError(f"{path.name}: LibreOffice did not convert it within {TIMEOUT_SECONDS} s; "
                              "open it and save it as .docx.") from None
        converted = folder / "out" / "source.docx"
        if not converted.exists():
            raise SourceError(f"{path.name}: LibreOffice could not convert it to .docx (a damaged or "
                              "protected file?); open it in Word or WPS and save it as .docx.")
        return converted.read_bytes()
