"""Whole builds: reproducible to the byte, committed outputs fresh, failures leave outputs untouched."""

from __future__ import annotations

import re
import shutil

import pandas as pd
import pytest

from secstats.charts.figures import CHARTS
from secstats.clean import indicators
from secstats.clean.families import TABLES
from secstats.core.paths import Layout
from secstats.core.problems import BuildError
from secstats.pipeline import make_outputs, run_build
from secstats.publish import catalog
from secstats.publish.manifest import manifest_bytes, manifest_path, path_of, read_manifest
from tests.conftest import REPO, edit_ledger


def outputs(layout: Layout) -> dict[str, bytes]:
    """Every built file, by relative path: all of data/clean/, figures/ and site/, and the files of docs/
    the manifest names (hand-written guides live there too)."""
    manifest, _ = read_manifest(layout)
    docs = [path_of(layout, name) for name in (manifest or {}).get("outputs", {})]
    files = [*layout.clean.glob("*"), *layout.figures.glob("*"), *(path for path in docs if path.parent == layout.docs)]
    files += layout.site.rglob("*")
    return {str(f.relative_to(layout.root)): f.read_bytes() for f in sorted(files) if f.is_file()}


@pytest.fixture(scope="module")
def fresh_build(rendered: dict[str, bytes]) -> dict[str, bytes]:
    """Every output a build makes now from the checkout's inputs, by relative path, made in memory with
    the manifest that publishing adds. Charts come from the render cache (``rendered`` fills it);
    test_two_builds_are_byte_identical draws every one afresh and compares."""
    made = make_outputs(REPO)
    made[manifest_path(REPO)] = manifest_bytes(REPO, made)
    return {str(path.relative_to(REPO.root)): data for path, data in made.items()}


def test_two_builds_are_byte_identical(fresh_build: dict[str, bytes], scratch: Layout) -> None:
    for name in outputs(scratch):
        (scratch.root / name).unlink()  # every output made again, none left from the copy
    shutil.rmtree(scratch.root / ".cache")  # draw every chart afresh, not from the render cache
    run_build(scratch)
    assert outputs(scratch) == fresh_build
    assert len([name for name in fresh_build if name.startswith("figures/") and name.endswith(".svg")]) == 2 * len(
        CHARTS
    )  # wide and narrow
    assert len([name for name in fresh_build if name.startswith("site/claims/")]) > len(CHARTS)


def test_committed_outputs_are_fresh(fresh_build: dict[str, bytes]) -> None:
    committed = outputs(REPO)
    stale = [name for name, data in fresh_build.items() if committed.get(name) != data]
    assert not stale, f"committed outputs differ from a fresh build; run 'make figures': {stale}"
    assert sorted(set(committed) - set(fresh_build)) == [], "outputs the build no longer makes"


def test_a_bad_ledger_leaves_previous_outputs_untouched(scratch: Layout) -> None:
    before = outputs(scratch)
    edit_ledger(scratch, 3, "qualifier", "roughly")
    with pytest.raises(BuildError):
        run_build(scratch)
    assert outputs(scratch) == before


def test_a_failing_table_leaves_every_output_untouched(scratch: Layout, monkeypatch: pytest.MonkeyPatch) -> None:
    """Tables validate all together before any is written: one bad table stops them all."""
    before = outputs(scratch)
    original = indicators.assemble

    def assemble_with_a_negative_count(ledger: pd.DataFrame, spec: indicators.TableSpec) -> pd.DataFrame:
        table = original(ledger, spec)
        if spec.name == TABLES[-1].name:
            table.loc[0, "value"] = -1.0
        return table

    monkeypatch.setattr(catalog, "assemble", assemble_with_a_negative_count)
    with pytest.raises(BuildError, match="greater_than_or_equal_to"):
        run_build(scratch)
    assert outputs(scratch) == before
    assert not list(scratch.clean.glob(".*.tmp")) and not list(scratch.figures.glob(".*.tmp"))


def test_makefile_lists_every_output() -> None:
    makefile = (REPO.root / "Makefile").read_text().replace("\\\n", " ")
    tables = re.search(r"^TABLE_NAMES := (.+)$", makefile, re.M).group(1).split()
    charts = re.search(r"^CHART_NAMES := (.+)$", makefile, re.M).group(1).split()
    assert tables == list(catalog.CATALOG)
    assert charts == [chart.name for chart in CHARTS]


def test_a_chart_that_cannot_be_drawn_leaves_every_output_untouched(scratch: Layout, monkeypatch: pytest.MonkeyPatch) -> None:
    """Charts are drawn before anything is written: a drawing failure keeps old tables and figures together."""
    from secstats.charts import render as charts

    before = outputs(scratch)
    edit_ledger(scratch, 0, "note", "an edited note, so the tables would change")

    def broken(*args: object, **kwargs: object) -> dict[str, bytes]:
        raise RuntimeError("drawing failed")

    monkeypatch.setattr(charts, "render_charts", broken)
    with pytest.raises(RuntimeError, match="drawing failed"):
        run_build(scratch)
    assert outputs(scratch) == before
