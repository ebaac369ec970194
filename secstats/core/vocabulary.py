"""The words of a claim, declared once: units, qualifiers, the cues that say a qualifier, the words
that write each unit, and the measure proposed for a family's figure.

The ledger schema takes its allowed units and qualifiers from here (``secstats.core.schemas``), the
extractor its cues and unit words (``secstats.extract.quantities``), and the family guess its measures; so a
unit the extractor can propose is always one the ledger accepts, and adding one touches one place.
Patterns are regular-expression fragments; a space in a cue stands for any run of white space
(non-breaking spaces included).
"""

from __future__ import annotations

LANGUAGES = ("en", "es")
OTHER = "other"  # the family of claims that belong to no indicator family (secstats.clean.families)

# family -> each measure its table takes -> the dimension values the measure implies in that table. A
# measure belongs to exactly one family: the ledger check (secstats.ledger.claims) and the family's
# table (secstats.clean.families) both read it here. The order is the order of the families.
FAMILY_MEASURES: dict[str, dict[str, dict[str, str]]] = {
    "homicide": {
        "homicides": {},
        "deaths_drug_war": {},
        "homicide_rate": {},
        "homicides_percent_change": {},
        "impunity_rate": {},
        "impunity_rate_journalist_killings": {},
    },
    "extradition": {"extraditions": {}},
    "merida_funding": {
        "merida_funding_allocated": {"transaction": "allocated"},
        "merida_funding_disbursed": {"transaction": "disbursed"},
        "us_security_assistance": {"transaction": "unspecified"},
    },
    "weapons": {"firearms_origin_share": {}},
    "overdose": {
        "overdose_deaths": {"drug": "all_drugs"},
        "overdose_deaths_change": {"drug": "all_drugs"},
        "overdose_deaths_opioids": {"drug": "opioids"},
        "overdose_deaths_opioids_share": {"drug": "opioids"},
        "overdose_deaths_synthetic_opioids_change": {"drug": "synthetic_opioids"},
        "overdose_deaths_synthetic_opioids_heroin": {"drug": "synthetic_opioids_or_heroin"},
        "overdose_deaths_fentanyl": {"drug": "fentanyl"},
    },
}
# family -> each measure of the family its table leaves out -> why.
LEFT_OUT: dict[str, dict[str, str]] = {
    "weapons": {
        "firearms_trafficking_annual_profit": "a money value, not a share of traced firearms",
        "firearms_trafficked_share_of_us_sales": "a share of U.S. gun sales, not of traced firearms",
    },
}


def family_names() -> list[str]:
    """Every family a ledger claim may name: the indicator families, then ``other``."""
    return [*FAMILY_MEASURES, OTHER]


def measure_owners() -> dict[str, str]:
    """measure -> the family it belongs to, for every measure a family's table takes or leaves out."""
    return {measure: family for family in FAMILY_MEASURES for measure in [*FAMILY_MEASURES[family], *LEFT_OUT.get(family, {})]}


QUALIFIERS = ["exact", "approximate", "at_least", "more_than", "less_than", "range"]

# unit -> what it counts. The order is the order the ledger's documentation lists them in.
UNITS: dict[str, str] = {
    "count": "a number of things (people, cases, units)",
    "percent": "percent points (33, not 0.33), shares and changes",
    "usd": "plain U.S. dollars",
    "mxn": "plain Mexican pesos",
    "per_100000": "a rate per 100,000 inhabitants",
    "rank": "a place in an ordering (2 for 'second place')",
    "times": "a multiple ('three times', 'tenfold')",
    "miles": "miles",
    "kilometers": "kilometers",
    "milligrams": "milligrams",
    "grams": "grams",
    "kilograms": "kilograms",
    "pounds": "pounds",
    "tons": "metric tons",
    "liters": "liters",
    "years": "years ('two decades' is 20)",
    "months": "months",
    "weeks": "weeks",
    "days": "days",
    "hours": "hours",
}

# Mass units in kilograms: "40 toneladas 800 kilos" is 40.8 tons (the second part in the first's unit).
MASS_IN_KILOGRAMS = {"tons": 1000.0, "kilograms": 1.0, "grams": 0.001, "milligrams": 0.000001}

