"""Candidate ledger rows from a document: every quantity it states, with value, unit, qualifier,
the shortest verbatim quote and its exact offset, a period guess and a family guess.

Regular expressions are enough: a number is found once (numerals, number words, scale words,
ranges), then the few characters around it decide what it is. Numbers that only place or name
something (years, dates, times, endnote markers, page and section numbers, ordinals, names with
digits, and the numbers of URLs and of the reference apparatus) are not quantities: they are kept
with their ``kind`` so ``--all`` can list them, and are never proposed as claims.

English and Spanish are read: the language and the thousands separator are decided per document
(``written_numbers.language_of``, ``separators_of``), a ``Language`` holds the words each language puts
around a number, ``secstats.extract.spanish`` the Spanish ones, ``secstats.core.vocabulary`` the cues and unit words
of both, and Spanish number words are read by text2num (``written_numbers.spanish_words``).

Everything works on the decoded text, so offsets count characters exactly as the ledger's
``quote_start`` does (accents, curly quotes and non-breaking spaces are one character each).
"""

from __future__ import annotations

import bisect
import functools
import operator
import re
from dataclasses import dataclass, field
from decimal import Decimal

import pandas as pd

from secstats.core import vocabulary
from secstats.core.schemas import ClaimsLedger
from secstats.core.written_numbers import (
    COMMA_THOUSANDS,
    LARGE_SCALES,
    POINT_THOUSANDS,
    TENS,
    UNITS,
    language_of,
    numeral_text_value,
    separators_of,
    spanish_scaled,
    spanish_words,
)
from secstats.extract import spanish
from secstats.extract.family_guess import CLAUSE_END, RULE_CONFIDENCE, family_rule, guess_geography, guess_measure

QUANTITY = "quantity"
# "word": a number word that counts nothing ("one of", "the last one", "once again").
# "period": a number that only says how long a period is ("los primeros 6 meses").
NON_QUANTITY_KINDS = (
    "year",
    "date",
    "period",
    "time",
    "endnote",
    "page",
    "section",
    "ordinal",
    "name",
    "word",
    "url",
    "citation",
)

UNITS_WORDS = UNITS  # number word -> value; "a third" and friends are read by FRACTIONS
TENS_WORDS = TENS
# Words that are a count or a multiple by themselves ("twice" is 2 times, "once a year" is 1).
SELF_COUNTING = {
    "once": (1, "count"),
    "twice": (2, "times"),
    "thrice": (3, "times"),
    "double": (2, "times"),
    "doubled": (2, "times"),
    "triple": (3, "times"),
    "tripled": (3, "times"),
    "quadrupled": (4, "times"),
    "dozen": (12, "count"),
    "half": (0.5, "fraction"),
    "twofold": (2, "times"),
    "threefold": (3, "times"),
    "fourfold": (4, "times"),
    "fivefold": (5, "times"),
    "tenfold": (10, "times"),
    "hundredfold": (100, "times"),
}
FRACTIONS = {"half": 2, "third": 3, "thirds": 3, "quarter": 4, "quarters": 4, "fifth": 5, "fifths": 5}
ORDINAL_WORDS = {
    "first": 1,
    "second": 2,
    "third": 3,
    "fourth": 4,
    "fifth": 5,
    "sixth": 6,
    "seventh": 7,
    "eighth": 8,
    "ninth": 9,
    "tenth": 10,
    "eleventh": 11,
    "twelfth": 12,
}
SPANS = {"decade": 10, "quarter-century": 25, "half-century": 50, "century": 100}  # a bare "decade" is 10 years
SPAN_COUNTED = re.compile(r"\b(?:last|past|next|previous|a|one|over a|than a|almost a|nearly a)\s\Z", re.I)
SCALES = {word: float(factor) for word, factor in LARGE_SCALES.items()}
SCALES["hundred"] = 100

_BASIC = "|".join(sorted([*UNITS_WORDS, *TENS_WORDS], key=len, reverse=True))
NUMBER_WORD = (
    rf"(?:{'|'.join(TENS_WORDS)})(?:[-\s](?:{'|'.join(k for k in UNITS_WORDS if 0 < UNITS_WORDS[k] < 10)}))?"
    rf"|{_BASIC}"
)
MONTHS = (
    "january|february|march|april|may|june|july|august|september|october|november|december|"
    r"jan\.|feb\.|mar\.|apr\.|jun\.|jul\.|aug\.|sept?\.|oct\.|nov\.|dec\."
)
SUPERSCRIPTS = "⁰¹²³⁴⁵⁶⁷⁸⁹"

# Two scans find every number-like token: numerals and marks, then number words. Within each, the
# order of the alternatives settles overlaps. Words are matched in the lower-cased text (a
# case-insensitive pattern is several times slower) whenever lower-casing keeps every offset.
NUMERAL = {  # convention -> a numeral with its separators (secstats.core.written_numbers.separators_of)
    COMMA_THOUSANDS: r"\d{1,3}(?:,\d{3})+(?:\.\d+)?(?!\d|,\d)|\d+(?:\.\d+)?",  # "36,000, se" is 36000
    POINT_THOUSANDS: r"\d{1,3}(?:\.\d{3})+(?:,\d+)?(?!\d|\.\d)|\d+(?:,\d+)?",
}
NUMERIC_ATOMS = {  # the lookahead lets the engine skip to the next possible first character
    separators: re.compile(
        rf"(?=[\d{SUPERSCRIPTS}\^\[])(?:(?P<endnote>[{SUPERSCRIPTS}]+(?:,\s?[{SUPERSCRIPTS}]+)*|\^\{{[\d,\s]+\}}|\[\d+(?:[,–-]\s?\d+)*\])"
        r"|(?P<date>\b\d{4}-\d{2}-\d{2}\b|\b\d{1,2}/\d{1,2}(?:/\d{2,4})?\b)"
        r"|(?P<time>\b\d{1,2}:\d{2}(?::\d{2})?(?:\s?[AaPp]\.?[Mm]\b\.?)?|\b\d{1,2}\s?[ap]\.m\.)"
        r"|(?P<yeardot>\b(?:1[89]|20)\d\d(?=\.\d{1,3}\b))"
        rf"|(?P<num>{numeral})(?P<ord>st|nd|rd|th|º|°|ª|er\b|ro\b|do\b|to\b|vo\b)?(?P<decade>s\b)?)"
    )
    for separators, numeral in NUMERAL.items()
}
WORD_ATOM_PATTERN = (
    rf"(?P<fraction>\b(?:a|one|two|three)[-\s](?:{'|'.join(FRACTIONS)})\b)"
    r"|(?P<rank>\b(?:second|third|fourth|fifth)-to-last\b)"
    r"|(?P<span>\b(?:decade|quarter-century|half-century|century)\b)"
    r"|(?P<scaled>\ba[\s-](?:hundred|thousand|million|billion|dozen)\b)"
    r"|(?P<one_unit>\ba\s(?:year|month|week)\b)"
    rf"|(?P<word>\b(?:{NUMBER_WORD}|{'|'.join(SELF_COUNTING)})\b(?:[-\s]hundred\b)?)"
    rf"|(?P<ordword>\b(?:{'|'.join(ORDINAL_WORDS)})\b)"
)
WORD_ATOM = re.compile(rf"\b(?=[otfsenhdzaqc])(?:{WORD_ATOM_PATTERN})")  # first letters of every word above
WORD_ATOM_ANY_CASE = re.compile(WORD_ATOM_PATTERN, re.IGNORECASE)


