"""The Python API a pandas user meets first: tables, load, claims, cite."""

from __future__ import annotations

import re
import subprocess
import sys

import pandas as pd
import pytest

import secstats
from secstats.core.paths import Layout
from secstats.core.problems import BuildError
from secstats.publish.catalog import CATALOG
from secstats.raw.sources import read_sources
from tests.conftest import REPO


def test_tables_lists_every_published_table_with_a_description() -> None:
    listed = secstats.tables()
    assert list(listed) == list(CATALOG)
    assert all(description and "\n" not in description for description in listed.values())


def test_load_returns_validated_typed_frames() -> None:
    homicides = secstats.load("homicides")
    assert pd.api.types.is_float_dtype(homicides["value"])
    assert homicides["row_id"].is_unique
    assert (homicides["claim_id"].isna() == (homicides["processing"] == "derived")).all()
    assert pd.api.types.is_datetime64_any_dtype(homicides["period_start"])
    report = secstats.load("contradictions")
    assert pd.api.types.is_bool_dtype(report["same_document"])
    official = secstats.load("official_mexico_homicides")
    assert pd.api.types.is_integer_dtype(official["year"]) and pd.api.types.is_integer_dtype(official["homicides"])


def test_load_of_an_unknown_name_lists_the_valid_ones() -> None:
    with pytest.raises(KeyError) as error:
        secstats.load("homicide")
    assert "valid tables:" in str(error.value) and "homicides" in str(error.value)


def test_claims_is_the_ledger() -> None:
    ledger = secstats.claims()
    assert ledger["claim_id"].is_unique
    raw = pd.read_csv(REPO.ledger, dtype=str, keep_default_na=False)
    assert list(ledger["quote"]) == list(raw["quote"])


def test_cite_quotes_verbatim_and_names_source_and_endnote() -> None:
    ledger = secstats.claims()
    claim = ledger[ledger["cited_source"].notna()].iloc[0]
    text = secstats.cite(claim["claim_id"])
    source = read_sources(REPO).set_index("source_id").loc[claim["source_id"]]
    assert f'"{claim["quote"]}"' in text
    assert source["author"] in text and source["title"] in text
    assert claim["cited_source"].removeprefix("inferred: ") in text and claim["claim_id"] in text


def test_cite_of_an_unknown_claim_suggests_ids() -> None:
    with pytest.raises(KeyError, match="ids of that document look like kloppe-001"):
        secstats.cite("kloppe-999")


def test_load_carries_the_metadata_in_attrs() -> None:
    overdoses = secstats.load("official_us_overdose_deaths")
    resource = secstats.describe("official_us_overdose_deaths")
    assert overdoses.attrs["description"] == resource["description"] and "1999-2023" in resource["description"]
    assert overdoses.attrs["units"] == {"deaths": "persons"}
    assert overdoses.attrs["licenses"][0]["name"] == "us-government-work"
    assert any(source.get("path", "").startswith("https://") for source in overdoses.attrs["sources"])
    assert overdoses.attrs["primary_key"] == ["drug", "year"]


def test_describe_lists_every_column_with_its_type() -> None:
    resource = secstats.describe("reported_extraditions")
    fields = {field["name"]: field["type"] for field in resource["schema"]["fields"]}
    assert fields["period_start"] == "date" and fields["extraditions"] == "integer"
    assert list(secstats.load("reported_extraditions").columns) == list(fields)
    with pytest.raises(KeyError, match="valid tables"):
        secstats.describe("homicide")


# --- fast answers ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "command",
    [
        "main(['cite', 'kloppe-006']); main(['cite', 'kloppe-006', '--format', 'bibtex'])",
        "main(['list']); main(['describe', 'homicides'])",
        "import secstats; repr(secstats.describe('homicides')); secstats.cite('kloppe-006')",
    ],
)
def test_cite_list_and_describe_import_neither_pandera_nor_matplotlib(command: str) -> None:
    code = (
        f"import sys\nfrom secstats.cli import main\n{command}\nprint([m for m in ('pandera', 'matplotlib') if m in sys.modules])"
    )
    done = subprocess.run([sys.executable, "-c", code], cwd=REPO.root, capture_output=True, text=True, check=True)
    assert done.stdout.splitlines()[-1] == "[]", done.stdout[-500:]


def test_load_reads_a_table_the_build_validated_as_validation_would(scratch: Layout) -> None:
    for name in ("homicides", "contradictions", "official_mexico_homicides", "reported_extraditions"):
        pd.testing.assert_frame_equal(secstats.load(name, scratch), secstats.load(name, scratch, validate=True))


def test_load_refuses_a_table_whose_bytes_are_not_the_built_ones(scratch: Layout) -> None:
    path = scratch.clean / "homicides.csv"
    path.write_text(path.read_text(encoding="utf-8").replace(",exact,", ",exactly,", 1), encoding="utf-8")
    for validate in (False, True):
        with pytest.raises(BuildError, match=re.escape("homicides.csv: rule output as built")):
            secstats.load("homicides", scratch, validate=validate)


def test_load_validates_bytes_that_differ_and_names_their_bad_cells_in_the_refusal(scratch: Layout) -> None:
    path = scratch.clean / "homicides.csv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    header = lines[0].rstrip("\n").split(",")
    cells = lines[1].rstrip("\n").split(",")
    cells[header.index("value")] = "-5"
    path.write_text("".join([lines[0], ",".join(cells) + "\n", *lines[2:]]), encoding="utf-8")
    with pytest.raises(BuildError) as refused:
        secstats.load("homicides", scratch)
    report = str(refused.value)
    assert "homicides.csv: rule output as built" in report
    assert "row 2" in report and "column value" in report and "-5" in report


def test_describe_prints_as_a_page_and_stays_a_dict() -> None:
    description = secstats.describe("homicides")
    text = repr(description)
    assert text.count("\n") > 5 and text.startswith("homicides: ") and "value (number" in text
    assert isinstance(description, dict) and description["name"] == "homicides"
