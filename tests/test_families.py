"""The family registry: a family declared with a part missing stops the build, one line per gap."""

from __future__ import annotations

import pandas as pd
import pytest

from secstats import pipeline
from secstats.clean import families
from secstats.clean.families import FAMILIES, NO_SERIES, Family, registry_problems
from secstats.clean.indicators import TableSpec
from secstats.core.paths import Layout
from secstats.core.problems import BuildError
from secstats.core.schemas import IndicatorTable
from secstats.ledger.claims import family_problems, ledger_problems, untabled_problems
from tests.conftest import edit_ledger

HALF_DECLARED = Family(
    "seizures",
    TableSpec("seizures", IndicatorTable, measures={"seizures_count": {}, "seizures_weight": {}}),
    counterparts={"seizures_count": NO_SERIES},  # seizures_weight has neither series nor reason
    official=("official_seizures", "official_us_overdose_deaths"),  # the first is built nowhere
    chart="seizures",  # drawn nowhere
)


def test_every_gap_of_a_half_declared_family_is_named(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(families, "FAMILIES", (*FAMILIES, HALF_DECLARED))
    problems = registry_problems(["official_us_overdose_deaths"], [], ["homicides"])
    rules = sorted(p.rule for p in problems if "'seizures'" in p.message)
    assert rules == [
        "family has a chart",
        "family's measures from the vocabulary",
        "measure has counterparts",
        "official table built",
        "official table has a publisher",
    ]
    assert any("'seizures_weight'" in p.message for p in problems)


def test_the_registered_families_are_complete() -> None:
    from secstats.charts.figures import CHARTS
    from secstats.clean.official import OFFICIAL_TABLES
    from secstats.pipeline import recorded_tables
    from tests.conftest import REPO

    assert registry_problems([s.name for s in OFFICIAL_TABLES], recorded_tables(REPO), [c.name for c in CHARTS]) == []


def test_a_half_declared_family_stops_the_build_before_anything_is_made(scratch: Layout, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(families, "FAMILIES", (*FAMILIES, HALF_DECLARED))
    with pytest.raises(BuildError) as error:
        pipeline.make_outputs(scratch)
    report = error.value.report()
    assert "secstats/clean/families.py" in report and "family 'seizures': chart 'seizures'" in report


def test_a_claim_of_an_unregistered_family_is_named(scratch: Layout) -> None:
    claim_id = edit_ledger(scratch, 0, "family", "seizures")
    _, problems = ledger_problems(scratch)
    (problem,) = [p for p in problems if p.column == "family"]  # once: by the schema, not again by the family check
    assert problem.claim_id == claim_id and "isin" in problem.rule and "seizures" in problem.message


def test_a_measure_its_family_does_not_table_is_named() -> None:
    family = FAMILIES[0]
    ledger = pd.DataFrame({"claim_id": ["a-001"], "family": [family.name], "measure": ["unheard_of"]})
    (problem,) = untabled_problems(ledger, "claims.csv")
    assert problem.rule == "measure tabled or left out" and "'unheard_of'" in problem.message


def test_a_measure_belongs_to_one_family() -> None:
    measure = FAMILIES[0].table.measures and next(iter(FAMILIES[0].table.measures))
    ledger = pd.DataFrame({"claim_id": ["a-001"], "family": ["other"], "measure": [measure]})
    (problem,) = family_problems(ledger, "claims.csv")
    assert problem.rule == "measure in one family" and f"belongs to family {FAMILIES[0].name!r}" in problem.message
