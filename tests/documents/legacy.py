"""Legacy formats made the way users get them: Word's .doc saved by LibreOffice from a .docx."""

from __future__ import annotations

import subprocess
import tempfile
from pathlib import Path

from build_scripts.read.convert import find_soffice


def convert_with_libreoffice(paths: list[Path], out: Path, suffix: str) -> list[Path]:
    """Each file converted to ``suffix`` (for example "doc") in ``out``, in one LibreOffice run."""
    with tempfile.TemporaryDirectory(prefix="lo-profile-") as profile:
        subprocess.run([find_soffice(), f"-env:UserInstallation=file://{profile}", "--headless",
                        "--convert-to", suffix, "--outdir", str(out), *map(str, paths)],
                       check=True, capture_output=True, timeout=300)
    converted = [out / f"{p.stem}.{suffix}" for p in paths]
    missing = [p.name for p in converted if not p.exists()]
    assert not missing, f"LibreOffice did not write {missing}"
    return converted
