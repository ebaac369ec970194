"""The family a candidate claim belongs to, guessed from its sentence, with a calibrated confidence.

What the number counts decides first: the noun after it ("nine counties" counts counties, so it is
no overdose figure, however much the sentence speaks of overdoses), then victims named by their role
(journalists, mayors: ``other``, as in the ledger), then the topic words near the number. A guess
says how sure it is with the share of such guesses that were right on the registered documents
(``RULE_CONFIDENCE``, measured by ``scripts/extractor_quality.py --families``), and says
``unknown`` rather than guess when two families' words weigh the same.
"""

from __future__ import annotations

import functools
import re
from collections import Counter

from secstats.core import vocabulary

# Family guesses: words in the quote count twice, words elsewhere in the sentence once.
FAMILY_WORDS = {  # family -> words that speak of it; one alternation, so a text is scanned once
    "homicide": r"homicid|murder|per 100,000|people have died|killed in mexico|asesinat",
    "extradition": r"extradi",
    "merida_funding": r"m[ée]rida|security assistance",
    "weapons": r"weapon|firearm|\bguns?\b|\barms\b|\barmas\b",
    "overdose": r"overdose|sobredosis|opioid[^.;]{0,80}?(?:lives|deaths|died)",
}
# Matched in lower-cased text (a case-insensitive pattern is several times slower).
FAMILY_WORD = re.compile(
    "(?=[hmpkaeswgfo])(?:" + "|".join(f"(?P<{family}>{words})" for family, words in FAMILY_WORDS.items()) + ")"
)
CLAUSE_END = re.compile(r"[,;.:]\s|\s(?:and|but|while|whereas)\s|\Z")
# Victims named by their role are counted apart from the homicide series (the ledger's "other").
OTHER_SUBJECTS = re.compile(
    r"journalist|mayor|candidate|politician|student|disappear|migrant|clinic|potent|(?:heroin|fentanyl)\s(?:\w+\s){0,3}seiz|seiz\w*\s(?:\w+\s){0,3}(?:heroin|fentanyl)|cultivation|users|\bdose|"
    r"operatives|apprehension|administrations|officials|periodista|alcalde|candidat|migrante|desaparec|estudiante",
)  # matched in lower case
MEASURES = vocabulary.GUESSED_MEASURES  # (family, unit) -> measure; refined by words below


# What the noun after a count says about its family (the counted thing decides before topic words).
FAMILY_NOUNS = re.compile(
    r"(?P<homicide>homicid|murders?\b|killings\b|asesinat)|(?P<extradition>extradi)|(?P<overdose>overdose|sobredosis)"
    r"|(?P<weapons>firearms?\b|weapons?\b|guns?\b|armas\b)",
    re.I,
)
# Nouns that say who, not what: the topic words must decide ("40,000 people died of an overdose").
GENERIC_NOUNS = re.compile(
    r"^(?:people|persons?|personas|deaths?|victims?|víctimas|lives|cases|casos|americans|mexicans|mexicanos|"
    r"individuals|men|women|children|residents|inhabitants|habitantes|adults|others|times|veces|percent)$",
    re.I,
)
UNKNOWN = "unknown"  # two families' words weigh the same: the curator decides
TIMES_AND_PLACES = ("years", "months", "weeks", "days", "hours", "miles", "kilometers", "milligrams")
# rule -> the share of its guesses that were right on the registered documents' 123 ledger claims,
# (right + 1) / (guesses + 2) so a rule seen a few times is not called certain; measured by
# `scripts/extractor_quality.py --families` (2026-12-02), so a confidence of 0.9 is right about 9 times in 10.
RULE_CONFIDENCE = {
    "role": 0.96,  # victims named by their role (journalists, mayors): 24 of 24 right
    "unit": 0.96,  # a duration or a distance: 21 of 21
    "noun": 0.8,  # the counted noun is the family's ("34,000 homicides"): 3 of 3
    "noun_other": 0.95,  # the counted noun is no family's ("nine counties"): 20 of 20
    "topic_near": 0.84,  # the family's words within 60 characters of the number: 26 of 30
    "topic_sentence": 0.6,  # the family's words only elsewhere in the sentence: 2 of 3
    "none": 0.92,  # no family's words at all, so other: 21 of 22
    "tie": 0.5,  # two families weigh the same, so unknown: never seen, no better than a coin
}


