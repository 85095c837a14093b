"""Which school file a build reads: MELDCODE_SCHOOL (`make build SCHOOL=...` sets it), else school.toml."""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def school_file() -> Path:
    """Read at each build, so one process can build several schools (tests/test_school_builds.py)."""
    return Path(os.environ.get("MELDCODE_SCHOOL") or ROOT / "school.toml")
