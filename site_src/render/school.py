"""The school's own details (name, contact persons, regional Veilig Thuis) from a small TOML file.

Not protocol text: each school fills these in itself. A missing or malformed file stops the
build with one ProtocolError that names the file, the place and the fix.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from protocol import tomlfile
from protocol.fields import Table

# The roles a school names, in the order shown. Keys are the TOML table names.
CONTACT_ROLES = (("aandachtsfunctionaris", "Aandachtsfunctionaris"), ("zorgcoordinator", "Zorgcoördinator"))
NATIONAL_PHONE = "0800-2000"


@dataclass(frozen=True)
class Contact:
    role: str
    name: str
    phone: str
    email: str


@dataclass(frozen=True)
class VeiligThuis:
    region: str
    phone: str

    @property
    def tel(self) -> str:
        """The number as a tel: link target (digits and + only)."""
        return "".join(c for c in self.phone if c.isdigit() or c == "+")


@dataclass(frozen=True)
class School:
    name: str
    contacts: tuple[Contact, ...]
    veilig_thuis: VeiligThuis


def load_school(path: str | Path) -> School:
    data, _, name = tomlfile.read(
        path, "het bestand met de gegevens van de school ontbreekt",
        "maak het bestand aan; zie de README, 'Gegevens van je school'.")
    root = Table(name, "", data)
    school = Table(name, "[school]", root.data.get("school"))
    contacts = []
    for key, role in CONTACT_ROLES:
        t = Table(name, f"[{key}]", root.data.get(key))
        contacts.append(Contact(role, t.text("name"), _optional(t, "phone"), _optional(t, "email")))
    vt = Table(name, "[veilig_thuis]", root.data.get("veilig_thuis", {}))
    region = vt.text("region") if "region" in vt.data else "landelijk"
    phone = vt.text("phone") if "phone" in vt.data else NATIONAL_PHONE
    if not any(c.isdigit() for c in phone):
        vt.fail(f"'{phone}' is geen telefoonnummer", f'schrijf bijvoorbeeld phone = "{NATIONAL_PHONE}".')
    return School(school.text("name"), tuple(contacts), VeiligThuis(region, phone))


def _optional(t: Table, key: str) -> str:
    """Phone and e-mail may be left out; when given, they must be text."""
    return t.text(key, required=False) if key in t.data else ""
