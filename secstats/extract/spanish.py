"""How a Spanish document places and names its numbers: the patterns the extractor reads Spanish with.

Numbers themselves (numerals by the document's separators, number words, "17 mil 258", "mil
millones") are read by ``secstats.core.written_numbers``, units and qualifier cues are declared in
``secstats.core.vocabulary``; here are the words around a number that say it is a date ("8 de abril"), a
period ("los primeros 6 meses", "semana 15"), a section ("artículo 21"), a name ("Escuadrón 201"), a
rank ("segundo lugar") or a fraction ("la mitad", "dos terceras partes"), and the periods a sentence
states ("de enero a marzo de 2025", "el año pasado").
"""

from __future__ import annotations

import re

MONTHS = "enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|octubre|noviembre|diciembre|setiembre"
MONTH_NUMBERS = {name: number for number, name in enumerate(MONTHS.split("|")[:12], start=1)} | {"setiembre": 9}
YEAR = r"(?:1[89]|20)\d\d"
SPACE = r"[\s\u00a0]+"

# Ordinal words 1-10 (text2num reads Spanish ordinals but not "segundo", also a unit of time).
ORDINALS = {
    "primer": 1,
    "primero": 1,
    "primera": 1,
    "segundo": 2,
    "segunda": 2,
    "tercer": 3,
    "tercero": 3,
    "tercera": 3,
    "cuarto": 4,
    "cuarta": 4,
    "quinto": 5,
    "quinta": 5,
    "sexto": 6,
    "sexta": 6,
    "séptimo": 7,
    "séptima": 7,
    "octavo": 8,
    "octava": 8,
    "noveno": 9,
    "novena": 9,
    "décimo": 10,
    "décima": 10,
}
# Fractions: the denominator of each word ("un tercio", "dos terceras partes", "la mitad").
DENOMINATORS = {"mitad": 2, "tercio": 3, "tercios": 3, "tercera": 3, "terceras": 3, "cuarto": 4, "cuartos": 4}
DENOMINATORS |= {"cuarta": 4, "cuartas": 4, "quinto": 5, "quintos": 5, "quinta": 5, "quintas": 5}
NUMERATORS = {"la": 1, "un": 1, "una": 1, "dos": 2, "tres": 3, "cuatro": 4}

WORD_ATOM = re.compile(  # matched in the lower-cased text; the lookahead lets the engine skip ahead
    r"(?=[lmudtcpsqón])(?:(?P<fraction>(?<!primera )(?<!segunda )\b(?:la\s+)?mitad\b(?=\s+de|\s*[,.;:])"
    r"|\b(?:un|dos|tres|cuatro)\s+(?:tercios?|cuartos?|quintos?)\b(?!\s+lugar)"
    r"|\b(?:una|la|dos|tres|cuatro)\s+(?:terceras?|cuartas?|quintas?)\s+partes?\b)"
    rf"|(?P<ordword>\b(?:{'|'.join(sorted(ORDINALS, key=len, reverse=True))})\b))",
)
RANK_AFTER = re.compile(r"^\s+(?:lugar|sitio|puesto)\b|^\s*(?:[,.;:]|$)", re.I)  # "segundo lugar", "en quinto."
# "el segundo estado del país con la mayor concentración": an ordinal before a superlative ranks
SUPERLATIVE_AFTER = re.compile(
    r"\s+[\wáéíóúñ]+(?:\s+del?\s+[\wáéíóúñ]+)?\s+(?:con|de)\s+(?:el|la|los|las)\s+(?:mayor|menor|más)\b", re.I
)
RANK_BEFORE = re.compile(r"\b(?:en|el|al|ocupa|ocupó|ocupaba)\s+\Z", re.I)
NUMERAL_ORDINAL = re.compile(r"^(?:º|°|ª|o\b|a\b|er\b|ro\b|do\b|to\b|vo\b|no\b)")  # "2º", "1er", "3a"

