"""Typed reading of TOML tables, so every missing or wrong field names its place."""

from __future__ import annotations

import re
from typing import Any

from .errors import ProtocolError

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


class Table:
    """One TOML table with the place it has in the file, e.g. `questions 'afweging-3'`."""

    def __init__(self, path: str, place: str, data: Any) -> None:
        self.path = path
        self.place = place
        if not isinstance(data, dict):
            self.fail("dit moet een tabel zijn", "schrijf het als [tabel] of [[lijst]] met velden.")
        self.data: dict[str, Any] = data

    def fail(self, problem: str, fix: str) -> None:
        raise ProtocolError(self.path, self.place, problem, fix)

    def _get(self, key: str, kind: type, kind_name: str) -> Any:
        if key not in self.data:
            self.fail(f"het veld `{key}` ontbreekt", f"voeg `{key} = ...` toe ({kind_name}).")
        value = self.data[key]
        if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
            self.fail(f"het veld `{key}` moet {kind_name} zijn", f"schrijf `{key}` als {kind_name}.")
        return value

    def text(self, key: str, *, required: bool = True) -> str:
        value: str = self._get(key, str, "tekst tussen aanhalingstekens")
        if required and not value.strip():
            self.fail(f"het veld `{key}` is leeg", f"vul de tekst van `{key}` in.")
        return value

    def number(self, key: str) -> int:
        value: int = self._get(key, int, "een geheel getal")
        return value

    def count(self, key: str) -> int:
        """A whole number of days or steps: 0 or more (a negative count would go back in time)."""
        value = self.number(key)
        if value < 0:
            self.fail(f"het veld `{key}` is {value}, maar mag niet negatief zijn",
                      f"schrijf `{key}` als 0 of een groter geheel getal.")
        return value

    def flag(self, key: str) -> bool:
        value: bool = self._get(key, bool, "true of false")
        return value

    def texts(self, key: str, *, required: bool = True) -> tuple[str, ...]:
        value: list[Any] = self._get(key, list, "een lijst met teksten")
        if not all(isinstance(v, str) and v.strip() for v in value):
            self.fail(f"`{key}` bevat iets anders dan tekst, of een lege tekst",
                      f"zet in `{key}` alleen teksten tussen aanhalingstekens.")
        if required and not value:
            self.fail(f"de lijst `{key}` is leeg", f"zet minstens één tekst in `{key}`.")
        return tuple(value)

    def numbers(self, key: str) -> tuple[int, ...]:
        value: list[Any] = self._get(key, list, "een lijst met getallen")
        if not all(isinstance(v, int) and not isinstance(v, bool) for v in value):
            self.fail(f"`{key}` bevat iets anders dan gehele getallen", f"zet in `{key}` alleen getallen.")
        return tuple(value)

    def counts(self, key: str) -> tuple[int, ...]:
        """A list of whole numbers of days: each 0 or more."""
        value = self.numbers(key)
        negative = [v for v in value if v < 0]
        if negative:
            self.fail(f"`{key}` bevat een negatief getal ({negative[0]})",
                      f"zet in `{key}` alleen 0 of grotere gehele getallen (dagen na de begindatum).")
        return value

    def slug(self, key: str = "id") -> str:
        value = self.text(key)
        if not SLUG.match(value):
            self.fail(f"'{value}' is geen geldig id",
                      "gebruik kleine letters, cijfers en streepjes, zoals `afweging-3`.")
        return value

    def choice(self, key: str, options: tuple[str, ...]) -> str:
        value = self.text(key)
        if value not in options:
            self.fail(f"`{key}` is '{value}'", f"kies een van: {', '.join(options)}.")
        return value

    def tables(self, key: str, label: str) -> list[Table]:
        raw: list[Any] = self._get(key, list, f"een lijst van [[{key}]]-tabellen")
        found: list[Table] = []
        for index, item in enumerate(raw, start=1):
            ident = item.get("id") if isinstance(item, dict) else None
            name = f"'{ident}'" if isinstance(ident, str) else f"nr. {index}"
            prefix = f"{self.place} > " if self.place else ""
            found.append(Table(self.path, f"{prefix}{label} {name}", item))
        return found
