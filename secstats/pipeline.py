"""The build, start to finish: inputs checked, every output made in memory, then all published at once.

    raw documents and reference files -> the claims ledger -> validated tables (data/clean/)
    -> metadata (datapackage.json, data dictionary) -> charts (figures/) -> the static site (site/)

Nothing is written until everything is made; ``staging`` then replaces the whole set of outputs
together, so a failure at any point leaves the previous outputs as they were.
"""

from __future__ import annotations

import sys
from pathlib import Path

from secstats.clean.families import registry_problems
from secstats.clean.official import OFFICIAL_TABLES
from secstats.core.paths import Layout
from secstats.core.problems import raise_if_any
from secstats.ledger.claims import check_inputs
from secstats.publish.catalog import build_clean_tables, publish_tables, table_files
from secstats.publish.manifest import publish
from secstats.publish.staging import build_lock, recover
from secstats.raw.provenance import reference_origins


def recorded_tables(layout: Layout) -> list[str]:
    """The official tables whose every reference file has an origin record (publisher, URL, licence)."""
    origins = reference_origins(layout)
    return [spec.name for spec in OFFICIAL_TABLES if all(file in origins for file in spec.files)]


def make_outputs(layout: Layout) -> dict[Path, bytes]:
    """Every output file, in memory, in flow order: checks, tables, metadata, charts, site."""
    from secstats.charts.figures import CHARTS
    from secstats.charts.render import render_charts  # matplotlib is only imported to draw
    from secstats.publish.metadata import metadata_files
    from secstats.site.pages import site_files

    raise_if_any(registry_problems([spec.name for spec in OFFICIAL_TABLES], recorded_tables(layout), [c.name for c in CHARTS]))
    built = build_clean_tables(layout, check_inputs(layout))  # every input problem reported in one run
    published = publish_tables(layout, built)  # the tables as data/clean/ holds them (secstats.publish.publication)
    rendered = render_charts(layout, built)
    downloads = {**table_files(layout, published), **metadata_files(layout, published)}
    return {
        **downloads,
        **{layout.figures / name: data for name, data in rendered.items()},
        **site_files(layout, built, downloads, rendered),
    }


def run_build(layout: Layout) -> None:
    """Everything, then all outputs replaced at once.

    Every output is made in memory first, then published together with its manifest (``staging``):
    a failure at any point, SIGKILL included, leaves every output all old or all new. One build runs
    at a time, and each starts by completing or rolling back an interrupted one.
    """
    layout.output_root.mkdir(parents=True, exist_ok=True)  # build --out into a new folder
    with build_lock(layout.output_root):
        if done := recover(layout.output_root):
            print(f"an interrupted build was found and {done}", file=sys.stderr)
        outputs = make_outputs(layout)
        publish(layout, outputs)
    tables = sum(path.parent == layout.clean and path.suffix == ".csv" for path in outputs)
    figures = sum(path.parent == layout.figures for path in outputs)
    pages = sum(path.is_relative_to(layout.site) for path in outputs)
    print(f"ok: {tables} tables, datapackage.json, data dictionary, {figures} figure files and {pages} site files written")