# Non-quantities: the words right after (or before) a numeral that place or name it.
DATE_AFTER = re.compile(rf"^(?:{SPACE}(?:al|y|a){SPACE}\d{{1,2}})?{SPACE}de{SPACE}(?:{MONTHS})\b", re.I)
DATE_BEFORE = re.compile(rf"\b(?:{MONTHS}){SPACE}\Z|\bsemana{SPACE}\Z|\bd[ií]a{SPACE}\Z", re.I)
PERIOD_AROUND = (
    re.compile(r"\b(?:primer[oa]s|[úu]ltim[oa]s|pr[óo]xim[oa]s|siguientes|pasad[oa]s|estos|estas)\s+\Z", re.I),
    re.compile(r"^\s+(?:días|meses|años|semanas|horas|trimestres|bimestres)\b", re.I),
)
PERIOD_AFTER = re.compile(r"^\s+(?:primer[oa]s|[úu]ltim[oa]s)\s+(?:días|meses|años|semanas)\b", re.I)  # "tres últimos meses"
SECTION_BEFORE = re.compile(
    r"\b(?:art[ií]culos?|art\.|fracci[oó]n|incisos?|apartados?|cap[ií]tulos?|t[ií]tulos?|secci[oó]n|p[aá]rrafos?|"
    r"numeral|anexos?|tablas?|cuadros?|gr[aá]ficas?|figuras?|ejes?|puntos?|pasos?|fases?|etapas?|l[aá]minas?|"
    r"p[aá]gs?\.|p[aá]ginas?)\s?\Z",
    re.I,
)
NAME_BEFORE = re.compile(r"\b(?:no\.|núm\.|número|ley|decreto|expediente|oficio|norma|nom)\s?\Z|[A-Za-z]-?\Z", re.I)
# A capitalised word right before a numeral names it ("Escuadrón 201", "Alfa 1") unless it starts the sentence.
CAPITALISED_BEFORE = re.compile(r"(?<=[\w,;:)]\s)[A-ZÁÉÍÓÚÑ][\wáéíóúñ]*\s\Z")
YEAR_QUANTITY_AFTER = re.compile(
    r"^(?:\s?%|\s(?:por\s?ciento|personas|elementos|efectivos|víctimas|homicidios|armas|kilos|litros|dosis|mil|millones)\b)", re.I
)

NOT_A_CUE = re.compile(r"\b(?:desde|entre)\b(?:[^.]|\.\d){0,80}\bhasta\s+\Z", re.I)  # "entre 1.1 ... hasta 1.7" is a span
ESTIMATE_IN_SENTENCE = re.compile(r"según\s+(?:algunas|varias|otras)?\s?estimaciones|se\s+estima\s+que", re.I)
FROM_BEFORE = re.compile(r"\b(?:de|del|desde|pasando\s+de)\s+(?:\S+\s+)?\Z", re.I)
BETWEEN_BEFORE = re.compile(r"\bentre\s+(?:el\s+|los\s+|las\s+)?\Z", re.I)
RANGE_JOIN = re.compile(r"\s?(?:-|–|—)\s?|\s(?:y|a|o)\s", re.I)
STOP_NOUNS = {
    *[
        "de",
        "del",
        "la",
        "el",
        "los",
        "las",
        "en",
        "y",
        "a",
        "al",
        "que",
        "por",
        "con",
        "para",
        "se",
        "fueron",
        "son",
        "es",
        "fue",
        "han",
        "ha",
        "sido",
        "más",
        "menos",
        "lo",
        "su",
        "sus",
        "un",
        "una",
        "o",
    ],
    *["como", "cada", "entre", "sobre", "este", "esta", "estos", "estas", "mil", "millones", "millón"],
}
NOUN_AFTER = re.compile(r"^(?:\s(?:[A-Za-zÀ-ÿ’'-]+))")

# Periods a sentence states; group names follow the English readers (a, b: years; m: a month).
SPAN = re.compile(
    rf"\b(?:entre|de|del|desde)\s+(?:el\s+)?(?:año\s+)?(?P<a>{YEAR})\s+(?:y|a|al|hasta)\s+(?:el\s+)?(?P<b>{YEAR})\b", re.I
)
DASHED_SPAN = re.compile(rf"(?P<a>{YEAR})\s?[-–]\s?(?P<b>{YEAR}|\d\d)\b(?![-–])")
MONTH_SPAN = re.compile(
    rf"\b(?:de|desde|entre)\s+(?P<m1>{MONTHS})\s+(?:(?:de(?:l)?\s+)?(?P<y1>{YEAR})\s+)?(?:a|al|y|hasta)\s+"
    rf"(?P<m2>{MONTHS})\s+(?:de(?:l)?\s+)?(?P<a>{YEAR})\b",
    re.I,
)
SINCE = re.compile(rf"\bdesde\s+(?:el\s+)?(?:año\s+)?(?P<a>{YEAR})\b", re.I)
MONTH = re.compile(rf"\b(?P<m>{MONTHS})\s+(?:de(?:l)?\s+)?(?P<a>{YEAR})\b", re.I)
IN_YEAR = re.compile(rf"\b(?:en|durante|de|del|para|al)\s+(?:el\s+)?(?:año\s+)?(?P<a>{YEAR})\b", re.I)
RECENT = re.compile(r"\b(?:los\s+)?(?:últimos|pasados)\s+(?P<n>\d+|[a-záéíóúñ]+)\s+(?P<u>años|meses|días)\b", re.I)
FIRST_DAYS = re.compile(r"\blos\s+primeros\s+(?P<n>\d+|[a-záéíóúñ]+)\s+(?P<u>días|meses)\b", re.I)
LAST_YEAR = re.compile(r"\bel\s+año\s+pasado\b", re.I)
SO_FAR = re.compile(r"\ben\s+lo\s+que\s+va\s+(?:del?\s+)?(?:la\s+)?(?P<what>año|sexenio|gobierno|administración)\b", re.I)
