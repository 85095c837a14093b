"""A build that fails after MkDocs emptied site/ leaves an empty folder, not half a site.

A small MkDocs project with only our last hook (site_src/hooks/deploy.py): a file the server rules
cannot type (a film) makes the hook fail after every page was written.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CONFIG = f"""site_name: Proef
theme:
  name: material
  font: false
hooks:
  - {ROOT / "site_src" / "hooks" / "deploy.py"}
"""


def build(project: Path, site: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(site)],
                          cwd=project, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
                          capture_output=True, text=True, check=False)


def test_a_build_that_fails_halfway_leaves_no_site(tmp_path: Path) -> None:
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "index.md").write_text("# Welkom\n", encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text(CONFIG, encoding="utf-8")
    site = tmp_path / "site"

    done = build(tmp_path, site)
    assert done.returncode == 0, done.stderr
    assert {"index.html", "_headers", "_nginx.conf"} <= {p.name for p in site.iterdir()}

    (tmp_path / "docs" / "film.mp4").write_bytes(b"x")
    (site / ".git").mkdir()  # dotfiles are not ours: MkDocs leaves them too
    done = build(tmp_path, site)
    assert done.returncode != 0
    assert "(mp4). Oplossing: voeg die soort toe aan MIME_TYPES" in done.stderr
    assert f"De map {site} is weer leeggemaakt" in done.stderr and "Traceback" not in done.stderr
    assert [p.name for p in site.iterdir()] == [".git"]
