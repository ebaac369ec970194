"""Stage 1: the claims ledger, checked against the documents it quotes.

A claim passes when (1) its row satisfies ``schemas.ClaimsLedger``, (2) its source is registered,
(3) its quote sits verbatim in that document at ``quote_start``, and (4) its value (and value_high) is
written in the quote, exactly (``written_numbers``), as digits, a scaled form ("2.8 billion", "33 mil
341") or number words ("one hundred one", "siete"), read in the document's language and separators; (5) its period does not end after its document's date unless the
claim is marked a projection; (6) its measure belongs to one family.
"""

from __future__ import annotations

import re

import pandas as pd

from secstats.core.escaping import formula_cells
from secstats.core.paths import Layout
from secstats.core.periods import on_or_before
from secstats.core.problems import BuildError, Problem, raise_if_any, shown
from secstats.core.schemas import PERIOD_PATTERN, ClaimsLedger
from secstats.core.validation import read_csv_for, validate_frame
from secstats.core.vocabulary import FAMILY_MEASURES, LEFT_OUT, family_names, measure_owners
from secstats.core.written_numbers import is_written_in, language_of, separators_of
from secstats.ledger.coverage import account
from secstats.raw.sources import document_texts, read_sources, register_problems, verify_raw


def read_ledger(layout: Layout) -> pd.DataFrame:
    """The ledger as text, exactly as curated (no type coercion yet); a file pandas could not read
    right (encoding, delimiter, quoting, a missing column) stops here with one line per problem."""
    return read_csv_for(layout.ledger, ClaimsLedger, str(layout.ledger.relative_to(layout.root)))


def quote_problems(ledger: pd.DataFrame, texts: dict[str, str], file: str) -> list[Problem]:
    """Cross-file rules: known source, quote at its offset, value written in the quote."""
    problems = []
    # Tolerant conversions: a cell the schema rejects is reported there, not twice here.
    numeric = ledger[["quote_start"]].apply(pd.to_numeric, errors="coerce")
    # Each document's numbers are read as it writes them: its language and its thousands separator.
    readings = {source_id: (language_of(text), separators_of(text)) for source_id, text in texts.items()}
    for claim in ledger.assign(**numeric).itertuples():  # tuples: a tenth of the cost of iterrows
        where = {"row": int(claim.Index) + 2, "claim_id": claim.claim_id}
        text = texts.get(claim.source_id)
        if text is None:
            problems.append(
                Problem(file, "source_id registered", f"unknown source {claim.source_id!r}", column="source_id", **where)
            )
            continue
        if pd.isna(claim.quote_start) or not isinstance(claim.quote, str):
            continue
        start = int(claim.quote_start)
        if text[start : start + len(claim.quote)] != claim.quote:
            found = text.find(claim.quote)
            hint = f"found at {found}" if found >= 0 else "not found anywhere in the document"
            column = "quote_start" if found >= 0 else "quote"
            problems.append(
                Problem(file, "quote verbatim at quote_start", f"quote not at offset {start} ({hint})", column=column, **where)
            )
        for column in ("value", "value_high"):
            number = getattr(claim, column)  # the ledger's text: compared exactly, at the written number's precision
            if pd.notna(number) and not is_written_in(number, claim.quote, *readings[claim.source_id]):
                problems.append(
                    Problem(
                        file,
                        "value written in quote",
                        f"{number} is not a number written in quote {shown(claim.quote)}",
                        column=column,
                        **where,
                    )
                )
    return problems


PERIOD_TEXT = re.compile(PERIOD_PATTERN)
PROJECTION_MARK = "projection:"  # a note starting with this marks a claim about the future (see data/ledger/README.md)


def period_problems(ledger: pd.DataFrame, register: pd.DataFrame, file: str) -> list[Problem]:
    """A claim whose period ends after its document was published, unless its note marks it a projection.

    Compared at the coarser precision of the two: a period ending in 2021 fits a document of 2021-01
    (the ledger reads undated stocks as the publication year).
    """
    published = dict(zip(register["source_id"], register["published"]))
    problems = []
    for claim in ledger.itertuples():
        index, date, end = claim.Index, published.get(claim.source_id), claim.period_end
        if not isinstance(date, str) or not isinstance(end, str) or not PERIOD_TEXT.match(end) or not PERIOD_TEXT.match(date[:7]):
            continue  # unknown sources and malformed periods are reported by their own rules
        if not on_or_before(end, date[:7]) and not str(claim.note).startswith(PROJECTION_MARK):
            problems.append(
                Problem(
                    file,
                    "period not after the document",
                    f"period ends {end} but {claim.source_id} was published "
                    f"{date}; a claim about the future needs a note starting {PROJECTION_MARK!r}",
                    row=int(index) + 2,
                    column="period_end",
                    claim_id=claim.claim_id,
                )
            )
    return problems


