"""The numbers a sentence writes, read exactly as written: numerals, number words and scale words.

The number-word vocabulary (``UNITS``, ``TENS``, ``LARGE_SCALES``) lives here, for the ledger check
and for the extractor (``secstats.extract.quantities``) alike, and so does the reading of Spanish: the language
and the separators of a document, Spanish number words (read by the ``text2num`` library, which knows
Spanish number grammar: "doscientas cincuenta y ocho mil"), and the scale words that join numerals
("17 mil 258" is 17,258; "27 mil 118 millones" is 27,118,000,000; a Spanish "billón" is 10^12).
Both the ledger check and the extractor read a document through these, so they never disagree.

A number is read whole: "one hundred one" is 101 (not 1, 100 or 101 separately), "USD$2.8 billion" is
2,800,000,000 and nothing else, "two decades" is 20. Values are ``Decimal``s, so a stated value is
compared with the written number at that number's own precision: 2,800,000,002 is not "2.8 billion".
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from text_to_num import find_numbers

# Words that multiply the number before them ("2.8 billion", "two decades" = 20 years).
SCALES = {
    "thousand": Decimal(10) ** 3,
    "million": Decimal(10) ** 6,
    "billion": Decimal(10) ** 9,
    "trillion": Decimal(10) ** 12,
    "decades": Decimal(10),
    "decade": Decimal(10),
    # cited sources in Spanish ("25.4 millones de personas", "un millón")
    "millones": Decimal(10) ** 6,
    "mil": Decimal(10) ** 3,  # "36 mil 476" is 36476
    "millón": Decimal(10) ** 6,
}
UNITS = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
}
TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
LARGE_SCALES = {"thousand": 10**3, "million": 10**6, "billion": 10**9, "trillion": 10**12}
# Words that stand for a number on their own and do not combine with others.
SINGLE_WORDS = {
    "dozen": 12,
    "once": 1,
    "twice": 2,
    "double": 2,
    "doubled": 2,
    "triple": 3,
    "tripled": 3,
    "half": "0.5",
    "decade": 10,
    "quarter-century": 25,
    "hundred": 100,
    "first": 1,
    "second": 2,
    "third": 3,
    "fourth": 4,
    "fifth": 5,
}
# A numeral (optional thousands separators and decimals) or a word, possibly hyphenated.
TOKEN = re.compile(r"(?<![\w.])\d{1,3}(?:,\d{3})+(?:\.\d+)?|(?<![\w.])\d+(?:\.\d+)?|[A-Za-z]+(?:-[A-Za-z]+)*")

# --- a document's language and separators ----------------------------------------------------------

# Words that are frequent in one language and rare in the other: the language is the one whose words
# the document uses more (ties go to English, the language of most registered documents).
LANGUAGE_WORDS = {
    "en": re.compile(r"\b(?:the|of|and|to|that|is|for|with|which|were)\b", re.I),
    "es": re.compile(r"\b(?:el|la|los|las|del|que|por|con|para|una|fueron|entre)\b", re.I),
}
COMMA_THOUSANDS, POINT_THOUSANDS = "comma_thousands", "point_thousands"
DECIMAL = {  # convention -> a numeral whose separator can only be a decimal one in it (1 or 2 digits after)
    COMMA_THOUSANDS: re.compile(r"(?<![\d.,])\d+\.\d{1,2}(?![\d]|[.,]\d)"),
    POINT_THOUSANDS: re.compile(r"(?<![\d.,])\d+,\d{1,2}(?![\d]|[.,]\d)"),
}
GROUPS = {  # convention -> a numeral in groups of three digits
    COMMA_THOUSANDS: re.compile(r"(?<![\d.,])\d{1,3}(?:,\d{3})+(?![\d]|[.,]\d)"),
    POINT_THOUSANDS: re.compile(r"(?<![\d.,])\d{1,3}(?:\.\d{3})+(?![\d]|[.,]\d)"),
}


def language_of(text: str) -> str:
    """'es' or 'en': the language whose common words the document's first 20,000 characters use more."""
    sample = text[:20_000]
    counts = {language: len(words.findall(sample)) for language, words in LANGUAGE_WORDS.items()}
    return "es" if counts["es"] > counts["en"] else "en"


def separators_of(text: str) -> str:
    """How the document writes thousands: 'comma_thousands' (33,341 and 3.5, as U.S. and Mexican texts
    do) unless it writes decimal commas ("3,5 por ciento"), or, with no decimal of either kind, more
    numbers grouped by points ("27.199") than by commas, as Spanish wire stories do."""
    point_decimals = len(DECIMAL[COMMA_THOUSANDS].findall(text))
    comma_decimals = len(DECIMAL[POINT_THOUSANDS].findall(text))
    if comma_decimals > point_decimals:
        return POINT_THOUSANDS
    if comma_decimals == point_decimals == 0 and len(GROUPS[POINT_THOUSANDS].findall(text)) > len(
        GROUPS[COMMA_THOUSANDS].findall(text)
    ):
        return POINT_THOUSANDS
    return COMMA_THOUSANDS