class SpanishWords:
    """A number written in Spanish words ("diecisiete mil doscientos"), read by text2num: an atom like
    the regular expressions' matches, with its value."""

    __slots__ = ("begin", "finish", "value", "written")
    lastgroup = "esword"

    def __init__(self, begin: int, finish: int, written: str, value: int) -> None:
        self.begin, self.finish, self.written, self.value = begin, finish, written, value

    def start(self) -> int:
        return self.begin

    def end(self) -> int:
        return self.finish

    def span(self) -> tuple[int, int]:
        return self.begin, self.finish

    def group(self, name: int | str = 0) -> str | None:
        return self.written if name == 0 else None


START = operator.methodcaller("start")


SCALE_FOLLOWS = re.compile(r"\s+(?:billón|billones|mil)\b", re.I)  # "un billón": text2num reads no "billón"


def is_article(text: str, start: int, end: int) -> bool:
    """A lone "un"/"una" that counts nothing ("un total de"): no number at all, so not even listed by
    ``--all``; "un millón", "una tonelada y media", "un año" are kept for the scanner to read."""
    lone = end - start <= 3 and text[start:end].lower() in ("un", "una")
    return lone and not SCALE_FOLLOWS.match(text, end) and unit_after(text, end, "es")[0] == "count"


def atoms_of(text: str, language: str = "en", separators: str = COMMA_THOUSANDS) -> list:
    """Every number-like token of ``text``, in order of position."""
    numerals = NUMERIC_ATOMS[separators].finditer(text)
    if language == "es":
        spelled = [
            SpanishWords(start, end, text[start:end], value)
            for start, end, value in spanish_words(text)
            if not is_article(text, start, end)
        ]
        lower = text.lower()
        words = spanish.WORD_ATOM.finditer(lower if len(lower) == len(text) else text)
        return sorted([*numerals, *words, *spelled], key=START)  # stable: numerals first at a shared start
    lower = text.lower()
    words = WORD_ATOM.finditer(lower) if len(lower) == len(text) else WORD_ATOM_ANY_CASE.finditer(text)
    return sorted([*numerals, *words], key=START)


SCALE_AFTER = re.compile(r"(?:\s|-)(thousand|million|billion|trillion)\b", re.IGNORECASE)
UNIT_AFTER = {  # language -> [(pattern right after the number and scale, unit, factor)]: secstats.core.vocabulary
    language: [(re.compile(pattern, re.I), unit, factor) for pattern, unit, factor in words]
    for language, words in vocabulary.UNIT_WORDS.items()
}
# The same words as one alternation per language: one match instead of one per unit, and the first
# alternative that matches wins, as in the list.
UNIT_ANY = {
    language: re.compile("|".join(f"(?P<u{index}>{pattern.pattern})" for index, (pattern, _, _) in enumerate(words)), re.I)
    for language, words in UNIT_AFTER.items()
}
FOLD_AFTER = re.compile(r"-?fold\b", re.I)  # "10-fold": a multiple
CURRENCY_BEFORE = re.compile(r"(?:(?:USD|US|U\.S\.)\s?\\?\$|\\?\$|USD\s|US\$)\s?\Z")
WHITE = r"\s+"
QUALIFIER_CUES = vocabulary.QUALIFIER_CUES
ARTICLES = {"en": r"the", "es": r"el|la|los|las|un|una"}  # between a cue and its number: "más de la mitad"
CUE_BEFORE = {  # a space in a cue is any run of white space (non-breaking spaces included); matched in lower case
    language: re.compile(
        r"(?P<cue>\b(?:"
        + "|".join(f"(?P<{q}>{pattern.replace(' ', WHITE)})" for q, pattern in cues)
        + rf"))\s+(?:(?:{ARTICLES[language]})\s+)?\Z",
    )
    for language, cues in QUALIFIER_CUES.items()
}
# The words a cue (or the article after it) can end with: a window that ends otherwise holds no cue,
# and skipping the search there is most of the cost of reading cues.
CUE_LAST_WORDS = {
    language: frozenset(
        [alternative.rsplit(" ", 1)[-1].replace("\\.", ".") for _, pattern in cues for alternative in pattern.split("|")]
        + ARTICLES[language].split("|")
    )
    for language, cues in QUALIFIER_CUES.items()
}
# Cue words that are something else: part of a verb ("went up to"), a preposition ("based ... around").
NOT_A_CUE = re.compile(
    r"\b(?:went|gone|goes|go|rose|risen|climbed|jumped|grew|increased|moved)\s+up to\s+\Z"
    r"|\b(?:based|built|centered|centred|organized|structured)\b[^.]{0,40}\baround\s+\Z",
    re.I,
)
ESTIMATE_IN_SENTENCE = re.compile(r"according to (?:some|several|other|many)? ?estimates", re.I)
FROM_BEFORE = re.compile(r"\bfrom\s+(?:\S+\s+)?\Z", re.I)
BETWEEN_BEFORE = re.compile(r"\bbetween\s+(?:the\s+)?\Z", re.I)
RANGE_JOIN = re.compile(r"\s?(?:-|–|—)\s?|\s(?:and|to)\s", re.I)
URL = re.compile(r"(?:https?://|www\.)\S+|\S+\.(?:com|org|gov|edu|mx|net)/\S*", re.I)
APPARATUS_HEADING = re.compile(r"^\s*(?:endnotes|notes|references|bibliography|works cited|sources)\s*:?\s*$", re.I | re.M)
SECTION_BEFORE = re.compile(
    r"(?:\b(?:sections?|sec\.|chapter|article|art\.|title|part|annex|appendix|figure|fig\.|table|box|step|phase|"
    r"recommendation|pillar|goal|objective|item|paragraph|para\.|point|point number)|§)\s?\Z",
    re.I,
)
PAGE_BEFORE = re.compile(r"(?:\bpp?\.|\bpages?)\s?\Z", re.I)
NAME_BEFORE = re.compile(
    r"(?:\b(?:no\.|núm\.|num\.|number|vol\.|volume|issue|report|resolution|law|order|eo|e\.o\.|h\.r\.|"
    r"executive order|public law|p\.l\.|act of|rule|code|form)\s?|[A-Za-z]-?)\Z",
    re.I,
)
GLUED_UNIT = re.compile(r"^(?:mg|kg|km|lbs?)\b")
MONTH_BEFORE = re.compile(rf"\b(?:{MONTHS})\s?(?:\d{{1,2}},?\s)?\Z", re.I)
MONTH_AFTER = re.compile(rf"^\s?(?:{MONTHS})", re.I)
FISCAL_BEFORE = re.compile(r"\b(?:FY|fiscal\s+years?|fiscal)\s?\Z", re.I)
YEAR_BEFORE = re.compile(r"(?:1[89]|20)\d\d\s?[-–/]\s?\Z")
STOP_NOUNS = {
    "the",
    "of",
    "in",
    "and",
    "to",
    "a",
    "an",
    "for",
    "from",
    "by",
    "with",
    "on",
    "at",
    "as",
    "or",
    "than",
    "that",
    "which",
    "who",
    "were",
    "was",
    "are",
    "is",
    "have",
    "has",
    "had",
    "be",
    "been",
    "more",
    "this",
    "these",
    "those",
    "its",
    "their",
    "his",
    "her",
    "out",
    "per",
    "each",
    "year",
}
NOUN_AFTER = re.compile(r"^(?:\s(?:[A-Za-zÀ-ÿ’'-]+))(?:\s(?:[a-zà-ÿ’'-]+))?")


