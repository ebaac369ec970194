"""Registering a new document: ``secstats add-source``.

The document is copied byte-exact into data/raw/sources/, registered in sources.csv, pinned by its
SHA-256 (in data/raw/SHA256SUMS, since the publisher's list in data/raw/sources/ stays as
published), and its quantities are written to data/ledger/candidates/<source_id>.csv for a person
to review. Nothing enters the ledger here: from now on the build stops on every number of the
document until a curator copies it into claims.csv or lists it in dismissed.csv.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pandas as pd

from secstats.claims import read_ledger
from secstats.coverage import published_year
from secstats.csvfiles import guess_encoding
from secstats.extract import candidate_rows, extract
from secstats.outputs import csv_bytes, write_bytes_atomic
from secstats.paths import Layout
from secstats.sources import CHECKSUM_FILE, read_checksums, read_sources

DATE = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?)?$")
TITLE_STOP_WORDS = {"a", "an", "the", "of", "on", "in", "and", "for", "to", "with", "by", "from", "fact", "sheet"}


class IntakeError(Exception):
    """A document that cannot be registered; the message is one line naming the file and the reason."""


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
        candidate = "-".join(words[:3] + [source.published[:4]])
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


def add_source(layout: Layout, path: Path, source: NewSource) -> tuple[str, Path, int]:
    """Register ``path``; return (source_id, candidates file, number of candidates). Writes nothing on error."""
    checked_facts(source)
    if not path.is_file():
        raise IntakeError(f"{path}: no such file")
    data = path.read_bytes()
    text = decoded(path, data)
    digest = hashlib.sha256(data).hexdigest()
    register = read_sources(layout)
    pinned = {**read_checksums(layout.sources_dir / CHECKSUM_FILE), **read_checksums(layout.raw / CHECKSUM_FILE)}
    same = [name for name, known in pinned.items() if known == digest and name != "sources/sources.csv"]
    if same:
        raise IntakeError(f"{path}: the same bytes are already registered as data/raw/sources/{Path(same[0]).name}")
    source_id = source_id_for(source, set(register["source_id"]))
    file_name = file_name_for(register, digest)
    target = layout.sources_dir / file_name
    if target.exists():
        raise IntakeError(f"{target}: file exists; nothing was written")
    row = {
        "source_id": source_id,
        "file": file_name,
        "title": source.title,
        "author": source.author or source.publisher,
        "publisher": source.publisher,
        "published": source.published,
        "kind": source.kind,
        "url": source.url,
        "accessed": datetime.now(UTC).date().isoformat(),  # the day the copy enters the repository
        "licence": "publishers-copyright",
    }  # a document stays its publisher's; secstats keeps short quotes
    if "url" not in register.columns:
        register["url"] = ""
    register = pd.concat([register, pd.DataFrame([row])[register.columns]], ignore_index=True)
    register_bytes = csv_bytes(register)
    candidates = candidate_rows(
        extract(text, published_year(source.published)), source_id, proposed_short(read_ledger(layout), source_id)
    )
    candidates_file = layout.candidates_dir / f"{source_id}.csv"
    sums = pinned_sums(
        layout, {f"sources/{file_name}": digest, "sources/sources.csv": hashlib.sha256(register_bytes).hexdigest()}
    )
    # Everything is made before anything is written; the document first, the register last.
    write_bytes_atomic(target, data)
    write_bytes_atomic(candidates_file, csv_bytes(candidates))
    write_bytes_atomic(layout.sources_dir / "sources.csv", register_bytes)
    write_bytes_atomic(layout.raw / CHECKSUM_FILE, sums)
    return source_id, candidates_file, len(candidates)


def pinned_sums(layout: Layout, updates: dict[str, str]) -> bytes:
    """data/raw/SHA256SUMS with ``updates`` ({relative name: digest}) set, in sha256sum's format."""
    sums = read_checksums(layout.raw / CHECKSUM_FILE)
    sums.update(updates)
    return "".join(f"{digest}  {name}\n" for name, digest in sums.items()).encode("utf-8")


def proposed_short(ledger: pd.DataFrame, source_id: str) -> str:
    """A claim-id prefix for the new document: its id's first letters, unless another document uses them."""
    short = re.sub(r"[^a-z]", "", source_id.split("-")[0])
    used = set(ledger["claim_id"].str.split("-").str[0])
    return short if short and short not in used else ""