# (qualifier, cue words right before the number), per language; the first cue that matches wins, and
# a longer cue that starts earlier ("poco más de", "no more than") wins over the shorter one in it.
QUALIFIER_CUES: dict[str, list[tuple[str, str]]] = {
    "en": [
        ("approximate", r"close to|some|about|around|nearly|almost|roughly|approximately|an estimated|estimated|circa|approx\."),
        (
            "more_than",
            r"more than|over|exceeding|in excess of|upwards of|surpassed|surpassing|surpasses|above|exceeds|exceeded|"
            r"longer than|greater than|higher than",
        ),
        ("at_least", r"at least|no fewer than|no less than|a minimum of"),
        ("less_than", r"less than|fewer than|under|below|up to|no more than|at most|shorter than"),  # the ledger has no at_most
    ],
    "es": [
        (
            "approximate",
            r"casi|cerca de|cerca del|alrededor de|alrededor del|aproximadamente|aprox\.|unos|unas|en torno a|en torno al|"
            r"del orden de|del orden del|un estimado de|estimado de|estimado en|estimada en|se estima que|aproximado de|aproximada de",
        ),
        (
            "more_than",
            r"(?:un )?poco más de|(?:un )?poco más del|más de|más del|por encima de|por encima del|mayor a|mayor al|"
            r"mayor de|mayores a|superior a|superior al|superiores a|supera|superan|superó|superaron|rebasa|rebasan|rebasó",
        ),
        ("at_least", r"al menos|por lo menos|como mínimo|cuando menos|no menos de"),
        (
            "less_than",
            r"(?:un )?poco menos de|(?:un )?poco menos del|menos de|menos del|hasta|inferior a|inferior al|"
            r"menor a|menor al|menores a|no más de|como máximo|por debajo de|por debajo del|"
            r"no superó|no supera|no superan|no rebasa|no rebasó|no excede|no excedió",
        ),
    ],
}

# (pattern right after the number and its scale word, unit, factor), per language; first match wins.
UNIT_WORDS: dict[str, list[tuple[str, str, float]]] = {
    "en": [
        (r"\s?%|\s(?:percent|per\scent|percentage\spoints?)\b", "percent", 1),
        (r"(?:\s|-)(?:\w+\s){0,2}per\s100,000(?:\s(?:inhabitants|people|residents|population))?\b", "per_100000", 1),
        (r"\stimes\b", "times", 1),
        (r"(?:\s|-)decades?\b", "years", 10),
        (r"(?:\s|-)(?:fiscal\s)?(?:years?|yrs?)\b", "years", 1),
        (r"(?:\s|-)months?\b", "months", 1),
        (r"(?:\s|-)weeks?\b", "weeks", 1),
        (r"(?:\s|-)days?\b", "days", 1),
        (r"(?:\s|-)hours?\b", "hours", 1),
        (r"(?:\s|-)miles?\b", "miles", 1),
        (r"(?:\s|-)(?:kilometers?|kilometres?|km)\b", "kilometers", 1),
        (r"(?:\s|-)(?:milligrams?|mg)\b", "milligrams", 1),
        (r"(?:\s|-)(?:grams?)\b", "grams", 1),
        (r"(?:\s|-)(?:kilograms?|kg|kilos?)\b", "kilograms", 1),
        (r"(?:\s|-)(?:pounds?|lbs?)\b", "pounds", 1),
        (r"(?:\s|-)(?:metric\s)?tons?\b", "tons", 1),
        (r"(?:\s|-)(?:liters?|litres?)\b", "liters", 1),
        (r"\s(?:U\.S\.\s)?dollars\b|\sUSD\b", "usd", 1),
        (r"\s(?:Mexican\s)?pesos\b|\sMXN\b", "mxn", 1),
    ],
    "es": [
        (r"\s?%|\s(?:por\s?ciento|puntos?\s+porcentuales)\b", "percent", 1),
        (
            r"(?:\s[\wáéíóúñ]+){0,4}?\s(?:por\s+cada|por|cada)\s+(?:100\s?mil|100,000|100\.000|cien\s+mil)(?:\s+habitantes)?\b",
            "per_100000",
            1,
        ),
        (r"\sveces\b", "times", 1),
        (r"\sdécadas?\b", "years", 10),
        (r"\saños?\b", "years", 1),
        (r"\smes(?:es)?\b", "months", 1),
        (r"\ssemanas?\b", "weeks", 1),
        (r"\sdías?\b", "days", 1),
        (r"\shoras?\b", "hours", 1),
        (r"\smillas?\b", "miles", 1),
        (r"\s(?:kilómetros?|km)\b", "kilometers", 1),
        (r"\s(?:miligramos?|mg)\b", "milligrams", 1),
        (r"\sgramos?\b", "grams", 1),
        (r"\s(?:kilogramos?|kilos?|kg)\b", "kilograms", 1),
        (r"\slibras?\b", "pounds", 1),
        (r"\stoneladas?\b", "tons", 1),
        (r"\slitros?\b", "liters", 1),
        (r"\s(?:de\s+)?dólares(?:\s+estadounidenses)?\b|\s(?:de\s+)?USD\b", "usd", 1),
        (r"\s(?:de\s+)?pesos(?:\s+mexicanos)?\b|\sMXN\b", "mxn", 1),
    ],
}

# (family, unit) -> the measure proposed for a figure of a registered family (refined by words in
# secstats.extract.quantities.guess_measure); every one is a measure its family's table takes (a test checks).
GUESSED_MEASURES: dict[tuple[str, str], str] = {
    ("homicide", "count"): "homicides",
    ("homicide", "per_100000"): "homicide_rate",
    ("homicide", "percent"): "homicides_percent_change",
    ("extradition", "count"): "extraditions",
    ("merida_funding", "usd"): "merida_funding_allocated",
    ("weapons", "percent"): "firearms_origin_share",
    ("overdose", "count"): "overdose_deaths",
    ("overdose", "percent"): "overdose_deaths_opioids_share",
    ("overdose", "times"): "overdose_deaths_change",
}
