"""A made-up Spanish document end to end in a scratch project: add-source, its candidates, claims
copied from them, a dismissal, and the build; the Spanish claims verify against their quotes."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from secstats.core.paths import Layout
from secstats.core.problems import BuildError
from secstats.ledger.claims import check_ledger
from secstats.ledger.intake import NewSource, add_source
from secstats.pipeline import run_build

# Made up for this test: no real document, no real figure.
TEXT = (
    "Informe de la Secretaría de Seguridad\n\n"
    "En 2023 se registraron 33 mil 341 víctimas de homicidio doloso en el país, según la Fiscalía.\u00a0"
    "Además, la policía aseguró más de 2 millones de dosis de droga y detuvo a casi\u00a0900 personas.\n"
)
FACTS = NewSource(title="Informe inventado de seguridad", publisher="Oficina inventada", published="2024-01-15")


def copy_candidates(layout: Layout, candidates: pd.DataFrame, claims: dict[str, dict[str, str]]) -> None:
    """What a curator does: copy the chosen candidates into claims.csv, with the corrections given."""
    ledger = pd.read_csv(layout.ledger, dtype=str, keep_default_na=False)
    rows = []
    for quote, corrections in claims.items():
        row = candidates[candidates["quote"] == quote].iloc[0].to_dict()
        row.update(corrections)
        rows.append({column: row[column] for column in ledger.columns})
    pd.concat([ledger, pd.DataFrame(rows)]).to_csv(layout.ledger, index=False)


def test_a_spanish_document_is_added_curated_and_built(scratch: Layout, tmp_path: Path) -> None:
    document = tmp_path / "informe.txt"
    document.write_bytes(TEXT.encode("utf-8"))
    source_id, candidates_file, _count = add_source(scratch, document, FACTS)
    candidates = pd.read_csv(candidates_file, dtype=str, keep_default_na=False)
    assert list(candidates["quote"]) == ["33 mil 341 víctimas", "más de 2 millones de dosis", "casi\u00a0900 personas"]
    assert list(candidates["value"]) == ["33341", "2000000", "900"]
    assert list(candidates["qualifier"]) == ["exact", "more_than", "approximate"]
    assert candidates["period_start"].iloc[0] == "2023"
    with pytest.raises(BuildError):  # every number named until it is curated
        run_build(scratch)

    copy_candidates(
        scratch,
        candidates,
        {
            "33 mil 341 víctimas": {"family": "homicide", "measure": "homicides", "quantity": "homicides", "geography": "mexico"},
            "más de 2 millones de dosis": {
                "family": "other",
                "measure": "drug_doses_seized",
                "quantity": "drug_doses_seized",
                "geography": "mexico",
            },
        },
    )
    dismissed = pd.read_csv(scratch.ledger.parent / "dismissed.csv", dtype=str, keep_default_na=False)
    arrests = candidates[candidates["quote"] == "casi\u00a0900 personas"].iloc[0]
    dismissal = {"source_id": source_id, "quote_start": arrests.quote_start, "text": arrests.quote, "reason": "out_of_scope"}
    pd.concat([dismissed, pd.DataFrame([dismissal | {"note": "arrests are outside the indicators"}])]).to_csv(
        scratch.ledger.parent / "dismissed.csv", index=False
    )
    ledger = check_ledger(scratch)  # the Spanish values verify against their quotes
    assert set(ledger.loc[ledger["source_id"] == source_id, "value"]) == {33341, 2000000}
    run_build(scratch)
    claims = pd.read_csv(scratch.clean / "claims.csv", dtype=str)
    assert "33 mil 341 víctimas" in set(claims["quote"])


def test_a_spanish_value_not_written_in_its_quote_stops_the_check(scratch: Layout, tmp_path: Path) -> None:
    document = tmp_path / "informe.txt"
    document.write_bytes(TEXT.encode("utf-8"))
    _, candidates_file, _ = add_source(scratch, document, FACTS)
    candidates = pd.read_csv(candidates_file, dtype=str, keep_default_na=False)
    copy_candidates(
        scratch,
        candidates,
        {"33 mil 341 víctimas": {"value": "33", "family": "other", "measure": "victims", "geography": "mexico"}},
    )
    with pytest.raises(BuildError) as error:
        check_ledger(scratch)
    assert any("33 is not a number written in quote '33 mil 341 víctimas'" in p.message for p in error.value.problems)
