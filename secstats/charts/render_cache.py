"""Drawing charts to bytes, and the render cache that skips charts whose inputs did not change.

A chart's bytes depend only on the package's code, the versions of matplotlib and the libraries it
draws and encodes with, the house style, its input tables and the citations; ``chart_key`` digests all
of them, so a cached PNG/SVG pair is exactly what a
fresh draw would give (rendering is deterministic: fixed fonts, no timestamps, a fixed SVG salt).
"""

from __future__ import annotations

import hashlib
import multiprocessing
import os
from collections.abc import Mapping
from functools import partial
from pathlib import Path

import matplotlib
import matplotlib.pyplot as plt
import numpy
import pandas as pd
import PIL

from secstats.charts.cache_entries import fetch, store
from secstats.charts.chart_style import HOUSE_STYLE, SAVE_OPTIONS, SIZES, save
from secstats.charts.figures import Chart, Citations
from secstats.core.outputs import csv_bytes

EXTENSIONS = tuple(SAVE_OPTIONS)  # the formats every chart is saved in, declared once in chart_style
# Every file of a chart: each size (chart_style.SIZES: wide, narrow) in each format.
FILES = tuple((size.suffix, extension) for size in SIZES for extension in EXTENSIONS)
# Every module of the package, not only the chart modules: footnotes cite through provenance, text is
# cleaned by escaping, table names come from catalog, and one module missed would serve a stale chart.
# A code change anywhere redraws every chart (about a second); an edit of the data redraws only its charts.
PACKAGE_CODE = Path(__file__).parent.parent  # secstats/, every subpackage included
# What draws and encodes the bytes besides matplotlib: numpy (coordinates) and Pillow (the PNG).
DRAWING_LIBRARIES = (matplotlib, numpy, PIL)


def render_chart(chart: Chart, tables: Mapping[str, pd.DataFrame], citations: Citations) -> dict[str, bytes]:
    """One chart as {file name: bytes}, drawn in house style at every size."""
    files = {}
    for size in SIZES:
        with plt.rc_context({**HOUSE_STYLE, "font.size": size.font}):
            drawing = chart.draw({name: tables[name] for name in chart.tables}, citations, size)
            saved = save(drawing.figure, drawing.description, drawing.claims)
        files.update({f"{chart.name}{size.suffix}.{extension}": data for extension, data in saved.items()})
    return files


def chart_key(chart: Chart, tables: Mapping[str, pd.DataFrame], citations: Citations) -> str:
    """A digest of everything a chart's bytes depend on: the package's code, the drawing libraries'
    versions, the house style, the chart's input tables, and the citations its
    footnote draws on."""
    digest = hashlib.sha256()
    code = [
        part
        for path in sorted(PACKAGE_CODE.rglob("*.py"))
        for part in (path.relative_to(PACKAGE_CODE).as_posix().encode(), path.read_bytes())
    ]
    for part in (
        *code,
        *(library.__version__.encode() for library in DRAWING_LIBRARIES),
        repr(sorted(HOUSE_STYLE.items())).encode(),
        chart.name.encode(),
        csv_bytes(citations.register.reset_index()),
        repr(sorted(citations.claim_sources.items())).encode(),
        *(csv_bytes(tables[name]) for name in chart.tables),
    ):
        digest.update(part)
    return digest.hexdigest()


def cached_files(cache: Path, chart: Chart, key: str) -> dict[str, bytes] | None:
    """A chart's PNG and SVG from the render cache, if both were rendered from the same inputs and
    both still match their content hash (a damaged entry is redrawn, never published)."""
    found = {
        f"{chart.name}{suffix}.{extension}": fetch(cache, f"{chart.name}.{key}", f"{suffix.strip('-')}{extension}")
        for suffix, extension in FILES
    }
    files = {name: data for name, data in found.items() if data is not None}
    return files if len(files) == len(found) else None


def draw_all(charts: list[Chart], tables: Mapping[str, pd.DataFrame], citations: Citations) -> list[dict[str, bytes]]:
    """Draw charts in forked worker processes, one per core (drawing text dominates a rebuild)."""
    draw = partial(render_chart, tables=tables, citations=citations)
    workers = min(len(charts), os.cpu_count() or 1)
    if workers > 1 and "fork" in multiprocessing.get_all_start_methods():
        with multiprocessing.get_context("fork").Pool(workers) as pool:
            return pool.map(draw, charts)
    return [draw(chart) for chart in charts]


def render_cached(
    charts: tuple[Chart, ...], tables: Mapping[str, pd.DataFrame], citations: Citations, cache: Path
) -> dict[str, bytes]:
    """Every chart as {file name: bytes}: from the cache when its key is there, else drawn and cached."""
    keys = {chart.name: chart_key(chart, tables, citations) for chart in charts}
    rendered: dict[str, bytes] = {}
    missing = []
    for chart in charts:
        files = cached_files(cache, chart, keys[chart.name])
        if files is None:
            missing.append(chart)
        else:
            rendered.update(files)
    for chart, files in zip(missing, draw_all(missing, tables, citations)):
        rendered.update(files)
        for stale in cache.glob(f"{chart.name}.*"):
            # Entries of other keys only: a build beside this one (a test worker) may just have stored
            # this very key, and it may have removed an old entry first.
            if not stale.name.startswith(f"{chart.name}.{keys[chart.name]}."):
                stale.unlink(missing_ok=True)
        for suffix, extension in FILES:
            name = f"{chart.name}{suffix}.{extension}"
            store(cache, f"{chart.name}.{keys[chart.name]}", f"{suffix.strip('-')}{extension}", files[name])
    return {
        f"{chart.name}{suffix}.{extension}": rendered[f"{chart.name}{suffix}.{extension}"]
        for chart in charts
        for suffix, extension in FILES
    }
