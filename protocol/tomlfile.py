"""Reading the package's TOML files (protocol, cases, school) with one kind of error message."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Any

from .errors import ProtocolError

_WHERE = re.compile(r"\s*\(at line (\d+), column (\d+)\)")


def display(path: str | Path) -> str:
    """The path as a person would type it: relative to the working folder when possible."""
    resolved = Path(path).resolve()
    try:
        return str(resolved.relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def read(path: str | Path, missing: str = "het bestand ontbreekt",
         missing_fix: str = "controleer of het pad klopt.") -> tuple[dict[str, Any], bytes, str]:
    """The parsed file, its bytes and its display name; ProtocolError when it cannot be used."""
    name = display(path)
    try:
        raw = Path(path).read_bytes()
    except FileNotFoundError:
        raise ProtocolError(name, "bestand", missing, missing_fix) from None
    except OSError as error:
        raise ProtocolError(name, "bestand", f"kan het bestand niet lezen ({error.strerror})",
                            "controleer of het pad klopt en of je het bestand mag lezen.") from None
    return parse(raw, name), raw, name


def parse(raw: bytes, name: str) -> dict[str, Any]:
    try:
        return tomllib.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise ProtocolError(name, "bestand", "het bestand is geen UTF-8-tekst",
                            "sla het bestand op als UTF-8.") from None
    except tomllib.TOMLDecodeError as error:
        # The message is English and ends with "(at line L, column C)"; the place is said in Dutch.
        where = _WHERE.search(str(error))
        place = f"regel {where[1]}, kolom {where[2]}" if where else "TOML"
        detail = str(error).replace(where[0], "") if where else str(error)
        raise ProtocolError(name, place, f"dit is geen geldige TOML ({detail})",
                            "herstel de schrijfwijze op die regel: aanhalingstekens, "
                            "komma's en [haken] moeten kloppen.") from None