def numeral_text_value(written: str, separators: str = COMMA_THOUSANDS) -> Decimal:
    """A numeral read by the document's convention: '27.199' is 27199 with point thousands, '3,5' 3.5."""
    if separators == POINT_THOUSANDS:
        return Decimal(written.replace(".", "").replace(",", "."))
    return Decimal(written.replace(",", ""))


# --- Spanish -----------------------------------------------------------------------------------------

SPANISH_NUMERAL = {  # convention -> a numeral with its separators
    COMMA_THOUSANDS: re.compile(r"(?<![\w.,])\d{1,3}(?:,\d{3})+(?:\.\d+)?(?!\d|,\d)|(?<![\w.,])\d+(?:\.\d+)?(?![\d])"),
    POINT_THOUSANDS: re.compile(r"(?<![\w.,])\d{1,3}(?:\.\d{3})+(?:,\d+)?(?!\d|\.\d)|(?<![\w.,])\d+(?:,\d+)?(?![\d])"),
}
# The words text2num is asked about: a cheap gate, so the library reads only runs of number words.
SPANISH_NUMBER_WORD = (
    r"(?:uno|una|un|dos|tres|cuatro|cinco|seis|siete|ocho|nueve|diez|once|doce|trece|catorce|quince|dieci\w+|veint\w*|"
    r"treinta|cuarenta|cincuenta|sesenta|setenta|ochenta|noventa|(?<!por )(?<!por\u00a0)cien(?:to)?|doscient[oa]s|trescient[oa]s|"
    r"cuatrocient[oa]s|quinient[oa]s|seiscient[oa]s|setecient[oa]s|ochocient[oa]s|novecient[oa]s|mil|millón|millones)"
)
# Matched in the lower-cased text; the lookahead lets the engine skip to a possible first letter.
SPANISH_WORD_RUN = re.compile(rf"\b(?=[udtcsonqvmb])(?:{SPANISH_NUMBER_WORD}(?:\s+(?:y\s+)?{SPANISH_NUMBER_WORD})*)\b")
SPANISH_TOKEN = re.compile(r"\S+")
SPACE = r"[ \u00a0]+"
# After a number: "mil" (and what it adds: "17 mil 258"), then "millones"/"billones" ("27 mil 118 millones").
SPANISH_THOUSANDS = re.compile(rf"{SPACE}mil\b(?!{SPACE}mill)")
SPANISH_ADDED = re.compile(rf"{SPACE}(\d{{1,3}})(?![\d]|[.,]\d)")
SPANISH_LARGE = re.compile(rf"{SPACE}(?:(mil){SPACE})?(millones|millón|billones|billón)\b", re.I)
SPANISH_LARGE_SCALES = {"millones": 10**6, "millón": 10**6, "billones": 10**12, "billón": 10**12}


@dataclass(frozen=True)
class WordToken:
    """A word as text2num's ``find_numbers`` reads tokens."""

    word: str

    def text(self) -> str:
        return self.word

    def nt_separated(self, previous: object) -> bool:
        return False

    def not_a_number_part(self) -> bool:
        return False


@functools.lru_cache(maxsize=4096)
def read_spanish_run(run: str) -> tuple[tuple[int, int, int], ...]:
    """(start, end, value) of each number a run of Spanish number words spells, offsets in the run:
    'cinco y seis' is two numbers, 'doscientas cincuenta y ocho mil' one."""
    tokens = list(SPANISH_TOKEN.finditer(run))
    found = []
    for occurrence in find_numbers([WordToken(token.group(0)) for token in tokens], "es", 0.0):
        if occurrence.is_ordinal:
            continue
        start, end = tokens[occurrence.start].start(), tokens[occurrence.end - 1].end()
        found.append((start, end, int(occurrence.value)))
    return tuple(found)


def spanish_words(text: str) -> list[tuple[int, int, int]]:
    """(start, end, value) of every number written in Spanish words in ``text``."""
    found = []
    lower = text.lower()
    runs = SPANISH_WORD_RUN.finditer(lower if len(lower) == len(text) else text)  # lower-casing keeps offsets
    for run in runs:
        found += [(run.start() + start, run.start() + end, value) for start, end, value in read_spanish_run(run.group(0).lower())]
    return found


def spanish_scaled(text: str, end: int, value: Decimal, ends_in_mil: bool = False) -> tuple[Decimal, int]:
    """The whole number a Spanish number starts, with its scale words, and where it ends: after 17,
    " mil 258" makes 17,258; after 4.5, " millones" 4,500,000; after "mil", " 168" makes 1,168."""
    thousands = SPANISH_THOUSANDS.match(text, end)
    if thousands:
        value, end, ends_in_mil = value * 1000, thousands.end(), True
    if ends_in_mil and (added := SPANISH_ADDED.match(text, end)):
        value, end = value + int(added.group(1)), added.end()
    large = SPANISH_LARGE.match(text, end)
    if large:
        factor = SPANISH_LARGE_SCALES[large.group(2).lower()] * (1000 if large.group(1) else 1)
        value, end = value * factor, large.end()
    return value, end


