"""add-source: a byte-exact copy, a register row, a pinned checksum and candidates for review; bad
input refused in one line with nothing written; and nothing enters the ledger."""

from __future__ import annotations

import hashlib
import io
from pathlib import Path

import pandas as pd
import pytest

from secstats.claims import check_ledger
from secstats.cli import main
from secstats.coverage import build_coverage
from secstats.intake import IntakeError, NewSource, add_source
from secstats.paths import Layout
from secstats.problems import BuildError
from secstats.sources import read_checksums, verify_raw

TEXT = "Fact sheet\n\nIn 2020, officials seized more than 40 kilograms of a drug called “X”.\u00a0Some 12 agents took part.\n"
FACTS = NewSource(
    title="A made-up fact sheet", publisher="Made-up Office", published="2021-03-04", url="https://example.org/sheet"
)


def inputs_of(layout: Layout) -> dict[str, bytes]:
    files = [*layout.raw.rglob("*"), *layout.ledger.parent.rglob("*")]
    return {str(f): f.read_bytes() for f in files if f.is_file()}


def test_add_source_registers_a_byte_exact_copy_and_writes_candidates_only(scratch: Layout, tmp_path: Path) -> None:
    document = tmp_path / "sheet.txt"
    document.write_bytes(TEXT.encode("utf-8"))
    ledger_before = scratch.ledger.read_bytes()
    source_id, candidates_file, count = add_source(scratch, document, FACTS)
    assert source_id == "made-up-2021"  # the title's first words (not "a", "fact", "sheet") and the year
    register = pd.read_csv(scratch.sources_dir / "sources.csv", dtype=str, keep_default_na=False)
    row = register.set_index("source_id").loc[source_id]
    assert (row.title, row.publisher, row.published, row.url) == (FACTS.title, FACTS.publisher, "2021-03-04", FACTS.url)
    copy = scratch.sources_dir / row.file
    assert copy.read_bytes() == TEXT.encode("utf-8")
    digest = hashlib.sha256(TEXT.encode("utf-8")).hexdigest()
    assert row.file == f"005_{digest[:16]}.txt"
    assert read_checksums(scratch.raw / "SHA256SUMS")[f"sources/{row.file}"] == digest
    verify_raw(scratch)  # the register's own checksum was updated too
    candidates = pd.read_csv(candidates_file, dtype=str, keep_default_na=False)
    assert count == len(candidates) == 2
    assert list(candidates["quote"]) == ["more than 40 kilograms", "Some 12 agents"]
    assert list(candidates["qualifier"]) == ["more_than", "approximate"]
    for candidate in candidates.itertuples():
        start = int(candidate.quote_start)
        assert TEXT[start : start + len(candidate.quote)] == candidate.quote
    assert scratch.ledger.read_bytes() == ledger_before  # nothing enters the ledger without a person


def test_after_add_source_the_build_names_every_number_until_it_is_curated(scratch: Layout, tmp_path: Path) -> None:
    document = tmp_path / "sheet.txt"
    document.write_bytes(TEXT.encode("utf-8"))
    add_source(scratch, document, FACTS)
    with pytest.raises(BuildError) as error:
        build_coverage(scratch, check_ledger(scratch))
    assert [p.message.split(":")[0] for p in error.value.problems] == [
        f"offset {TEXT.index('more than 40')}",
        f"offset {TEXT.index('Some 12')}",
    ]


@pytest.mark.parametrize(
    "content, facts, message",
    [
        ("café".encode("latin-1"), FACTS, "not UTF-8 text (byte 3"),
        (b"  \n", FACTS, "the file is empty"),
        (TEXT.encode(), NewSource("T", "P", "March 2021"), "--date 'March 2021': use YYYY, YYYY-MM or YYYY-MM-DD"),
        (TEXT.encode(), NewSource("T", "P", "2021", source_id="bell-martin-2021"), "already registered in sources.csv"),
        (TEXT.encode(), NewSource("T", "P", "2021", source_id="Bad Id"), "use lower-case letters, digits and hyphens"),
    ],
)
def test_bad_input_is_refused_in_one_line_and_nothing_is_written(
    scratch: Layout, tmp_path: Path, content: bytes, facts: NewSource, message: str
) -> None:
    document = tmp_path / "sheet.txt"
    document.write_bytes(content)
    before = inputs_of(scratch)
    with pytest.raises(IntakeError) as error:
        add_source(scratch, document, facts)
    assert message in str(error.value) and "\n" not in str(error.value)
    assert inputs_of(scratch) == before


def test_a_registered_document_cannot_be_added_twice(scratch: Layout) -> None:
    registered = scratch.sources_dir / "003_2c88877c2c8543aa.txt"
    with pytest.raises(IntakeError, match="already registered as data/raw/sources/003_2c88877c2c8543aa.txt"):
        add_source(scratch, registered, FACTS)


def test_an_existing_target_file_is_not_overwritten(scratch: Layout, tmp_path: Path) -> None:
    document = tmp_path / "sheet.txt"
    document.write_bytes(TEXT.encode("utf-8"))
    target = scratch.sources_dir / f"005_{hashlib.sha256(TEXT.encode()).hexdigest()[:16]}.txt"
    target.write_bytes(b"someone else's file")
    with pytest.raises(IntakeError, match="file exists; nothing was written"):
        add_source(scratch, document, FACTS)
    assert target.read_bytes() == b"someone else's file"


def test_cli_refuses_a_file_that_is_not_utf8_with_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    document = tmp_path / "latin.txt"
    document.write_bytes("Año 2020: 40 cañones".encode("latin-1"))
    assert main(["add-source", str(document), "--title", "T", "--publisher", "P", "--date", "2021"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith(f"error: {document}: not UTF-8 text")


def test_cli_extract_prints_candidate_rows(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    document = tmp_path / "sheet.txt"
    document.write_bytes(TEXT.encode("utf-8"))
    assert main(["extract", str(document), "--date", "2021", "--format", "json", "--all"]) == 0
    rows = pd.read_json(io.StringIO(capsys.readouterr().out), dtype=str)
    assert list(rows["kind"]) == ["year", "quantity", "quantity"]
    assert list(rows.loc[rows["kind"] == "quantity", "value"]) == ["40", "12"]
    assert main(["extract", str(tmp_path / "missing.txt")]) == 1
