"""add-source: a byte-exact copy, a register row, a pinned checksum and candidates for review; bad
input refused in one line with nothing written; and nothing enters the ledger."""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pandas as pd
import pytest

from secstats.cli import main
from secstats.core.paths import Layout
from secstats.core.problems import BuildError
from secstats.ledger.claims import check_ledger
from secstats.ledger.coverage import build_coverage
from secstats.ledger.intake import IntakeError, NewSource, add_source
from secstats.raw.sources import read_checksums, verify_raw
from tests.conftest import REPO, seed_render_cache

TEXT = "Fact sheet\n\nIn 2020, officials seized more than 40 kilograms of a drug called “X”.\u00a0Some 12 agents took part.\n"
FACTS = NewSource(
    title="A made-up fact sheet", publisher="Made-up Office", published="2021-03-04", url="https://example.org/sheet"
)


def next_number(layout: Layout) -> str:
    """The number add-source gives the next document: one more than the register's highest."""
    files = pd.read_csv(layout.sources_dir / "sources.csv", dtype=str)["file"]
    return f"{max(int(name[:3]) for name in files) + 1:03d}"


def inputs_of(layout: Layout) -> dict[str, bytes]:
    files = [*layout.raw.rglob("*"), *layout.ledger.parent.rglob("*")]
    return {str(f): f.read_bytes() for f in files if f.is_file()}


def test_add_source_registers_a_byte_exact_copy_and_writes_candidates_only(scratch: Layout, tmp_path: Path) -> None:
    document = tmp_path / "sheet.txt"
    document.write_bytes(TEXT.encode("utf-8"))
    ledger_before = scratch.ledger.read_bytes()
    number = next_number(scratch)
    source_id, candidates_file, count = add_source(scratch, document, FACTS)
    assert source_id == "made-up-2021"  # the title's first words (not "a", "fact", "sheet") and the year
    register = pd.read_csv(scratch.sources_dir / "sources.csv", dtype=str, keep_default_na=False)
    row = register.set_index("source_id").loc[source_id]
    assert (row.title, row.publisher, row.published, row.url) == (FACTS.title, FACTS.publisher, "2021-03-04", FACTS.url)
    copy = scratch.sources_dir / row.file
    assert copy.read_bytes() == TEXT.encode("utf-8")
    digest = hashlib.sha256(TEXT.encode("utf-8")).hexdigest()
    assert row.file == f"{number}_{digest[:16]}.txt"
    assert read_checksums(scratch.sources_dir / "SHA256SUMS")[row.file] == digest  # the folder's one checksum file
    assert not any(name.startswith("sources/") for name in read_checksums(scratch.raw / "SHA256SUMS"))
    verify_raw(scratch)  # the register's own checksum was updated too
    assert (row.licence, row.accessed) == ("publishers-copyright", datetime.now(UTC).date().isoformat())
    candidates = pd.read_csv(candidates_file, dtype=str, keep_default_na=False)
    assert list(candidates.columns) == list(pd.read_csv(scratch.ledger, nrows=0).columns)  # pasted as they are
    assert list(candidates["claim_id"]) == ["made-001", "made-002"]  # the document's own prefix
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
        (TEXT.encode(), NewSource("T", "P", "2021", accessed="yesterday"), "--accessed 'yesterday': use YYYY-MM-DD"),
        (TEXT.encode(), NewSource("T", "P", "2021", licence="my licence"), "--licence 'my licence': a licence name"),
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
    with pytest.raises(IntakeError, match=re.escape("already registered as data/raw/sources/003_2c88877c2c8543aa.txt")):
        add_source(scratch, registered, FACTS)


def test_an_existing_target_file_is_not_overwritten(scratch: Layout, tmp_path: Path) -> None:
    document = tmp_path / "sheet.txt"
    document.write_bytes(TEXT.encode("utf-8"))
    target = scratch.sources_dir / f"{next_number(scratch)}_{hashlib.sha256(TEXT.encode()).hexdigest()[:16]}.txt"
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
    rows = json.loads(capsys.readouterr().out)
    assert [row["kind"] for row in rows] == ["year", "quantity", "quantity"]
    assert [row["value"] for row in rows if row["kind"] == "quantity"] == [40, 12]
    assert main(["extract", str(tmp_path / "missing.txt")]) == 1


def test_licence_and_access_date_are_the_curators(scratch: Layout, tmp_path: Path) -> None:
    document = tmp_path / "sheet.txt"
    document.write_bytes(TEXT.encode("utf-8"))
    facts = NewSource("A made-up memo", "Made-up Office", "2021", licence="CC-BY-4.0", accessed="2024-01-02")
    source_id, _, _ = add_source(scratch, document, facts)
    row = pd.read_csv(scratch.sources_dir / "sources.csv", dtype=str).set_index("source_id").loc[source_id]
    assert (row.licence, row.accessed) == ("CC-BY-4.0", "2024-01-02")


