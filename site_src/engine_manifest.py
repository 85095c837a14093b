"""The manifest of the self-check's engine files: one JSON file the build writes beside them.

It names what this build made (the wheel and the URL engine.js asks for it by, our standard library,
the runtime, the lock contents' digest, the warm-start snapshot's key and URL) and, after the build, what the
offline cache holds. The build's later steps and the tests read it here, instead of reading the
names back out of engine.js or sw.js.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path

PATH = "assets/zelfcheck/manifest.json"  # relative to the site root
VERSION = 1


@dataclass(frozen=True)
class Offline:
    cache: str  # the name of the offline cache (sw.js); "" under `mkdocs serve` (no cache)
    files: list[str]  # URLs relative to the site root, as sw.js lists them


@dataclass(frozen=True)
class Manifest:
    pyodide: str  # the installed (and pinned) Pyodide version
    engine: str  # engine.js, relative to the site root
    wheel: str  # the protocol wheel, relative to the site root
    wheel_url: str  # the wheel as engine.js asks for it (with ?v=), relative to the site root
    wheel_sha256: str
    stdlib: str  # our standard library zip, relative to the site root
    runtime: str  # the smaller runtime script engine.js imports
    lock_sha256: str  # of the lock contents engine.js holds
    snapshot_key: str  # the key of the warm-start snapshot (runtime, standard library and wheel)
    snapshot: str  # the URL the snapshot is kept under in Cache Storage, relative to the site root
    offline: Offline | None = field(default=None)
    version: int = VERSION

    def to_json(self) -> str:
        return json.dumps(asdict(self), indent=2, sort_keys=True) + "\n"

    @classmethod
    def from_json(cls, text: str, where: str = PATH) -> Manifest:
        data = json.loads(text)
        if data.get("version") != VERSION:
            raise ValueError(f"{where}: manifest versie {data.get('version')!r}, verwacht {VERSION}")
        offline = data.pop("offline", None)
        return cls(**data, offline=Offline(**offline) if offline else None)


def read(site_dir: Path) -> Manifest:
    path = site_dir / PATH
    return Manifest.from_json(path.read_text(encoding="utf-8"), str(path))


def write(site_dir: Path, manifest: Manifest) -> None:
    path = site_dir / PATH
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(manifest.to_json(), encoding="utf-8")
