"""Registering a new document: ``secstats add-source``.

The document is copied byte-exact into data/raw/sources/, registered in sources.csv, pinned by its
SHA-256 in data/raw/sources/SHA256SUMS (the one checksum file of that folder, which pins the register
too), and its quantities are written to data/ledger/candidates/<source_id>.csv, in the ledger's own
columns, for a person to review. Nothing enters the ledger here: from now on the build stops on every
number of the document until a curator copies it into claims.csv or lists it in dismissed.csv.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pandas as pd

from secstats.core.csvfiles import guess_encoding
from secstats.core.outputs import csv_bytes, write_bytes_atomic
from secstats.core.paths import Layout
from secstats.core.problems import IntakeError
from secstats.extract.quantities import candidate_rows, extract
from secstats.ledger.claims import read_ledger
from secstats.raw.sources import CHECKSUM_FILE, published_year, read_checksums, read_sources

DATE = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?)?$")
FULL_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
LICENCE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9.+-]*$")
TITLE_STOP_WORDS = {"a", "an", "the", "of", "on", "in", "and", "for", "to", "with", "by", "from", "fact", "sheet"}


@dataclass(frozen=True)
class NewSource:
    """What a curator says about a document: its bibliographic facts."""

    title: str
    publisher: str
    published: str
    author: str = ""
    url: str = ""
    kind: str = "document"
    source_id: str = ""
    licence: str = "publishers-copyright"  # a document stays its publisher's; secstats keeps short quotes
    accessed: str = ""  # the day it was read; today when empty
    organisation: bool = False  # the author is an organisation (a person's name is split by citation managers)


def decoded(path: Path, data: bytes) -> str:
    """The document as text; a file that is not UTF-8, or holds no text, is refused."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise IntakeError(
            f"{path}: not UTF-8 text (byte {error.start}: {data[error.start : error.start + 1]!r}; it looks "
            f"like {guess_encoding(data)}); UTF-8 is required: convert it first, e.g. iconv -f LATIN1 -t UTF-8"
        ) from None
    if not text.strip():
        raise IntakeError(f"{path}: the file is empty")
    return text


def source_id_for(source: NewSource, taken: set[str]) -> str:
    """The given id, or one made from the title's first words and the year ('majors-list-fy2025-2024')."""
    if source.source_id:
        candidate = source.source_id
    else:
        words = [w for w in re.findall(r"[a-z0-9]+", source.title.lower()) if w not in TITLE_STOP_WORDS]
        candidate = "-".join([*words[:3], source.published[:4]])
    if not re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", candidate):
        raise IntakeError(f"--source-id {candidate!r}: use lower-case letters, digits and hyphens")
    if candidate in taken:
        raise IntakeError(f"source_id {candidate!r} is already registered in sources.csv; pass another --source-id")
    return candidate


def file_name_for(register: pd.DataFrame, digest: str) -> str:
    """'<next number>_<first 16 hex digits of the SHA-256>.txt', the register's naming."""
    numbers = [int(name[:3]) for name in register["file"] if re.match(r"^\d{3}_", name)]
    return f"{max(numbers, default=-1) + 1:03d}_{digest[:16]}.txt"


def checked_facts(source: NewSource) -> None:
    """Refuse empty titles or publishers and dates that are not YYYY, YYYY-MM or YYYY-MM-DD."""
    if not source.title.strip() or not source.publisher.strip():
        raise IntakeError("--title and --publisher must not be empty")
    if not DATE.match(source.published):
        raise IntakeError(f"--date {source.published!r}: use YYYY, YYYY-MM or YYYY-MM-DD")
    if source.accessed and not FULL_DATE.match(source.accessed):
        raise IntakeError(f"--accessed {source.accessed!r}: use YYYY-MM-DD, the day the document was read")
    if not LICENCE.match(source.licence):
        raise IntakeError(
            f"--licence {source.licence!r}: a licence name such as CC-BY-4.0, public-domain or publishers-copyright"
        )


def add_source(layout: Layout, path: Path, source: NewSource) -> tuple[str, Path, int]:
    """Register ``path``; return (source_id, candidates file, number of candidates). Writes nothing on error."""
    checked_facts(source)
    if not path.is_file():
        raise IntakeError(f"{path}: no such file")
    data = path.read_bytes()
    text = decoded(path, data)
    digest = hashlib.sha256(data).hexdigest()
    register = read_sources(layout)
    sums_file = layout.sources_dir / CHECKSUM_FILE
    pinned = read_checksums(sums_file)
    same = [name for name, known in pinned.items() if known == digest and name != "sources.csv"]
    if same:
        raise IntakeError(f"{path}: the same bytes are already registered as data/raw/sources/{same[0]}")
    source_id = source_id_for(source, set(register["source_id"]))
    file_name = file_name_for(register, digest)
    target = layout.sources_dir / file_name
    if target.exists():
        raise IntakeError(f"{target}: file exists; nothing was written")
    row = {
        "source_id": source_id,
        "file": file_name,
        "title": source.title,
        "author": source.author or source.publisher,  # no author named: the publisher is the (corporate) author
        "author_type": "organisation" if source.organisation or not source.author else "person",
        "publisher": source.publisher,
        "published": source.published,
        "kind": source.kind,
        "url": source.url,
        "accessed": source.accessed or datetime.now(UTC).date().isoformat(),
        "licence": source.licence,
    }
    for column in row:
        if column not in register.columns:
            register[column] = ""
    register = pd.concat([register, pd.DataFrame([row])[register.columns]], ignore_index=True)
    register_bytes = csv_bytes(register)
    ledger = read_ledger(layout)
    candidates = candidate_rows(
        extract(text, published_year(source.published)), source_id, claim_prefix(ledger, register, source_id)
    )[list(ledger.columns)]  # the ledger's columns only: a reviewed row is pasted into claims.csv as it is
    candidates_file = layout.candidates_dir / f"{source_id}.csv"
    pinned.update({file_name: digest, "sources.csv": hashlib.sha256(register_bytes).hexdigest()})
    sums = "".join(f"{known}  {name}\n" for name, known in pinned.items()).encode("utf-8")
    # Everything is made before anything is written; the document first, the register last.
    write_bytes_atomic(target, data)
    write_bytes_atomic(candidates_file, csv_bytes(candidates))
    write_bytes_atomic(layout.sources_dir / "sources.csv", register_bytes)
    write_bytes_atomic(sums_file, sums)
    return source_id, candidates_file, len(candidates)


def claim_prefix(ledger: pd.DataFrame, register: pd.DataFrame, source_id: str) -> str:
    """The claim-id prefix of a new document: letters of its id's words ('made-up-2021' -> 'made', else
    'madeup'), the first that no other document's claims use. Every claim of a document shares it."""
    others = register.loc[register["source_id"] != source_id, "source_id"]
    used = set(ledger["claim_id"].str.split("-").str[0]) | set(others.str.split("-").str[0])
    words = [re.sub(r"[^a-z]", "", word) for word in source_id.split("-")]
    words = [word for word in words if word]
    for count in range(1, len(words) + 1):
        prefix = "".join(words[:count])
        if prefix not in used:
            return prefix
    return "".join(words) + "doc"