@dataclass(frozen=True)
class Language:
    """The words around a number that one language uses: cues, range words, sections and names."""

    code: str
    cue_before: re.Pattern
    not_a_cue: re.Pattern
    estimate: re.Pattern
    from_before: re.Pattern
    between_before: re.Pattern
    range_join: re.Pattern
    section_before: re.Pattern
    name_before: re.Pattern
    stop_nouns: frozenset[str]
    noun_after: re.Pattern


LANGUAGES = {
    "en": Language(
        "en",
        CUE_BEFORE["en"],
        NOT_A_CUE,
        ESTIMATE_IN_SENTENCE,
        FROM_BEFORE,
        BETWEEN_BEFORE,
        RANGE_JOIN,
        SECTION_BEFORE,
        NAME_BEFORE,
        frozenset(STOP_NOUNS),
        NOUN_AFTER,
    ),
    "es": Language(
        "es",
        CUE_BEFORE["es"],
        spanish.NOT_A_CUE,
        spanish.ESTIMATE_IN_SENTENCE,
        spanish.FROM_BEFORE,
        spanish.BETWEEN_BEFORE,
        spanish.RANGE_JOIN,
        spanish.SECTION_BEFORE,
        spanish.NAME_BEFORE,
        frozenset(spanish.STOP_NOUNS),
        spanish.NOUN_AFTER,
    ),
}


@dataclass
class Candidate:
    """One number found in a document: a quantity (a candidate claim) or a non-quantity with its kind."""

    kind: str
    text: str  # the number as written
    start: int  # offset of the number itself
    end: int
    value: float | None = None
    value_high: float | None = None
    unit: str = "count"
    qualifier: str = "exact"
    quote: str = ""
    quote_start: int = 0
    period_start: str = ""
    period_end: str = ""
    period_type: str = ""
    year_basis: str = "calendar"
    family: str = "other"
    measure: str = ""
    confidence: float = 0.0
    geography: str = ""
    note: str = ""
    parts: list[tuple[int, int]] = field(default_factory=list)
    separators: str = ""  # how a numeral with separators was read: the document's convention
    family_rule: str = ""  # which rule of secstats.extract.family_guess decided the family


def numeral_value(text: str, separators: str = COMMA_THOUSANDS) -> float:
    """A numeral read by the document's separators ('1,988' -> 1988.0; '27.199' with point thousands -> 27199.0)."""
    return float(numeral_text_value(text, separators))


def word_value(word: str) -> float | None:
    """The number a number word stands for ('twenty-five' -> 25, 'two hundred' -> 200)."""
    word = word.lower()
    hundreds = re.search(r"[-\s]hundred\Z", word)
    if hundreds:
        base = word_value(word[: hundreds.start()])
        return None if base is None else base * 100
    if word == "hundred":
        return 100
    if word in SELF_COUNTING:
        return SELF_COUNTING[word][0]
    parts = re.split(r"[-\s]", word)
    total = 0.0
    for part in parts:
        if part in UNITS_WORDS:
            total += UNITS_WORDS[part]
        elif part in TENS_WORDS:
            total += TENS_WORDS[part]
        else:
            return None
    return total


