"""The signals a training case names, from a fixed list sorted the way the national afwegingskader
reads afweging 2: acute or structural unsafety, doubt, or a concern that is neither. Our words, not
protocol text."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

SignalKind = Literal["acuut", "structureel", "twijfel", "zorg"]
# What each kind means for afweging 2 (our words, shown on the trainer's page and in the key).
SIGNAL_KINDS: dict[SignalKind, str] = {
    "acuut": "acute onveiligheid",
    "structureel": "structurele onveiligheid",
    "twijfel": "twijfel over de veiligheid",
    "zorg": "een zorg, maar op zichzelf geen onveiligheid",
}
# A signal of these kinds means JA or twijfel at afweging 2: never NEE.
UNSAFE_KINDS: tuple[SignalKind, ...] = ("acuut", "structureel", "twijfel")


@dataclass(frozen=True)
class Signal:
    id: str
    label: str
    kind: SignalKind

    @property
    def kind_label(self) -> str:
        return SIGNAL_KINDS[self.kind]

    @property
    def unsafe(self) -> bool:
        return self.kind in UNSAFE_KINDS


# The fixed vocabulary. A new signal needs a kind; when in doubt, choose the safer kind.
SIGNALS: tuple[Signal, ...] = (
    Signal("acuut-gevaar", "Direct gevaar: de veiligheid is de komende uren of dagen niet zeker", "acuut"),
    Signal("geweld-tegen-kind", "Het kind wordt geslagen, hard vastgepakt of opgesloten", "acuut"),
    Signal("bedreiging", "Bedreiging met geweld of met een wapen", "acuut"),
    Signal("basiszorg-ontbreekt", "Het kind mist eten, drinken, kleding of een veilige plek om te slapen",
           "acuut"),
    Signal("medische-zorg-onthouden", "Het kind krijgt niet de medische zorg die het nodig heeft", "acuut"),
    Signal("crisis-ouder", "Een ouder is in een acute psychische crisis of zwaar onder invloed", "acuut"),
    Signal("verwaarlozing", "Verwaarlozing die aanhoudt: vaak honger, vuile kleren, geen zorg voor "
           "tanden of gezondheid", "structureel"),
    Signal("getuige-van-geweld", "Het kind ziet of hoort vaker geweld tussen volwassenen thuis",
           "structureel"),
    Signal("geweld-herhaald", "Geweld of bedreiging thuis die vaker gebeurt", "structureel"),
    Signal("letsel-herhaald", "Steeds opnieuw letsel, met een uitleg die niet past", "structureel"),
    Signal("emotioneel-geweld", "Het kind wordt vaak uitgescholden, gekleineerd of bang gemaakt",
           "structureel"),
    Signal("verslaving-ouder", "Een ouder met een ernstige verslaving die aanhoudt", "structureel"),
    Signal("psychiatrie-ouder", "Een ouder met ernstige psychische problemen die aanhouden", "structureel"),
    Signal("zorgtaken-kind", "Het kind draagt al lang de zorg die bij een ouder hoort", "structureel"),
    Signal("hulp-mislukt", "Hulp is al geprobeerd, zonder blijvend resultaat", "structureel"),
    Signal("onduidelijk-beeld", "Het zorgteam weet niet of het kind thuis veilig is, en kan onveiligheid "
           "niet uitsluiten", "twijfel"),
    Signal("ingrijpende-gebeurtenis", "Kort geleden een ingrijpende gebeurtenis: overlijden, scheiding, "
           "ziekte of baanverlies", "zorg"),
    Signal("ouder-overbelast", "Een ouder die het sinds kort zwaar heeft, maar nog goed voor het kind zorgt",
           "zorg"),
    Signal("spanning-thuis", "Spanning of ruzie thuis, zonder geweld, dreiging of schelden", "zorg"),
    Signal("verzuim", "Verzuim of vaak te laat komen", "zorg"),
    Signal("gedrag-kind", "Het kind verandert: stil, moe, verdrietig of slechtere cijfers", "zorg"),
)


def signal(signal_id: str) -> Signal:
    for s in SIGNALS:
        if s.id == signal_id:
            return s
    raise KeyError(f"onbekend signaal '{signal_id}'")
