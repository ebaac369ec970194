"""Citations in the formats reference managers read; each carries the document and the verbatim quote."""

from __future__ import annotations

import json
import re

import pandas as pd
import pytest

import secstats
from secstats.publish.citation import FORMATS, bibtex_text, render_citation, ris_date
from secstats.raw.sources import read_sources
from tests.conftest import REPO


def a_claim_with_url() -> pd.Series:
    """A ledger claim whose document has a URL in the register."""
    register = read_sources(REPO)
    with_url = set(register.loc[register["url"] != "", "source_id"])
    ledger = secstats.claims()
    return ledger[ledger["source_id"].isin(with_url)].iloc[0]


def test_every_format_names_the_document_and_quotes_the_claim() -> None:
    claim = a_claim_with_url()
    source = read_sources(REPO).set_index("source_id").loc[claim["source_id"]]
    for format in FORMATS:
        text = secstats.cite(claim["claim_id"], format=format)
        assert claim["claim_id"] in text and source["url"] in text, format
        assert claim["quote"].split()[0] in text and source["publisher"].split()[0] in text, format


def test_csl_json_is_one_item_with_dates_as_parts() -> None:
    claim = a_claim_with_url()
    (item,) = json.loads(secstats.cite(claim["claim_id"], format="csl-json"))
    assert item["id"] == claim["claim_id"] and item["author"] and item["title"]
    assert all(isinstance(part, int) for part in item["issued"]["date-parts"][0])
    assert len(item["accessed"]["date-parts"][0]) == 3 and claim["quote"] in item["note"]


def test_bibtex_is_one_balanced_entry_with_special_characters_escaped() -> None:
    entry = secstats.cite(a_claim_with_url()["claim_id"], format="bibtex")
    assert re.match(r"^@(misc|techreport)\{[a-z]+-\d{3},\n", entry) and entry.endswith("\n}")
    unescaped = re.sub(r"\\[{}]", "", entry)
    assert unescaped.count("{") == unescaped.count("}")
    assert bibtex_text("50% of A&B_c") == r"50\% of A\&B\_c"


def test_ris_record_starts_with_its_type_and_ends_with_er() -> None:
    lines = secstats.cite(a_claim_with_url()["claim_id"], format="ris").splitlines()
    assert lines[0].startswith("TY  - ") and lines[-1] == "ER  - "
    assert all(re.match(r"^[A-Z][A-Z0-9]  - ", line) for line in lines)
    assert (ris_date("2000"), ris_date("2000-02")) == ("2000///", "2000/02//")


def test_an_unknown_format_lists_the_valid_ones() -> None:
    with pytest.raises(KeyError, match="valid formats: text, bibtex, csl-json, ris"):
        secstats.cite(a_claim_with_url()["claim_id"], format="apa")


def test_the_register_gives_each_document_a_url_or_none_and_an_access_date() -> None:
    register = read_sources(REPO)
    assert ((register["url"] == "") | register["url"].str.startswith("https://")).all()
    assert register["accessed"].str.fullmatch(r"\d{4}-\d{2}-\d{2}").all()


def test_package_citation_and_licences_match_the_package() -> None:
    import tomllib

    import yaml

    citation = yaml.safe_load((REPO.root / "CITATION.cff").read_text())
    project = tomllib.loads((REPO.root / "pyproject.toml").read_text())["project"]
    assert citation["version"] == project["version"] and citation["cff-version"] == "1.2.0"
    assert citation["license"] == ["MIT", "CC-BY-4.0"]
    assert (REPO.root / "LICENSE").read_text().startswith("MIT License")


# --- what a journalist pastes: made-up claims and documents ------------------------------------------

CLAIM = pd.Series(
    {
        "quote": "some 12 agents",
        "qualifier": "approximate",
        "cited_source": "[3] A made-up endnote",
        "note": "DISAGREES with the introduction: a curator's remark",
        "source_id": "memo-2021",
    }
)


def source(author: str, author_type: str, publisher: str = "Made-up Office") -> pd.Series:
    return pd.Series(
        {
            "author": author,
            "author_type": author_type,
            "publisher": publisher,
            "title": "A made-up memo",
            "published": "2021-03",
            "kind": "report",
            "url": "https://example.org/memo",
            "accessed": "2024-01-02",
            "file": "007_0123456789abcdef.txt",
        }
    )


@pytest.mark.parametrize("format", FORMATS)
def test_no_citation_carries_the_curators_note_or_a_file_path(format: str) -> None:
    text = render_citation("memo-001", CLAIM, source("Ana María Pérez", "person"), format)
    assert "DISAGREES" not in text and "curator" not in text
    assert "data/raw" not in text and "007_0123456789abcdef" not in text
    assert "some 12 agents" in text and "memo-001" in text and "A made-up endnote" in text


@pytest.mark.parametrize("format", FORMATS)
def test_an_endnote_attached_by_order_is_said_in_words_not_the_ledgers_mark(format: str) -> None:
    claim = {**CLAIM, "cited_source": "inferred: [3] A made-up endnote"}
    text = render_citation("memo-001", claim, source("Ana María Pérez", "person"), format)
    assert "inferred:" not in text
    assert "[3] A made-up endnote (attached by the order of its endnotes" in text


def test_bibtex_braces_an_organisation_and_lets_a_person_be_parsed() -> None:
    person = render_citation("memo-001", CLAIM, source("Ana María Pérez", "person"), "bibtex")
    organisation = render_citation("memo-001", CLAIM, source("Made-up Task Force", "organisation"), "bibtex")
    assert "author = {Ana María Pérez}," in person
    assert "author = {{Made-up Task Force}}," in organisation


def test_csl_and_ris_split_a_persons_name_and_keep_an_organisations_whole() -> None:
    (item,) = json.loads(render_citation("memo-001", CLAIM, source("Ana María Pérez", "person"), "csl-json"))
    assert item["author"] == [{"family": "Pérez", "given": "Ana María"}]
    (item,) = json.loads(render_citation("memo-001", CLAIM, source("Made-up Task Force", "organisation"), "csl-json"))
    assert item["author"] == [{"literal": "Made-up Task Force"}]
    assert "AU  - Pérez, Ana María" in render_citation("memo-001", CLAIM, source("Ana María Pérez", "person"), "ris")


@pytest.mark.parametrize("format", FORMATS)
def test_a_document_whose_author_is_its_publisher_names_it_once(format: str) -> None:
    text = render_citation("memo-001", CLAIM, source("Made-up Office", "organisation", "Made-up Office"), format)
    assert text.count("Made-up Office") == 1


def test_a_derived_row_is_cited_by_the_claims_it_rests_on() -> None:
    inputs = pd.read_csv(REPO.clean / "derivation_inputs.csv", dtype=str, keep_default_na=False)
    row_id, rows = next(iter(inputs.groupby("row_id")))
    claims = list(dict.fromkeys(rows["claim_id"]))
    text = secstats.cite(row_id)
    assert text.startswith(f"{row_id} is computed by secstats from {len(claims)} claim(s)") and "derivation_inputs" in text
    assert all(f"secstats claim {claim}" in text for claim in claims)
    items = json.loads(secstats.cite(row_id, format="csl-json"))
    assert [item["id"] for item in items] == claims


def test_citation_cff_has_a_release_date_and_describes_cite_truly() -> None:
    import yaml

    citation = yaml.safe_load((REPO.root / "CITATION.cff").read_text())
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", str(citation["date-released"]))
    assert "prints both" not in citation["message"]