@dataclass
class Context:
    """The document and what is computed once per document: sentence bounds, URL spans, the apparatus."""

    text: str
    published: int | None
    sentence_starts: list[int]
    urls: list[tuple[int, int]]
    apparatus_start: int
    language: Language
    separators: str

    @classmethod
    def of(cls, text: str, published: int | None, language: str | None = None) -> Context:
        starts = [0] + [m.end() for m in re.finditer(r"[.!?][\"”’)]?\s+(?=[A-ZÁÉÍÓÚÑ“\"¿¡(—])|\n\s*", text)]
        heading = APPARATUS_HEADING.search(text, len(text) // 3)  # a heading in the body is not the apparatus
        return cls(
            text,
            published,
            starts,
            [m.span() for m in URL.finditer(text)],
            heading.start() if heading else len(text),
            LANGUAGES[language or language_of(text)],
            separators_of(text),
        )

    def sentence(self, position: int) -> tuple[int, int]:
        """Bounds of the sentence holding ``position``."""
        index = bisect.bisect_right(self.sentence_starts, position) - 1
        start = self.sentence_starts[index]
        end = self.sentence_starts[index + 1] if index + 1 < len(self.sentence_starts) else len(self.text)
        return start, end

    def in_url(self, position: int) -> bool:
        index = bisect.bisect_right(self.urls, (position, len(self.text))) - 1
        return index >= 0 and self.urls[index][0] <= position < self.urls[index][1]


def kind_of_numeral(match: re.Match, context: Context) -> str:
    """What a numeral is, from the characters around it: a quantity or one of NON_QUANTITY_KINDS."""
    text, start, end = context.text, match.start(), match.end()
    number = match.group("num")
    before = text[max(0, start - 30) : start]
    after = text[end : end + 30]
    if context.in_url(start):
        return "url"
    if start >= context.apparatus_start:
        return "citation"
    if match.group("decade"):
        return "year"  # "the 1990s"
    if match.group("ord"):
        if context.language.code == "es":
            return QUANTITY if spanish.RANK_AFTER.match(after) and not re.match(r"^\s*[,.;:]", after) else "ordinal"
        return QUANTITY if re.search(r"\brank(?:s|ed)?\s\Z", before, re.I) else "ordinal"
    if ":" in before and re.search(r"\d:\d\d(?::\d\d)?\s?[-+]\Z", before):
        return "time"  # a time zone: "18:09:00 -0500"
    if AGO_AFTER.match(after) or ("ace" in before and re.search(r"(?<!desde )\bhace\s\Z", before, re.I)):
        return "date"  # "two years ago", "hace 2 años": when, not how long
    if context.language.code == "es" and (kind := spanish_numeral_kind(number, before, after)):
        return kind
    if PAGE_BEFORE.search(before) or (before.endswith("\t") and re.match(r"^[ \t]*(?:\n|$)", after)):
        return "page"  # "pp. 12", and a table of contents' page column
    if (re.match(r"^[.)]\s", after) or (re.match(r"^\s[A-Z]", after) and "." in number)) and re.search(
        r"(?:^|\n)\s*(?:[-*•]\s)?\(?\Z", before
    ):
        return "section"  # list numbering and headings: "1. Create", "- 1) Coordination", "3.1 Crisis"
    if re.match(r"^\)\s[A-Za-z]", after) and re.search(r"[(;,\"“:]\s?\Z", before) and number.isdigit() and int(number) < 20:
        return "section"  # inline numbering: "(1) aligning", "; 2) Institutional", ': "1) Combating'
    if re.fullmatch(r"\d+\.0", number) and re.search(r"[A-Z]\w+\s\Z", before):
        return "name"  # a version: "Mérida 2.0"
    if (
        context.language.section_before.search(before)
        or re.match(r"^\([a-z0-9]{1,3}\)", after)
        or (before.endswith("(") and re.search(r"\w\)?\(\Z", before))
    ):
        return "section"  # "Section 3", statutes' subsections: "706(1)", "481(e)(2)", "706(2)(A)"
    if before[-1:] in "-–" and re.search(r"\b(?:law|no\.|number)\s\d+[-–]\Z", before, re.I):
        return "name"  # "Public Law 107-228"
    if len(number) == 2 and re.search(r"\bFY\s?\Z", before):
        return "year"  # "FY24"
    if context.language.name_before.search(before) or (re.match(r"^[A-Za-z]", after) and not GLUED_UNIT.match(after)):
        return "name"  # "EO 14059", "AR-15", "R41349", "4G"
    if re.match(r"^\.\d", after) or re.match(r"^-[A-Z]", after):
        return "name"  # "Mérida 2.0", "14-F"
    if before[-1:] and before[-1] in GLUED_BEFORE:
        return "endnote"  # glued to the word or sentence it notes: "deaths.15", "2017.35"
    if (
        re.match(r"^(?:,\s?\d+)*\s+[A-Z“\"]", after)
        and re.search(r"[a-z][.\"”]\s\Z", before)
        and "," not in number
        and "." not in number
    ):
        return "endnote"  # a lost superscript between two sentences: "programs. 17 Of all"
    english = context.language.code == "en"  # Spanish dates were read by spanish_numeral_kind
    if english and (MONTH_BEFORE.search(before) or (re.match(r"^\d{1,2}\Z", number) and MONTH_AFTER.match(after))):
        return "date"
    if YEAR_BEFORE.search(before):
        return "year"  # "2006-12", "FY 2008-17"
    if (
        re.fullmatch(r"(?:1[89]|20)\d\d", number)
        and not re.match(r"^(?:-mile|\s?%|\s(?:percent|people|miles)\b)", after, re.I)
        and not spanish.YEAR_QUANTITY_AFTER.match(after)
    ):
        return "year"
    if FISCAL_BEFORE.search(before):
        return "year"
    return QUANTITY


MINUS_BEFORE = re.compile(r"\bmenos\s+\Z", re.I)  # "menos 15.8 por ciento": a fall, written as a minus
GLUED_BEFORE = frozenset('abcdefghijklmnopqrstuvwxyz)]"”’.,;:')  # a numeral glued to these is an endnote
AGO_AFTER = re.compile(r"^\s(?:years?|months?|weeks?|days?|decades?)\sago\b", re.I)


def spanish_numeral_kind(number: str, before: str, after: str) -> str | None:
    """The non-quantity kinds only Spanish writes: "8 de abril", "los primeros 6 meses", "semana 15",
    "Escuadrón 201"; None when the numeral is none of them."""
    if spanish.DATE_AFTER.match(after) or spanish.DATE_BEFORE.search(before):
        return "date"
    if (spanish.PERIOD_AROUND[0].search(before) and spanish.PERIOD_AROUND[1].match(after)) or spanish.PERIOD_AFTER.match(after):
        return "period"
    if spanish.CAPITALISED_BEFORE.search(before) and not re.match(r"^\s?(?:%|por\s?ciento|mil\b|millones\b)", after):
        return "name"
    return None


def kind_of_spanish_word(match: SpanishWords | re.Match, context: Context) -> str:
    """Spanish number words: "uno de", a lone article "un"/"una", dates and periods are no quantities;
    an ordinal is a rank only with "lugar" after it, or as "en quinto." (a place in a list)."""
    text = context.text
    before, after = text[max(0, match.start() - 30) : match.start()], text[match.end() : match.end() + 30]
    word = match.group(0).lower()
    if match.lastgroup == "ordword":
        ranked = (
            re.match(r"^\s+(?:lugar|sitio|puesto)\b", after, re.I)
            or (spanish.RANK_BEFORE.search(before) and re.match(r"^\s*[,.;:]", after))
            or spanish.SUPERLATIVE_AFTER.match(text, match.end())
        )
        return QUANTITY if ranked else "ordinal"
    if context.language.section_before.search(before):
        return "section"
    if spanish.DATE_AFTER.match(after) or re.search(r"(?<!desde )\bhace\s\Z", before, re.I):
        return "date"
    if (spanish.PERIOD_AROUND[0].search(before) and spanish.PERIOD_AROUND[1].match(after)) or spanish.PERIOD_AFTER.match(after):
        return "period"
    scaled = re.match(r"^\s+(?:billón|billones|mil)\b", after)
    unit = unit_after(text, match.end(), "es")[0]
    a_time = unit in ("years", "months", "weeks", "days") and not CUE_BEFORE["es"].search(before.lower())  # "en un año dado"
    if word in ("un", "una", "uno") and not scaled and (re.match(r"^\s+de\b|^[.,;]", after) or unit == "count" or a_time):
        return "word"  # an article or a pronoun: "un total de", "uno de los"
    return QUANTITY


def kind_of_word(match: re.Match, context: Context) -> str:
    """Number words are quantities unless they are pronouns ('one of', 'no one') or in the apparatus."""
    if match.start() >= context.apparatus_start:
        return "citation"
    if context.language.code == "es":
        return kind_of_spanish_word(match, context)
    word = match.group(0).lower()
    after = context.text[match.end() : match.end() + 12].lower()
    before = context.text[max(0, match.start() - 24) : match.start()].lower()
    if SECTION_BEFORE.search(before):
        return "section"  # "see point number one"
    if AGO_AFTER.match(context.text[match.end() : match.end() + 20]):
        return "date"  # "two years ago"
    if word == "one" and (
        re.match(r"^\s(?:of|another|or|such|who|that|hand|day|side|way|approach)\b|^[.,;]", after)
        or re.search(r"\b(?:no|the|any|every|this|each|last|first|that)\s\Z", before)
    ):
        return "word"
    if word == "once" and not (
        re.match(r"^\s(?:a|per|every|in|or)\b", after) or re.search(r"\b(?:least|than|only|just)\s\Z", before)
    ):
        return "word"  # "once again", "Once such a basis"
    if word == "half" and not re.match(r"^\s(?:of|the|a|an)\b", after):
        return "word"
    if word in ("double", "doubled", "triple", "tripled", "quadrupled") and not re.match(r"^\s", after):
        return "word"
    return QUANTITY


Period = tuple[str, str, str, str]  # period_start, period_end, period_type, year_basis


def nearest_period(sentence: str, offset: int, published: int | None, language: str = "en") -> tuple[Period, str]:
    """(period_start, period_end, period_type, year_basis) read from the sentence, nearest the number
    first, and the note a reading needs ("" when the sentence states it plainly)."""
    found = [
        (min(abs(start - offset), abs(end - offset)), period, note)
        for start, end, period, note in periods_in(sentence, published, language)
    ]
    if found:
        _, period, note = min(found, key=lambda item: item[0])
        return period, note
    if published:
        return (str(published), str(published), "point", "calendar"), ""
    return ("", "", "", ""), ""


@functools.lru_cache(maxsize=256)
def periods_in(sentence: str, published: int | None, language: str = "en") -> list[tuple[int, int, Period, str]]:
    """Every period the sentence states, with its span and note (cached: a sentence often holds several numbers)."""
    found = []
    has_year, lower = YEAR_ANYWHERE.search(sentence) is not None, sentence.lower()
    for pattern, reader, gate in PERIOD_READERS[language]:
        # Cheap gates first: most readers need a year; the others a word ("last", "año").
        if not (has_year if gate is None else any(word in lower for word in gate)):
            continue
        for match in pattern.finditer(sentence):
            period = reader(match, published)
            if period:
                found.append((match.start(), match.end(), period, PERIOD_NOTES.get(reader, "")))
    return found


def period_note(period: tuple[str, str, str, str], published: int | None) -> str:
    """What a curator must check about a guessed period (the ledger's note says how a period was read)."""
    if period[2] == "point" and period[0] == str(published):
        return "extractor: no period stated; read as the publication year (point)"
    if period[2] == "span" and published and period[1] == str(published - 1):
        return "extractor: open period ('since', 'the last ...') read to the year before publication"
    return ""


def full_year(first: str, second: str) -> str:
    """'2008', '17' -> '2017'."""
    return second if len(second) == 4 else first[: 4 - len(second)] + second


def read_span(match: re.Match, published: int | None) -> tuple[str, str, str, str]:
    fiscal = bool(match.groupdict().get("fy"))
    return match.group("a"), full_year(match.group("a"), match.group("b")), "span", "fiscal" if fiscal else "calendar"


def read_fiscal(match: re.Match, published: int | None) -> tuple[str, str, str, str]:
    return match.group("a"), match.group("a"), "fiscal_year", "fiscal"


def read_since(match: re.Match, published: int | None) -> tuple[str, str, str, str] | None:
    end = str(published - 1) if published else ""
    return (match.group("a"), end or match.group("a"), "span", "calendar")


def read_year(match: re.Match, published: int | None) -> tuple[str, str, str, str]:
    return match.group("a"), match.group("a"), "calendar_year", "calendar"


def read_month(match: re.Match, published: int | None) -> tuple[str, str, str, str]:
    month = MONTH_NUMBERS[match.group("m").lower()[:3]]
    value = f"{match.group('a')}-{month:02d}"
    return value, value, "point", "calendar"


def read_recent(match: re.Match, published: int | None) -> tuple[str, str, str, str] | None:
    if not published:
        return None
    count = match.group("n")
    years = 10 if count is None and "decade" in match.group(0).lower() else None
    if years is None:
        number = numeral_value(count) if count and count[0].isdigit() else counted_value(count or "one")
        if number is None:
            return None
        years = int(number * (10 if re.search("decade|década", match.group(0), re.I) else 1))
        if re.search(r"mes|día|month|day", match.group(0), re.I):
            years = max(1, -(-int(number) // (12 if "mes" in match.group(0).lower() else 365)))
    return str(published - years), str(published - 1), "span", "calendar"


def counted_value(word: str) -> float | None:
    """A numeral, or an English or Spanish number word ('4', 'four', 'cuatro')."""
    if word.isdigit():
        return float(word)
    spelled = spanish_words(word)
    return word_value(word) if not spelled else spelled[0][2]


def read_short_fiscal(match: re.Match, published: int | None) -> Period:
    year = f"20{match.group('a')}"  # "FY24": fiscal 2024
    return year, year, "fiscal_year", "fiscal"


def read_annually(match: re.Match, published: int | None) -> Period | None:
    return (str(published - 1), str(published - 1), "calendar_year", "calendar") if published else None


def read_last_year(match: re.Match, published: int | None) -> Period | None:
    return (str(published - 1), str(published - 1), "calendar_year", "calendar") if published else None


def read_spanish_month(match: re.Match, published: int | None) -> Period:
    value = f"{match.group('a')}-{spanish.MONTH_NUMBERS[match.group('m').lower()]:02d}"
    return value, value, "point", "calendar"


def read_month_span(match: re.Match, published: int | None) -> Period:
    """'de enero a marzo de 2025' -> 2025-01 to 2025-03."""
    first, last = (spanish.MONTH_NUMBERS[match.group(m).lower()] for m in ("m1", "m2"))
    return f"{match.group('y1') or match.group('a')}-{first:02d}", f"{match.group('a')}-{last:02d}", "span", "calendar"


def read_up_to_publication(match: re.Match, published: int | None) -> Period | None:
    """'en los primeros 100 días', 'en lo que va del sexenio': a span that ends at publication."""
    if not published:
        return None
    count = match.groupdict().get("n")
    days = (counted_value(count) or 0) * (30 if "mes" in match.group(0).lower() else 1) if count else 0
    start = (
        published - 1 if days > 31 or match.groupdict().get("what") in ("sexenio", "gobierno", "administración") else published
    )
    return str(start), str(published), "span", "calendar"


MONTH_NUMBERS = {
    name: number
    for number, name in enumerate(["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], start=1)
}
YEAR = r"(?:1[89]|20)\d\d"
YEAR_ANYWHERE = re.compile(rf"(?<!\d){YEAR}(?!\d)")
ENGLISH_PERIOD_READERS = [
    (
        re.compile(
            rf"(?:between|from)\s+(?P<fy>FY\s?|fiscal years?\s)?(?P<a>{YEAR})\s+(?:and|to|through)\s+(?:FY\s?)?(?P<b>{YEAR})",
            re.I,
        ),
        read_span,
    ),
    (re.compile(rf"(?P<fy>FY\s?|fiscal years?\s)?(?P<a>{YEAR})\s?[-–]\s?(?P<b>{YEAR}|\d\d)\b(?![-–])", re.I), read_span),
    (re.compile(rf"\b(?:FY|fiscal year)\s?(?:\(FY\)\s)?(?P<a>{YEAR})\b", re.I), read_fiscal),
    (re.compile(rf"\bsince\s+(?P<a>{YEAR})\b", re.I), read_since),
    (re.compile(rf"\b(?P<m>{MONTHS})\s+(?:of\s+)?(?P<a>{YEAR})\b", re.I), read_month),
    (re.compile(rf"\b(?:in|during|of|for|by|as of)\s+(?:the\s+(?:year\s+)?)?(?P<a>{YEAR})\b", re.I), read_year),
    (re.compile(rf"\b(?:last|past)\s+(?:(?P<n>\d+|{NUMBER_WORD})\s+)?(?:years?|decades?)\b", re.I), read_recent),
]
# (pattern, reader, the word a sentence must hold for the pattern to be tried; None: a year)
PERIOD_READERS = {
    "en": [
        *((pattern, reader, ("last", "past") if reader is read_recent else None) for pattern, reader in ENGLISH_PERIOD_READERS),
        (re.compile(r"\bFY\s?(?P<a>\d\d)\b"), read_short_fiscal, ("fy",)),
        (re.compile(r"\bannually\b", re.I), read_annually, ("annually",)),
    ],
    "es": [
        (spanish.MONTH_SPAN, read_month_span, None),
        (spanish.SPAN, read_span, None),
        (spanish.DASHED_SPAN, read_span, None),
        (spanish.SINCE, read_since, None),
        (spanish.MONTH, read_spanish_month, None),
        (spanish.IN_YEAR, read_year, None),
        (spanish.RECENT, read_recent, ("últim", "pasad")),
        (spanish.LAST_YEAR, read_last_year, ("pasado",)),
        (spanish.FIRST_DAYS, read_up_to_publication, ("primeros",)),
        (spanish.SO_FAR, read_up_to_publication, ("lo que va",)),
    ],
}
PERIOD_NOTES = {  # reader -> what a curator must check about its reading
    read_annually: "extractor: 'annually' with no year stated, read as the year before publication",
    read_last_year: "extractor: 'el año pasado' read as the year before publication",
    read_up_to_publication: "extractor: a span up to publication ('los primeros N días', 'en lo que va del sexenio'); "
    "set period_start to the start of the term or count",
}


def cue_before(text: str, start: int, sentence: str, language: Language = LANGUAGES["en"]) -> tuple[str, int]:
    """(qualifier, start of its cue words) from the words right before the number."""
    window = text[max(0, start - 40) : start].lower()  # a case-insensitive pattern is several times slower
    words = window.split()
    last = words[-1].lstrip("([{“‘\"'—–-¿¡") if words else ""  # "(about 40", "—casi 40"
    match = last in CUE_LAST_WORDS[language.code] and language.cue_before.search(window)
    if match and not language.not_a_cue.search(text[max(0, start - 100) : start]):
        qualifier = next(q for q, _ in QUALIFIER_CUES[language.code] if match.group(q))
        return qualifier, start - len(window) + match.start()
    if language.estimate.search(sentence):
        return "approximate", start
    return "exact", start


def unit_after(text: str, end: int, language: str = "en") -> tuple[str, float, int]:
    """(unit, factor, end of the unit words) right after the number; count when none."""
    after = text[end : end + 60]
    if match := UNIT_ANY[language].match(after):
        _, unit, factor = UNIT_AFTER[language][int(str(match.lastgroup)[1:])]
        return unit, factor, end + match.end()
    if match := FOLD_AFTER.match(after):
        return "times", 1, end + match.end()
    return "count", 1, end


HALF_AFTER = re.compile(r"\s+(?:y\s+medi[oa]|and\s+a\s+half)\b", re.I)
SECOND_PART = re.compile(r"\s+(\d{1,3})(?=\s)")


def compound_after(text: str, end: int, unit: str, language: str) -> tuple[float, int]:
    """(what a compound measure adds, in ``unit``, and where it ends): "40 toneladas y media" adds 0.5,
    "40 toneladas 800 kilos" adds 0.8 (the second part in the first part's unit)."""
    if unit == "count" or unit not in vocabulary.UNITS:
        return 0.0, end
    if half := HALF_AFTER.match(text, end):
        return 0.5, half.end()
    second = SECOND_PART.match(text, end)
    if second and unit in vocabulary.MASS_IN_KILOGRAMS:
        smaller, _, second_end = unit_after(text, second.end(), language)
        if smaller in vocabulary.MASS_IN_KILOGRAMS and vocabulary.MASS_IN_KILOGRAMS[smaller] < vocabulary.MASS_IN_KILOGRAMS[unit]:
            ratio = vocabulary.MASS_IN_KILOGRAMS[smaller] / vocabulary.MASS_IN_KILOGRAMS[unit]
            return round(int(second.group(1)) * ratio, 9), second_end
    return 0.0, end


def counted_noun(text: str, end: int, language: Language = LANGUAGES["en"]) -> tuple[str, int]:
    """The noun a count counts ('13 recommendations'): the next word or two, stop-words aside."""
    if language.code == "es" and (of := re.match(r"\s+de(?=\s)", text[end : end + 5])):
        end += of.end()  # "3 millones de artículos": what is counted follows "de"
    match = language.noun_after.match(text[end : end + 40])
    if not match:
        return "", end
    words = match.group(0).split()
    kept = []
    for word in words:
        if word.lower() in language.stop_nouns or not word[0].isalpha():
            break
        kept.append(word)
    if not kept:
        return "", end
    # A modifier and its plural noun ("overdose deaths"), else the one word ("people", not "people fled").
    plural_follows = len(kept) > 1 and kept[0].islower() and not kept[0].endswith("s") and kept[1].endswith("s")
    noun = " ".join(kept[:2]) if plural_follows else kept[0]
    return noun, end + 1 + len(noun)


class Scanner:
    """Walks the atoms of one document and assembles each quantity with its range, scale, unit and cue."""

    def __init__(self, text: str, published: int | None, language: str | None = None) -> None:
        self.context = Context.of(text, published, language)
        self.language = self.context.language
        self.atoms = atoms_of(text, self.language.code, self.context.separators)

    def candidates(self) -> list[Candidate]:
        found: list[Candidate] = []
        skip_until = -1
        for index, atom in enumerate(self.atoms):
            if atom.start() < skip_until:
                continue
            candidate = self.read(index, atom)
            if candidate is None:
                continue
            found.append(candidate)
            if candidate.kind == QUANTITY:  # the range's bound and the unit's own number ("per 100,000") are read
                skip_until = max(skip_until, candidate.parts[-1][1], candidate.quote_start + len(candidate.quote))
        return found

    def kind(self, atom: re.Match) -> str:
        group = atom.lastgroup
        if group in ("endnote", "date", "time"):
            return group
        if group == "yeardot":
            return "year"
        if group == "ordword" and self.language.code == "en":
            return "ordinal"
        if group in ("num", "ord", "decade"):
            return kind_of_numeral(atom, self.context)
        if self.context.in_url(atom.start()):
            return "url"
        if atom.start() >= self.context.apparatus_start:
            return "citation"
        if group in ("word", "esword", "ordword"):
            return kind_of_word(atom, self.context)
        if group == "span" and not SPAN_COUNTED.search(self.context.text[max(0, atom.start() - 20) : atom.start()]):
            return "word"  # "the 20th century", "subsequent decades": no length is stated
        if group == "one_unit" and not CUE_BEFORE["en"].search(
            self.context.text[max(0, atom.start() - 40) : atom.start()].lower()
        ):
            return "word"  # "70,000 lives a year" is a rate; "just over a year" is a length
        return QUANTITY  # fraction, rank

    def read(self, index: int, atom: re.Match) -> Candidate | None:
        kind = self.kind(atom)
        if kind != QUANTITY:
            written = self.context.text[atom.start() : atom.end()]
            return Candidate(kind, written, atom.start(), atom.end(), quote=written, quote_start=atom.start())
        return self.quantity(index, atom)

    def atom_value(self, atom: re.Match) -> tuple[float | None, str | None]:
        """(value, unit forced by the word itself) of one atom."""
        group = atom.lastgroup
        if group in ("num", "ord", "decade"):
            return numeral_value(atom.group("num"), self.context.separators), "rank" if atom.group("ord") else None
        if group == "esword":
            return atom.value, None
        if self.language.code == "es":
            return spanish_word_value(atom.group(0).lower(), group)
        if group == "fraction":
            first, second = re.split(r"[-\s]", atom.group(0).lower())
            numerator = 1 if first in ("a", "one") else UNITS_WORDS[first]
            return round(100 * numerator / FRACTIONS[second], 1), "percent"
        if group == "rank":
            return ORDINAL_WORDS[atom.group(0).lower().split("-")[0]], "rank"
        if group == "span":
            return SPANS[atom.group(0).lower()], "years"
        if group == "scaled":  # "a hundred", "a million": the scale word itself is the number
            word = atom.group(0).lower()[2:]
            return (12 if word == "dozen" else SCALES[word]), None
        if group == "one_unit":
            return 1, {"year": "years", "month": "months", "week": "weeks"}[atom.group(0).lower()[2:]]
        word = atom.group(0).lower()
        value = word_value(word)
        forced = SELF_COUNTING.get(word, (None, None))[1]
        return value, None if forced in (None, "count", "fraction") else forced

    def quantity(self, index: int, atom: re.Match) -> Candidate | None:
        text = self.context.text
        value, forced_unit = self.atom_value(atom)
        if value is None:
            return None
        start, end = atom.start(), atom.end()
        sentence_start, sentence_end = self.context.sentence(start)
        sentence = text[sentence_start:sentence_end]
        quote_start = start
        currency = CURRENCY_BEFORE.search(text[max(0, start - 8) : start])
        if currency:
            quote_start = start - len(currency.group(0))
        qualifier, cue_start = cue_before(text, quote_start, sentence, self.language)
        quote_start = min(quote_start, cue_start)
        value_high, parts = None, [(start, end)]
        if index + 1 < len(self.atoms):
            high = self.range_end(index, atom)
            if high is not None:
                value_high, parts = high[0], [(start, end), high[1]]
                between = self.language.between_before.search(text[max(0, quote_start - 20) : quote_start])
                if between:
                    quote_start = quote_start - 20 + between.start() if quote_start >= 20 else between.start()
                qualifier = "range"
                end = high[1][1]
        factor, end = self.scale_after(text, end, value_high if value_high is not None else value, atom)
        value, value_high = value * factor, value_high * factor if value_high is not None else None
        unit, factor, unit_end = unit_after(text, end, self.language.code)
        if forced_unit and unit == "count":
            unit = forced_unit
        if currency:
            unit = "usd" if self.language.code == "en" or "US" in currency.group(0) or unit == "usd" else "mxn"
        value, value_high = value * factor, value_high * factor if value_high is not None else None
        added, unit_end = compound_after(text, unit_end, unit, self.language.code)
        value += added
        noun, noun_end = counted_noun(text, unit_end, self.language) if unit in ("count", "times", "rank") else ("", unit_end)
        quote_end = max(unit_end, noun_end)
        quote = text[quote_start:quote_end]
        nearby = text[max(sentence_start, quote_start - 60) : min(sentence_end, quote_end + 60)]
        clause_end = CLAUSE_END.search(text, quote_end, min(sentence_end, quote_end + 60))
        clause = text[max(sentence_start, quote_start - 25) : clause_end.start() if clause_end else quote_end + 60]
        family, rule = family_rule(nearby, sentence, unit, clause, noun)
        period, period_reading = nearest_period(sentence, start - sentence_start, self.context.published, self.language.code)
        note = period_reading or period_note(period, self.context.published)
        if self.language.code == "es" and MINUS_BEFORE.search(text[max(0, quote_start - 8) : quote_start]):
            note = "; ".join(filter(None, ["extractor: 'menos' before the number: a decrease, value as written", note]))
        measure = guess_measure(family, unit, sentence if family != "other" else quote, noun or unit)
        return Candidate(
            QUANTITY,
            text[atom.start() : end],
            atom.start(),
            end,
            value,
            value_high,
            unit,
            qualifier,
            quote,
            quote_start,
            *period,
            family=family,
            measure=measure,
            confidence=RULE_CONFIDENCE[rule],
            family_rule=rule,
            geography=guess_geography(sentence),
            note=note,
            parts=parts,
            separators=self.context.separators if atom.lastgroup == "num" and re.search(r"[.,]", atom.group(0)) else "",
        )

    def scale_after(self, text: str, end: int, value: float, atom: re.Match | SpanishWords) -> tuple[float, int]:
        """(factor, end) of the scale words after a number: "2.8 billion", "17 mil 258", "4.5 millones"."""
        if self.language.code == "es":
            ends_in_mil = atom.lastgroup == "esword" and atom.group(0).lower().endswith("mil")
            scaled, scaled_end = spanish_scaled(text, end, Decimal(str(value)), ends_in_mil)
            return (float(scaled) / value if value else 1.0), scaled_end
        scale = SCALE_AFTER.match(text, end)
        if scale:
            return SCALES[scale.group(1).lower()], scale.end()
        return 1.0, end

    def range_end(self, index: int, atom: re.Match) -> tuple[float, tuple[int, int]] | None:
        """The upper bound of a range starting at ``atom`` ("between 8 and 10", "8-10 percent"), if any."""
        text = self.context.text
        following = self.atoms[index + 1]
        join = self.language.range_join.fullmatch(text, atom.end(), following.start())
        if not join or following.lastgroup not in ("num", "word", "esword") or self.kind(following) != QUANTITY:
            return None
        between = self.language.between_before.search(text[max(0, atom.start() - 30) : atom.start()])
        dash = join.group(0).strip() in ("-", "–", "—", "o")  # "3 o 4 corporaciones", "tres o cuatro veces"
        if not between and not dash:  # "8 to 10 percent" is a range; "from 8 to 10 percent" a change
            unit, _, _ = unit_after(text, following.end(), self.language.code)
            if (
                join.group(0).strip() not in ("to", "a")
                or unit != "percent"
                or self.language.from_before.search(text[max(0, atom.start() - 30) : atom.start()])
            ):
                return None
        if between is None and dash and atom.lastgroup != following.lastgroup:
            return None
        high, _ = self.atom_value(following)
        low, _ = self.atom_value(atom)
        if high is None or low is None or high <= low:
            return None
        return high, following.span()


def spanish_word_value(word: str, group: str | None) -> tuple[float | None, str | None]:
    """(value, unit) of a Spanish fraction ("dos terceras partes" is 66.7 percent) or ordinal (a rank)."""
    if group == "ordword":
        return spanish.ORDINALS[word], "rank"
    words = word.split()
    numerator = spanish.NUMERATORS.get(words[0], 1)
    denominator = next(spanish.DENOMINATORS[w] for w in words if w in spanish.DENOMINATORS)
    return round(100 * numerator / denominator, 1), "percent"


def extract(text: str, published: int | None = None, include_all: bool = False, language: str | None = None) -> list[Candidate]:
    """Every quantity in ``text`` as a candidate claim; with ``include_all``, the non-quantities too.

    ``published`` (the document's year) anchors open periods: "since 2006" ends the year before it,
    "over the last four years" counts back from it, and a figure with no date is a point in it.
    ``language`` ('en' or 'es') is decided from the text when not given.
    """
    found = Scanner(text, published, language).candidates()
    return found if include_all else [c for c in found if c.kind == QUANTITY]


def number_text(value: float | None) -> str:
    """A value as the ledger writes it: plain decimal, no exponent, no trailing '.0'."""
    if value is None:
        return ""
    return f"{value:.10f}".rstrip("0").rstrip(".")


def candidate_rows(candidates: list[Candidate], source_id: str = "", short: str = "") -> pd.DataFrame:
    """Candidates as ledger rows (the ledger's columns, then ``confidence`` of the family guess, and
    ``kind``); ``short`` proposes claim ids ('kloppe' -> kloppe-001, ...), else claim_id is empty."""
    rows = []
    for number, c in enumerate(candidates, start=1):
        rows.append(
            {
                "claim_id": f"{short}-{number:03d}" if short and c.kind == QUANTITY else "",
                "source_id": source_id,
                "family": c.family if c.kind == QUANTITY else "",
                "measure": c.measure,
                "quantity": c.measure,
                "value": number_text(c.value),
                "value_high": number_text(c.value_high),
                "unit": c.unit if c.kind == QUANTITY else "",
                "qualifier": c.qualifier if c.kind == QUANTITY else "",
                "period_start": c.period_start,
                "period_end": c.period_end,
                "period_type": c.period_type,
                "year_basis": c.year_basis if c.period_type else "",
                "geography": c.geography,
                "quote": c.quote,
                "quote_start": c.quote_start,
                "cited_source": "",
                "note": c.note,
                "confidence": f"{c.confidence:.2f}" if c.kind == QUANTITY else "",
                "kind": c.kind,
                "separators": c.separators,
            }
        )
    return pd.DataFrame(rows, columns=CANDIDATE_COLUMNS)


CANDIDATE_COLUMNS = [*ClaimsLedger.to_schema().columns, "confidence", "kind", "separators"]
