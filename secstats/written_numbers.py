"""The numbers a sentence writes, read exactly as written: numerals, number words and scale words.

The number-word vocabulary (``UNITS``, ``TENS``, ``LARGE_SCALES``) lives here, for the ledger check
and for the extractor (``secstats.extract``) alike.

A number is read whole: "one hundred one" is 101 (not 1, 100 or 101 separately), "USD$2.8 billion" is
2,800,000,000 and nothing else, "two decades" is 20. Values are ``Decimal``s, so a stated value is
compared with the written number at that number's own precision: 2,800,000,002 is not "2.8 billion".
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

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


DOTTED_THOUSANDS = re.compile(r"^\d{1,3}(?:\.\d{3})+$")  # Spanish thousands separators


def cardinal_parts(word: str) -> list[int] | None:
    """'twenty-five' -> [20, 5]; 'four-way' -> [4]; 'nine' -> [9]; a non-number word -> None."""
    parts = word.split("-")
    values = [UNITS.get(part, TENS.get(part)) for part in parts]
    if values[0] is None:
        return None
    if len(parts) == 2 and parts[0] in TENS and parts[1] in UNITS:
        return [values[0], values[1]]
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


def is_written_in(value: object, quote: str) -> bool:
    """True when ``value`` equals one of the numbers written in ``quote``, exactly."""
    number = as_decimal(value)
    return number is not None and number in numbers_in(quote)
