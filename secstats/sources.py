"""Stage 0: the raw documents, kept byte-exact and verified by checksum before anything reads them."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pandas as pd

from secstats.paths import Layout
from secstats.problems import Problem, raise_if_any

CHECKSUM_FILE = "SHA256SUMS"


def sha256_of(path: Path) -> str:
    """Hex SHA-256 of a file's bytes."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def read_checksums(checksum_file: Path) -> dict[str, str]:
    """Parse a ``sha256sum``-style file into {relative file name: expected hash}."""
    expected: dict[str, str] = {}
    for line in checksum_file.read_text(encoding="utf-8").splitlines():
        if line.strip():
            digest, name = line.split(maxsplit=1)
            expected[name.lstrip("*")] = digest
    return expected


def checksum_problems(directory: Path) -> list[Problem]:
    """Compare every file listed in ``directory/SHA256SUMS`` with its bytes on disk."""
    checksum_file = directory / CHECKSUM_FILE
    if not checksum_file.is_file():
        return [Problem(str(checksum_file), "checksum-file-present", "no SHA256SUMS file")]
    problems = []
    for name, digest in read_checksums(checksum_file).items():
        path = directory / name
        if not path.is_file():
            problems.append(Problem(str(path), "sha256", f"file missing (expected sha256 {digest})"))
            continue
        actual = sha256_of(path)
        if actual != digest:
            problems.append(
                Problem(str(path), "sha256", f"checksum mismatch: expected {digest}, actual {actual}")
            )
    return problems


def verify_raw(layout: Layout) -> None:
    """Stop the build unless every raw file matches its recorded checksum."""
    directories = [layout.sources_dir]
    if layout.reference_dir.is_dir():
        directories += sorted(p for p in layout.reference_dir.iterdir() if p.is_dir())
    raise_if_any([problem for d in directories for problem in checksum_problems(d)])


def read_sources(layout: Layout) -> pd.DataFrame:
    """The source register (`sources.csv`): id, file, title, author, publisher, published, kind."""
    return pd.read_csv(layout.sources_dir / "sources.csv", dtype=str, keep_default_na=False)


def read_document(layout: Layout, file_name: str) -> str:
    """A source document's text, decoded as UTF-8 (quote offsets count characters of this text)."""
    return (layout.sources_dir / file_name).read_bytes().decode("utf-8")


def document_texts(layout: Layout) -> dict[str, str]:
    """{source_id: document text} for every registered source."""
    register = read_sources(layout)
    return {row.source_id: read_document(layout, row.file) for row in register.itertuples()}
