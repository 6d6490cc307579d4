"""Write every generated document of every seed into a folder: ``python -m tests.documents DIR``."""

import sys
from pathlib import Path

from .corpus import write_all

if __name__ == "__main__":
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "generated-documents")
    out.mkdir(parents=True, exist_ok=True)
    for path in write_all(out):
        print(path)
