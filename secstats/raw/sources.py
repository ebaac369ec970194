"""Stage 0: the raw documents, kept byte-exact and verified by checksum before anything reads them."""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

from secstats.core.csvfiles import read_csv_checked, read_text
from secstats.core.digest import sha256_of
from secstats.core.paths import Layout
from secstats.core.problems import Problem, raise_if_any

if TYPE_CHECKING:
    import pandas as pd

CHECKSUM_FILE = "SHA256SUMS"


CHECKSUM_LINE = re.compile(r"^([0-9a-f]{64}) [ *](.+)$")


def read_checksums(checksum_file: Path) -> dict[str, str]:
    """Parse a ``sha256sum``-style file into {relative file name: expected hash}; a malformed line
    raises ``BuildError`` naming it."""
    expected: dict[str, str] = {}
    problems = []
    for number, line in enumerate(read_text(checksum_file).splitlines(), start=1):
        match = CHECKSUM_LINE.match(line)
        if match:
            expected[match.group(2)] = match.group(1)
        elif line.strip():
            problems.append(Problem(str(checksum_file), "sha256sum line format", f"malformed line {line!r}", row=number))
    raise_if_any(problems)
    return expected


def checksum_problems(directory: Path) -> list[Problem]:
    """Compare every file listed in ``directory/SHA256SUMS`` with its bytes on disk, and flag any file
    of the folder that its SHA256SUMS does not pin (one checksum file per folder, nothing pinned elsewhere)."""
    checksum_file = directory / CHECKSUM_FILE
    if not checksum_file.is_file():
        return [Problem(str(checksum_file), "checksum-file-present", "no SHA256SUMS file")]
    expected = read_checksums(checksum_file)
    # A file nobody pinned could be read unchecked: every file in the folder must be listed.
    problems = [
        Problem(str(path), "sha256 listed", f"file is not listed in {checksum_file}")
        for path in sorted(directory.iterdir())
        if path.is_file() and path.name not in {CHECKSUM_FILE, *expected}
    ]
    for name, digest in expected.items():
        path = directory / name
        if not path.is_file():
            problems.append(Problem(str(path), "sha256", f"file missing (expected sha256 {digest})"))
            continue
        actual = sha256_of(path)
        if actual != digest:
            problems.append(
                Problem(
                    str(path),
                    "sha256",
                    f"checksum mismatch: expected {digest}, actual {actual}; if you changed it on purpose, "
                    f"re-pin it: replace its line in {checksum_file} with the output of "
                    f"`cd {directory} && sha256sum {name}`",
                )
            )
    return problems


def verify_raw(layout: Layout) -> None:
    """Stop the build unless every raw file matches its recorded checksum.

    Each folder pins its own files in its own SHA256SUMS: data/raw/ (origins.csv), data/raw/sources/
    (the documents and the register sources.csv, documents added by ``add-source`` included) and each
    folder of data/raw/reference/.
    """
    problems = checksum_problems(layout.raw) + checksum_problems(layout.sources_dir)
    if layout.reference_dir.is_dir():
        for directory in sorted(p for p in layout.reference_dir.iterdir() if p.is_dir()):
            problems += checksum_problems(directory)
    raise_if_any(problems)


REGISTER_COLUMNS = ["source_id", "file", "title", "author", "publisher", "published"]


def read_sources(layout: Layout) -> pd.DataFrame:
    """The source register (`sources.csv`): id, file, title, author, publisher, published, kind."""
    path = layout.sources_dir / "sources.csv"
    return read_csv_checked(path, str(path.relative_to(layout.root)), REGISTER_COLUMNS, dtype=str, keep_default_na=False)


def register_problems(layout: Layout) -> list[Problem]:
    """A source id or file registered twice: every claim of that id would be checked against one of
    the two documents, so this is said first, before the quotes it makes look wrong."""
    path = layout.sources_dir / "sources.csv"
    register = read_sources(layout)
    return [
        Problem(
            str(path.relative_to(layout.root)),
            f"{column} unique",
            f"{column} {register.loc[index, column]!r} is registered twice (first on row {first + 2})",
            row=int(index) + 2,
            column=column,
        )
        for column in ("source_id", "file")
        for index in register.index[register.duplicated(column)]
        for first in [int(register.index[register[column] == register.loc[index, column]][0])]
    ]


def read_document(layout: Layout, file_name: str) -> str:
    """A source document's text, decoded as UTF-8 (quote offsets count characters of this text)."""
    path = layout.sources_dir / file_name
    return read_text(path, str(path.relative_to(layout.root)))


def document_texts(layout: Layout) -> dict[str, str]:
    """{source_id: document text} for every registered source."""
    register = read_sources(layout)
    return {row.source_id: read_document(layout, row.file) for row in register.itertuples()}


def published_year(published: str) -> int | None:
    """The year of a register's ``published`` cell ('2021-01' -> 2021)."""
    return int(published[:4]) if re.match(r"^\d{4}", published or "") else None
