"""Build the protocol package into a wheel for the browser, from the same source the tests import.

The wheel holds `protocol/` as it is: the package is exactly what ships to the browser (build-time
renderers live in site_src/render/, and tests/test_import_graph.py keeps protocol/ standard library only).

Offline: it calls setuptools' PEP 517 backend from the venv (no build isolation, no downloads), in a
scratch copy of the source, so a build never writes build/ or *.egg-info into the working tree and
two builds at the same time do not collide.

    python -m site_src.wheel /tmp/out   # prints the path of the wheel
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def build_wheel(out_dir: Path) -> Path:
    """Build `meldcode_stap5-<version>-py3-none-any.whl` into out_dir and return its path."""
    out_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="meldcode-wheel-") as scratch:
        src = Path(scratch) / "src"
        src.mkdir()
        shutil.copy2(ROOT / "pyproject.toml", src / "pyproject.toml")
        shutil.copytree(ROOT / "protocol", src / "protocol",
                        ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
        dist = Path(scratch) / "dist"
        script = ("import sys; from setuptools import build_meta; "
                  "print(build_meta.build_wheel(sys.argv[1]))")
        # A fixed date in the zip: the same source gives the same wheel, byte for byte, so its hash
        # (in the page's URL, the offline cache and the build cache) changes only with the source.
        env = {**os.environ, "SOURCE_DATE_EPOCH": "315532800"}
        done = subprocess.run([sys.executable, "-c", script, str(dist)], cwd=src, env=env,
                              capture_output=True, text=True, check=False)
        if done.returncode != 0:
            raise RuntimeError(f"het wiel van het protocol kon niet worden gebouwd:\n{done.stderr[-2000:]}")
        name = done.stdout.strip().splitlines()[-1]
        target = out_dir / name
        shutil.copy2(dist / name, target)
    return target


if __name__ == "__main__":
    print(build_wheel(Path(sys.argv[1] if len(sys.argv) > 1 else "dist")))