def prefix_problems(ledger: pd.DataFrame, file: str) -> list[Problem]:
    """A claim id names its document: every claim of a document shares one prefix (the letters before
    the hyphen that most of its claims use), and no two documents share one."""
    ids = ledger[ledger["claim_id"].map(lambda claim_id: isinstance(claim_id, str) and bool(CLAIM_ID.match(claim_id)))]
    prefixes = ids["claim_id"].str.split("-").str[0]
    own = prefixes.groupby(ids["source_id"], sort=False).agg(lambda group: group.value_counts().index[0])
    owner: dict[str, str] = {}
    for source_id, prefix in own.items():
        owner.setdefault(prefix, source_id)
    problems = []
    for index, prefix in prefixes.items():
        source_id, claim_id = ids.loc[index, "source_id"], ids.loc[index, "claim_id"]
        if prefix != own[source_id]:
            message = f"the claims of {source_id} are numbered {own[source_id]}-NNN; this one is {claim_id}"
        elif owner[prefix] != source_id:
            message = f"prefix {prefix!r} belongs to the claims of {owner[prefix]}; give {source_id} a prefix of its own"
        else:
            continue
        problems.append(
            Problem(file, "claim id prefix names its document", message, row=int(index) + 2, column="claim_id", claim_id=claim_id)
        )
    return problems


CLAIM_ID = re.compile(r"^[a-z]+-\d{3}$")


def untabled_problems(ledger: pd.DataFrame, file: str) -> list[Problem]:
    """A claim whose measure its family's table neither takes nor leaves out with a reason: without this
    a new measure would silently miss its table."""
    problems = []
    for index, claim in ledger[ledger["family"].isin(list(FAMILY_MEASURES))].iterrows():
        family = claim["family"]
        if claim["measure"] not in [*FAMILY_MEASURES[family], *LEFT_OUT.get(family, {})]:
            problems.append(
                Problem(
                    file,
                    "measure tabled or left out",
                    f"measure {claim['measure']!r} of family {claim['family']!r} is in no "
                    "table: add it to the family's FAMILY_MEASURES (or LEFT_OUT, with why) in secstats/core/vocabulary.py",
                    row=int(index) + 2,
                    column="measure",
                    claim_id=claim["claim_id"],
                )
            )
    return problems


def family_problems(ledger: pd.DataFrame, file: str) -> list[Problem]:
    """A claim filed under another family than the one whose table takes (or leaves out) its measure:
    a measure belongs to exactly one family, so ``homicide_rate`` under ``other`` is an error. (A family
    that is not declared at all is the schema's rule: ``ClaimsLedger.family``.)"""
    owner = measure_owners()
    names = family_names()
    problems = []
    for index, claim in ledger.iterrows():
        if claim["family"] not in names:
            continue
        # A measure no family declares belongs to the family of its first claim.
        family = owner.setdefault(claim["measure"], claim["family"])
        if claim["family"] != family:
            problems.append(
                Problem(
                    file,
                    "measure in one family",
                    f"measure {claim['measure']!r} belongs to family {family!r}, not {claim['family']!r}",
                    row=int(index) + 2,
                    column="family",
                    claim_id=claim["claim_id"],
                )
            )
    return problems


def check_ledger(layout: Layout) -> pd.DataFrame:
    """Load and verify the ledger; raise ``BuildError`` listing every failure, else return it typed."""
    ledger, problems = ledger_problems(layout)
    raise_if_any(problems)
    return ledger


def ledger_problems(layout: Layout) -> tuple[pd.DataFrame, list[Problem]]:
    """The ledger (typed when valid) and every problem of its rows; a file that cannot be read at all
    (encoding, delimiter, a missing column) raises ``BuildError`` at once."""
    file = str(layout.ledger.relative_to(layout.root))
    raw = read_ledger(layout)
    ledger, problems = validate_frame(ClaimsLedger, raw, file)
    problems += prefix_problems(raw, file) + untabled_problems(raw, file) + quote_problems(raw, document_texts(layout), file)
    problems += period_problems(raw, read_sources(layout), file) + family_problems(raw, file) + formula_cells(raw, file)
    return (ledger if not problems else raw), problems


def check_inputs(layout: Layout) -> pd.DataFrame:
    """Every check of the hand-made inputs in one run: raw checksums, the ledger row by row, and every
    number of the documents claimed or dismissed. Raise ``BuildError`` with all their problems at once
    (a curator fixes them in one pass), else return the typed ledger."""
    problems: list[Problem] = []
    for check in (register_problems, verify_raw):  # a source registered twice first: it explains what follows
        try:
            problems += check(layout) or []
        except BuildError as error:
            problems += error.problems
    try:
        ledger, found = ledger_problems(layout)
    except BuildError as error:  # the ledger cannot be read: nothing more to say about its rows
        raise BuildError(list(dict.fromkeys(problems + error.problems))) from None
    problems += found
    # Rows whose offset, value or quote cannot be read are named above; the others are counted.
    numbers = ledger[["quote_start", "value"]].apply(pd.to_numeric, errors="coerce")
    readable = ledger[numbers.notna().all(axis=1) & ledger["quote"].map(lambda quote: isinstance(quote, str))]
    try:  # a document whose bytes changed is named above; its numbers are still counted here
        problems += account(layout, readable.assign(quote_start=readable["quote_start"].astype(int)))[1]
    except BuildError as error:
        problems += [problem for problem in error.problems if problem not in problems]
    raise_if_any(problems)
    return ledger
