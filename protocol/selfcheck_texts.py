"""Our own words on the self-check page (labels, buttons, help). Protocol texts come from the
protocol file, never from here; the blocks of "protocol text vs our words", with their labels, come
from present.py (the page's template renders them with present.block)."""

from __future__ import annotations

# Our own words on the page. Protocol texts come from the protocol file, never from here.
TEXTS: dict[str, str] = {
    "title": "Zelfcheck: welke stap zet je nu?",
    "intro": ("Heb je een vermoeden van huiselijk geweld of kindermishandeling, en heb je stap 1 tot en "
              "met 4 van de meldcode gedaan? Beantwoord dan hier de afwegingen van stap 5, één voor één. "
              "Aan het eind zie je wat je nu moet doen, welke datums daarbij horen, en krijg je een verslag "
              "voor het leerlingdossier."),
    "privacy": ("Alles blijft op dit apparaat. De zelfcheck draait in je browser en stuurt je antwoorden "
                "en notities nergens heen. Ze worden nergens bewaard: herlaad of sluit je de pagina, dan is "
                "alles weg."),
    "privacy_link": "Lees meer over privacy",
    "loading": "De zelfcheck wordt geladen. Je kunt de eerste vraag al lezen.",
    "ready": "De zelfcheck is klaar.",
    "waiting": "Even geduld: de zelfcheck is nog aan het laden. Je antwoord wordt daarna verwerkt.",
    "failed_title": "De zelfcheck kan niet starten",
    "failed_no_wasm": ("Je browser kan de zelfcheck niet uitvoeren: WebAssembly staat uit of ontbreekt. "
                       "Dat kan een instelling van de school zijn."),
    "failed_missing": "Een bestand van de zelfcheck kon niet worden geladen.",
    "failed_timeout": "Het laden van de zelfcheck duurt te lang.",
    "failed_error": "Er ging iets mis in de zelfcheck.",
    "failed_route": ("Je kunt de afwegingen ook zonder de zelfcheck doorlopen. Elke afweging staat op een "
                     "eigen pagina, met een link naar de volgende stap:"),
    "failed_start": "Begin bij afweging 2",
    "retry": "Probeer het opnieuw",
    "static_route": ("De zelfcheck werkt alleen als je browser JavaScript uitvoert en alle bestanden van "
                     "de zelfcheck kan laden. Lukt dat niet, dan doorloop je de afwegingen op de gewone "
                     "pagina's:"),
    "answer_legend": "Jouw antwoord",
    "next": "Volgende",
    "back": "Vorige vraag",
    "choose": "Kies een antwoord.",
    "note_label": "Notitie bij deze afweging (niet verplicht)",
    "note_hint": "Schrijf zonder namen, BSN of geboortedatum. De notitie komt in het verslag.",
    "footnote": "Voetnoot",
    "phase": "Fase",
    "path_title": "Jouw antwoorden tot nu toe",
    "path_empty": "Je hebt nog geen afweging beantwoord.",
    "change": "Wijzig",
    "restart": "Begin opnieuw",
    "clear": "Wis alles",
    "cleared": "Alles is gewist. Je begint opnieuw bij afweging 2.",
    "outcome_title": "Uitkomst",
    "do_now": "Wat je nu doet",
    "duties_title": "Wat het protocol daarna van je vraagt",
    "loops_title": "Nieuwe of blijvende signalen",
    "dates_title": "Datums",
    "dates_intro": "Vul de datum in; de zelfcheck telt de werkdagen (zonder weekend en feestdagen).",
    "dates_rule": ("Als feestdag telt de zelfcheck: nieuwjaarsdag, Goede Vrijdag, tweede paasdag, "
                   "Koningsdag, hemelvaartsdag, tweede pinksterdag en de twee kerstdagen, en 5 mei alleen "
                   "in een lustrumjaar (2025, 2030, ...). Volgens de wet voor termijnen telt 5 mei elk jaar "
                   "als feestdag. De zelfcheck telt 5 mei in andere jaren als werkdag: zo komt een datum "
                   "nooit te laat. Veilig Thuis kan anders tellen. Hoor je op de datum niets, bel dan zelf."),
    "date_failed": ("Met deze datum kan de zelfcheck niet rekenen. Kijk of de datum klopt, of kies een "
                    "andere datum. Je antwoorden en notities blijven staan."),
    "record_title": "Verslag voor het leerlingdossier",
    "record_intro": ("Het verslag is anoniem. Print het, of sla het op als bestand, en zet het in het "
                     "leerlingdossier. Zet er pas daar namen bij."),
    "print": "Print het verslag",
    "download_record": "Download het verslag (.md)",
    "download_ics": "Download de datums voor je agenda (.ics)",
    "chart_title": "Stroomschema: jouw pad",
    "chart_hint": "Het stroomschema laat zien welke stappen je al hebt gezet.",
}
