"""Synthetic projects for the scaling benchmark: many documents and a ledger of any size, in a temp dir.

A synthetic project is a copy of a real one (reference files, source register layout) whose documents
and ledger are made up. Each synthetic document imitates one curated document: its claims are that
document's claims again and again in "chapters", so every rule of the build meets the structures it
meets in the curated ledger (shares of one document and period, an allocation beside its
disbursement, a change beside its level). What is made up:

- the numbers: each curated value times a made-up factor per document (one factor for a whole
  document keeps its relations: shares of one period still sum to at most 100, an allocation still
  exceeds its disbursement), written in made-up quotes;
- the places and periods: chapter ``c`` of document ``d`` is about ``d<d>c<c>_<place>`` (its own
  place, so the contradiction report compares claims within a chapter, as a growing corpus adds new
  places rather than a thousand claims about one number) and its years are moved ``c`` years back.

Nothing synthetic is written into the project itself; ``make_project`` writes into the folder it is given.
"""

from __future__ import annotations

import hashlib
import re
import shutil
from pathlib import Path

import pandas as pd

from secstats.core.paths import Layout
from secstats.ledger.claims import read_ledger
from secstats.raw.sources import CHECKSUM_FILE, read_sources

DOCUMENTS = 100
CLAIMS_PER_DOCUMENT = 1000  # claim ids carry three digits: 000 to 999
FACTORS = (1 / 2, 1 / 4, 1 / 5, 1 / 8, 1 / 10)  # made up; exact in binary or short in decimal
YEAR = re.compile(r"^(\d{4})")


def short_name(document: int) -> str:
    """'docaa', 'docab', ...: a claim-id prefix (letters only) for synthetic document ``document``."""
    letters = "abcdefghijklmnopqrstuvwxyz"
    return "doc" + letters[document // 26] + letters[document % 26]


def imitated_sources(templates: pd.DataFrame, documents: int) -> list[str]:
    """Which curated source each synthetic document imitates: sources get documents in proportion to
    their claims, so every synthetic document holds about the same number of claims."""
    counts = templates["source_id"].value_counts(sort=False)
    cumulative = counts.cumsum() / counts.sum()
    return [cumulative.index[(cumulative >= (d + 0.5) / documents).argmax()] for d in range(documents)]


def shifted(period: str, years: int) -> str:
    """'2019' -> '2017', '2019-03' -> '2017-03' for ``years`` = 2."""
    return YEAR.sub(lambda match: str(int(match.group(1)) - years), period)


def written(value: float) -> str:
    """A value as a document writes it: '12,500' for whole numbers, else its shortest decimals."""
    return f"{int(value):,}" if value == int(value) else repr(value)


def synthetic_claim(template: dict, document: int, number: int, chapter: int) -> dict:
    """One synthetic claim: the curated ``template`` moved to its document, chapter, place and years."""
    factor = FACTORS[document % len(FACTORS)]
    value = round(template["value"] * factor, 9)  # 0.22, not 0.22000000000000003, in the quote
    high = round(template["value_high"] * factor, 9) if pd.notna(template["value_high"]) else None
    words = template["measure"].replace("_", " ")
    figure = written(value) if high is None else f"between {written(value)} and {written(high)}"  # read as one range
    quote = f"[{number}] {figure} {words}"
    return {
        **template,
        "claim_id": f"{short_name(document)}-{number:03d}",
        "source_id": f"synthetic-{document:03d}",
        "value": value,
        "value_high": high,
        "quote": quote,
        "geography": f"d{document}c{chapter}_{template['geography']}",
        "period_start": shifted(template["period_start"], chapter),
        "period_end": shifted(template["period_end"], chapter),
        "quote_start": 0,
        "cited_source": None,
        "note": None,
    }  # quote_start: set when the document is written


def synthetic_claims(templates: pd.DataFrame, claims: int, documents: int = DOCUMENTS) -> pd.DataFrame:
    """``claims`` synthetic claims spread evenly over ``documents`` documents (quote_start not yet set)."""
    if claims > documents * CLAIMS_PER_DOCUMENT:
        raise ValueError(f"at most {documents * CLAIMS_PER_DOCUMENT} claims over {documents} documents (3-digit claim ids)")
    by_source = {source: rows.to_dict("records") for source, rows in templates.groupby("source_id", sort=False)}
    imitated = imitated_sources(templates, documents)
    rows = []
    for index in range(claims):
        document, number = index % documents, index // documents
        own = by_source[imitated[document]]
        # Each document starts its cycle at another claim, so small ledgers still hold every family.
        template = own[(number + document) % len(own)]
        rows.append(synthetic_claim(template, document, number, chapter=number // len(own)))
    return pd.DataFrame(rows, columns=templates.columns)


def document_text(claims: pd.DataFrame) -> tuple[str, list[int]]:
    """A document made of its claims' quotes, one per line, and each quote's offset."""
    offsets, position = [], 0
    for quote in claims["quote"]:
        offsets.append(position)
        position += len(quote) + 1
    return "".join(f"{quote}\n" for quote in claims["quote"]), offsets


def write_checksums(directory: Path, names: list[str], checksum_file: Path) -> None:
    """A sha256sum-style file pinning ``names`` (relative to ``checksum_file``'s folder)."""
    lines = [f"{hashlib.sha256((directory / name).read_bytes()).hexdigest()}  {name}" for name in names]
    checksum_file.write_text("".join(f"{line}\n" for line in lines), encoding="utf-8")


def make_project(source: Layout, root: Path, claims: int, documents: int = DOCUMENTS) -> Layout:
    """Write a synthetic project of ``claims`` claims over ``documents`` documents under ``root``
    (which must not exist): made-up documents, register, checksums and ledger, the real reference files."""
    layout = Layout(root)
    shutil.copytree(source.reference_dir, layout.reference_dir)
    shutil.copy2(source.raw / "origins.csv", layout.raw / "origins.csv")
    layout.sources_dir.mkdir(parents=True)
    layout.ledger.parent.mkdir(parents=True)
    ledger = synthetic_claims(read_ledger(source).astype({"value": float, "value_high": float}), claims, documents)
    register = read_sources(source).iloc[:0]
    files = []
    for source_id, rows in ledger.groupby("source_id", sort=True):
        text, offsets = document_text(rows)
        ledger.loc[rows.index, "quote_start"] = offsets
        name = f"{source_id}.txt"
        (layout.sources_dir / name).write_text(text, encoding="utf-8")
        files.append(name)
        register.loc[len(register)] = {
            **dict.fromkeys(register.columns, "synthetic"),
            "source_id": source_id,
            "file": name,
            "published": "2024",
            "licence": "publishers-copyright",
        }
    register.to_csv(layout.sources_dir / "sources.csv", index=False, lineterminator="\n")
    write_checksums(layout.sources_dir, files, layout.sources_dir / CHECKSUM_FILE)
    write_checksums(layout.raw, ["origins.csv", "sources/sources.csv"], layout.raw / CHECKSUM_FILE)
    ledger.to_csv(layout.ledger, index=False, lineterminator="\n", float_format="%.12g")
    return layout