def family_rule(quote: str, sentence: str, unit: str, clause: str, noun: str = "") -> tuple[str, str]:
    """(family, the rule that decided it): see the module's docstring for the order of the rules.

    ``quote`` is the number's neighbourhood (its words weigh twice), ``sentence`` the rest,
    ``clause`` the few words that say who or what is counted and ``noun`` the counted noun.
    """
    if OTHER_SUBJECTS.search(clause.lower()):
        return vocabulary.OTHER, "role"
    in_sentence, nearby = family_words_in(sentence), family_words(quote)
    if unit in TIMES_AND_PLACES and not nearby["homicide"]:
        return vocabulary.OTHER, "unit"
    if noun and unit == "count":
        counted = FAMILY_NOUNS.search(noun)
        if counted:
            return str(counted.lastgroup), "noun"
        if noun.endswith("s") and not GENERIC_NOUNS.match(noun.split()[-1]) and not noun[0].isupper():
            return vocabulary.OTHER, "noun_other"
    scores = {family: 2 * nearby[family] + in_sentence[family] for family in FAMILY_WORDS}
    if scores["merida_funding"] and unit != "usd":
        scores["merida_funding"] = 0
    ranked = sorted(scores.values(), reverse=True)
    best = max(scores, key=lambda family: scores[family])
    if ranked[0] == 0:
        return vocabulary.OTHER, "none"
    if ranked[0] == ranked[1]:
        return UNKNOWN, "tie"
    return best, "topic_near" if nearby[best] else "topic_sentence"


def family_words(text: str) -> Counter[str]:
    """{family: how many of its words ``text`` holds}."""
    return Counter(match.lastgroup or "" for match in FAMILY_WORD.finditer(text.lower()))  # every group is named


@functools.lru_cache(maxsize=256)
def family_words_in(sentence: str) -> Counter[str]:
    """family_words of a sentence, cached: a sentence often holds several numbers."""
    return family_words(sentence)


def guess_measure(family: str, unit: str, quote: str, noun: str) -> str:
    """A measure name: the ledger's vocabulary for the five families, else the counted noun."""
    if family == "homicide" and unit == "percent" and re.search(r"impun|prosecut|unpunished", quote, re.I):
        return "impunity_rate"
    if family == "merida_funding" and re.search(r"disburs", quote, re.I):
        return "merida_funding_disbursed"
    if family == "merida_funding" and re.search(r"security assistance", quote, re.I):
        return "us_security_assistance"
    if family == "overdose" and re.search(r"fentanyl", quote, re.I):
        return "overdose_deaths_fentanyl"
    if (family, unit) in MEASURES:
        return MEASURES[(family, unit)]
    words = re.findall(r"[a-z]+", noun.lower())
    return "_".join(words[:3]) or unit


@functools.lru_cache(maxsize=256)
def guess_geography(sentence: str) -> str:
    """mexico, united_states or us_mexico from the places the sentence names (cached: a sentence often
    holds several numbers)."""
    # "el país" and "nacional" are Mexico in the Mexican texts secstats reads in Spanish
    mexico = bool(re.search(r"m[eé]xic|\b(?:el|del|nuestro)\s+país\b|\bnivel\s+nacional\b", sentence, re.I))
    united_states = bool(
        re.search(r"united states|\bU\.S\.(?!-Mexico)|american|[Ee]stados [Uu]nidos|EE\.\s?UU\.|estadounidense", sentence)
    )
    if re.search(r"U\.S\.-Mexico|bilateral|both countries", sentence) or (mexico and united_states):
        return "us_mexico"
    return "united_states" if united_states else "mexico" if mexico else ""