def spanish_numbers_in(text: str, separators: str) -> set[Decimal]:
    """Every number a reader of Spanish sees in ``text``, each read whole with its scale words (the
    17 and the 258 of "17 mil 258" are one number, not three)."""
    starts = [
        (m.start(), m.end(), numeral_text_value(m.group(0), separators), False)
        for m in SPANISH_NUMERAL[separators].finditer(text)
    ]
    starts += [(start, end, Decimal(value), text[start:end].lower().endswith("mil")) for start, end, value in spanish_words(text)]
    found, read_to = set(), 0
    for start, end, value, ends_in_mil in sorted(starts, key=lambda item: item[0]):
        if start < read_to:
            continue
        number, read_to = spanish_scaled(text, end, value, ends_in_mil)
        found.add(number)
    return found


DOTTED_THOUSANDS = re.compile(r"^\d{1,3}(?:\.\d{3})+$")  # Spanish thousands separators


def cardinal_parts(word: str) -> list[int] | None:
    """'twenty-five' -> [20, 5]; 'four-way' -> [4]; 'nine' -> [9]; a non-number word -> None."""
    parts = word.split("-")
    values = [UNITS.get(part, TENS.get(part)) for part in parts]
    if values[0] is None:
        return None
    if len(parts) == 2 and parts[0] in TENS and parts[1] in UNITS:
        return [values[0], UNITS[parts[1]]]
    if len(parts) == 2 and parts[0] in UNITS and parts[1] == "hundred":
        return [values[0] * 100, 0]  # "one-hundred" is 100, as "one hundred" (two parts: the number goes on)
    return [values[0]]  # "four-way": the number is the first part


def read_words(words: list[str]) -> tuple[Decimal, int] | None:
    """The cardinal number a run of number words spells from its start ('one hundred and one' is
    101), with how many words it took; None when the first word is no cardinal."""
    total, current, taken, last = 0, 0, 0, None  # last: the kind of the previous word
    while taken < len(words):
        word, parts = words[taken], cardinal_parts(words[taken])
        following = words[taken + 1] if taken + 1 < len(words) else ""
        if parts is not None:
            kind = "tens" if word in TENS else "unit"
            if last == "unit" or (last == "tens" and (kind == "tens" or sum(parts) >= 10)):
                break  # "five six", "twenty thirty": separate numbers
            current, last = current + sum(parts), kind
            if "-" in word and len(parts) == 1:
                taken += 1
                break  # "four-way": the number ends with its first part
        elif word == "hundred" and last in ("unit", "tens"):
            current, last = current * 100, "hundred"
        elif word in LARGE_SCALES and last in ("unit", "tens", "hundred"):
            total, current, last = total + current * LARGE_SCALES[word], 0, "scale"
        elif word == "and" and last in ("hundred", "scale") and cardinal_parts(following) is not None:
            pass  # "one hundred and one"
        else:
            break
        taken += 1
    if last is None:
        return None
    return Decimal(total + current), taken


def numeral(token: str) -> Decimal:
    """'2,800' -> 2800; '2.8' -> 2.8 (exactly)."""
    return Decimal(token.replace(",", ""))


def numbers_in(text: str) -> set[Decimal]:
    """Every number a reader sees in ``text``, each read whole with its scale word."""
    tokens = TOKEN.findall(text)
    lowered = [token.lower() for token in tokens]
    found: set[Decimal] = set()
    position = 0
    while position < len(tokens):
        token = lowered[position]
        if token[0].isdigit():
            number, used = numeral(token), 1
        elif (spelled := read_words(lowered[position:])) is not None:
            number, used = spelled
        elif (word := token if token in SINGLE_WORDS else token.split("-")[0]) in SINGLE_WORDS:
            number, used = Decimal(str(SINGLE_WORDS[word])), 1  # "second-to-last" is 2
        else:
            position += 1
            continue
        following = lowered[position + used] if position + used < len(tokens) else ""
        if following in SCALES:
            number, used = number * SCALES[following], used + 1
            rest = lowered[position + used] if position + used < len(tokens) else ""
            if following == "mil" and rest.isdigit() and int(rest) < 1000:
                found.add(number)  # "36 mil" alone, and "36 mil 476" read whole
                number, used = number + int(rest), used + 1
        elif DOTTED_THOUSANDS.match(token):  # "27.199" in a Spanish source is 27199 (or 27.199 in English)
            found.add(Decimal(token.replace(".", "")))
        found.add(number)
        position += used
    return found


def as_decimal(value: object) -> Decimal | None:
    """A value (text as written in the ledger, or a number) as an exact Decimal; None if it is not one."""
    try:
        number = Decimal(str(value).strip())
    except (InvalidOperation, ValueError):
        return None
    return number if number.is_finite() else None


def is_written_in(value: object, quote: str, language: str = "en", separators: str = COMMA_THOUSANDS) -> bool:
    """True when ``value`` equals one of the numbers written in ``quote``, exactly, read as its
    document writes numbers (``language_of`` and ``separators_of`` the document)."""
    number = as_decimal(value)
    if number is None:
        return False
    if language == "es":
        return number in spanish_numbers_in(quote, separators)
    return number in numbers_in(quote)