def test_a_changed_register_is_named_with_the_way_to_repin_it(scratch: Layout) -> None:
    register = scratch.sources_dir / "sources.csv"
    register.write_text(register.read_text(encoding="utf-8").replace("publishers-copyright", "CC-BY-4.0", 1), encoding="utf-8")
    with pytest.raises(BuildError) as error:
        verify_raw(scratch)
    assert (
        "checksum mismatch" in str(error.value)
        and "re-pin it" in str(error.value)
        and "sha256sum sources.csv" in str(error.value)
    )


def test_the_cli_takes_licence_access_date_and_project(
    tmp_path: Path, scratch: Layout, capsys: pytest.CaptureFixture[str]
) -> None:
    document = tmp_path / "sheet.txt"
    document.write_bytes(TEXT.encode("utf-8"))
    args = ["add-source", str(document), "--title", "Made-up cable", "--publisher", "Office", "--date", "2021"]
    status = main([*args, "--licence", "public-domain", "--accessed", "2024-05-06", "--project", str(scratch.root)])
    assert status == 0, capsys.readouterr().err
    register = pd.read_csv(scratch.sources_dir / "sources.csv", dtype=str)
    assert list(register.iloc[-1][["licence", "accessed"]]) == ["public-domain", "2024-05-06"]
    assert main([*args, "--project", str(tmp_path / "nowhere")]) == 1
    assert "no data/ledger/claims.csv there" in capsys.readouterr().err


# --- the curator's whole path, on a copy of the project ---------------------------------------------

SIXTH = "A made-up memo\n\nIn 2020, more than 40 percent of the seizures were made at ports. Some 12 agents took part.\n"
# The suite's checks that read the project's own data: each would fail if it hard-coded the five
# documents (their number, a file name, a count typed into the README or docs/).
DATA_TESTS = [
    "tests/test_intake.py",
    "tests/test_sources.py",
    "tests/test_claims.py",
    "tests/test_coverage.py",
    "tests/test_readme.py",
]


def copy_checkout(root: Path) -> Path:
    """The checkout's code, tests, data and built outputs (no venv, no git, no caches) under root."""
    ignored = shutil.ignore_patterns(".venv", ".git", ".cache", "__pycache__", ".pytest_cache", "*.egg-info", "mutants")
    shutil.copytree(REPO.root, root, ignore=ignored)
    return root


def in_project(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """A command of the copied project, with its own secstats first on the path."""
    env = {**os.environ, "PYTHONPATH": str(root)}
    env.pop("PYTEST_XDIST_WORKER", None)
    return subprocess.run([sys.executable, *args], cwd=root, capture_output=True, text=True, env=env)


def test_a_sixth_document_added_as_the_readme_says_keeps_every_check_green(tmp_path: Path, rendered: dict[str, bytes]) -> None:
    """docs/curation.md, "The path, step by step": add-source, review the candidates, paste them into the ledger,
    make figures. Then the checks of the suite that read the project's data pass, unedited."""
    root = copy_checkout(tmp_path / "clone")
    seed_render_cache(root)
    document = tmp_path / "memo.txt"
    document.write_text(SIXTH, encoding="utf-8")
    added = in_project(
        root,
        "-m",
        "secstats",
        "add-source",
        str(document),
        "--title",
        "A made-up memo",
        "--publisher",
        "Made-up Office",
        "--date",
        "2021-03-04",
        "--source-id",
        "memo-2021",
    )
    assert added.returncode == 0, added.stderr
    candidates = pd.read_csv(root / "data" / "ledger" / "candidates" / "memo-2021.csv", dtype=str, keep_default_na=False)
    candidates["geography"] = "mexico"  # the review: the extractor leaves the place to the curator
    with open(root / "data" / "ledger" / "claims.csv", "a", encoding="utf-8", newline="") as ledger:
        candidates.to_csv(ledger, header=False, index=False, lineterminator="\n")  # pasted as they are
    for command in (["build"], ["check"]):
        done = in_project(root, "-m", "secstats", *command)
        assert done.returncode == 0, done.stderr
    suite = in_project(
        root, "-m", "pytest", "-q", "-x", "-p", "no:cacheprovider", "-n", "0", "-k", "not sixth_document", *DATA_TESTS
    )
    assert suite.returncode == 0, suite.stdout[-3000:]
