"""Where the package's own data files live: in `data/` next to this module.

The package is always installed unpacked (an editable install, or the wheel extracted in Pyodide),
so a path from `__file__` is enough. importlib.resources would add eight standard-library modules
that every visit to the self-check downloads and imports.
"""

from __future__ import annotations

from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent / "data"


def data_file(name: str) -> str:
    return str(DATA_DIR / name)
