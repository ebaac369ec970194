"""Stage 3: publication-ready charts in ``figures/``, PNG and SVG, each with its own source footnote.

The entry point the build calls. The charts themselves are in ``figures`` (one function per figure),
their look in ``chart_style``, the placement of their text in ``chart_layout``, and the render cache
in ``render_cache``.
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from secstats.charts.figures import CHARTS, Citations
from secstats.charts.render_cache import render_cached
from secstats.core.paths import Layout


def render_charts(layout: Layout, built: Mapping[str, pd.DataFrame]) -> dict[str, bytes]:
    """Every chart as {file name: bytes}, drawn from the validated tables the build holds in memory
    (``built``: the pipeline's forms, not the published files, whose periods are dates; see
    secstats.publish.publication).

    A chart whose inputs are unchanged is taken from the render cache (``.cache/charts/`` beside the outputs).
    """
    citations = Citations.load(layout)
    names = sorted({name for chart in CHARTS for name in chart.tables})
    tables = {name: built[name] for name in names}
    return render_cached(CHARTS, tables, citations, layout.cache / "charts")
