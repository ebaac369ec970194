"""Where text sits on a chart: the layout rules, the check that enforces them, and the placement
that follows them.

The rules, measured on the Agg renderer in display pixels:
- no two text boxes overlap (titles, subtitles, axis labels, tick labels, annotations, legends, footnotes);
- no text leaves the canvas;
- no annotation or legend crosses a plotted line, marker or bar; a label may sit wholly inside one
  solid bar (its own bar's label), never on a hatched one, whose lines would run through the glyphs;
- each legend handle has the colour of the marks it stands for.

``layout_problems`` reports every breach; ``place_labels`` tries positions for annotations until one
breaks no rule; ``fit_axes`` sizes the plot area to the text around it, so nothing is clipped and no
empty band is left.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Literal

import numpy as np
from matplotlib.axes import Axes
from matplotlib.backend_bases import RendererBase
from matplotlib.backends.backend_agg import FigureCanvasAgg, RendererAgg
from matplotlib.colors import to_rgba
from matplotlib.figure import Figure
from matplotlib.legend import Legend
from matplotlib.lines import Line2D
from matplotlib.patches import FancyArrowPatch, Patch, Rectangle
from matplotlib.text import Annotation, Text
from matplotlib.transforms import Bbox, BboxBase
from matplotlib.typing import ColorType

GAP = 1.0  # pixels two text boxes must keep between them at 100 dpi
MARGIN = 6.0  # pixels of white kept at the canvas edge and between text and plot


@dataclass(frozen=True)
class TextBox:
    """One piece of text on the canvas: what it is, its box in display pixels, and its artist."""

    name: str
    box: Bbox
    artist: Text | Legend
    ax: Axes | None

    @property
    def floats(self) -> bool:
        """Annotations and legends sit among the marks, so they must not cross them."""
        return isinstance(self.artist, (Annotation, Legend))


def renderer_of(fig: Figure) -> RendererBase:
    """The Agg renderer, with the figure laid out (drawn with painting disabled: the boxes are
    where they will be saved, at a fraction of a real draw's cost)."""
    fig.draw_without_rendering()
    return agg_renderer(fig)


def agg_renderer(fig: Figure) -> RendererAgg:
    """The figure's Agg renderer: boxes are measured with the renderer the charts are saved with."""
    if not isinstance(fig.canvas, FigureCanvasAgg):
        raise TypeError(f"charts are laid out on matplotlib's Agg canvas, not {type(fig.canvas).__name__}")
    return fig.canvas.get_renderer()


def visible_text(artist: Text) -> bool:
    return artist.get_visible() and bool(artist.get_text().strip())


def tick_labels(ax: Axes) -> Iterable[tuple[str, Text]]:
    """The tick labels matplotlib draws: those of ticks inside the view limits."""
    for axis, _index in ((ax.xaxis, 0), (ax.yaxis, 1)):
        low, high = sorted(axis.get_view_interval())
        for tick in axis.get_major_ticks():
            location = tick.get_loc()
            if location is None or not low - 1e-9 <= location <= high + 1e-9:
                continue
            for label in (tick.label1, tick.label2):
                if visible_text(label):
                    yield f"{axis.axis_name} tick label {label.get_text()!r}", label


def text_boxes(fig: Figure, renderer: RendererBase) -> list[TextBox]:
    """Every text on the figure; a legend counts as one box (its entries are laid out by matplotlib)."""
    found: list[tuple[str, Text | Legend, Axes | None]] = []
    # fig.texts holds the suptitle too
    found += [(f"figure text {t.get_text()[:40]!r}", t, None) for t in fig.texts if visible_text(t)]
    for ax in fig.axes:
        for title in (ax.title, ax._left_title, ax._right_title):
            if visible_text(title):
                found.append((f"axes title {title.get_text()!r}", title, ax))
        for label in (ax.xaxis.label, ax.yaxis.label, ax.xaxis.offsetText, ax.yaxis.offsetText):
            if visible_text(label):
                found.append((f"axis label {label.get_text()!r}", label, ax))
        found += [(name, label, ax) for name, label in tick_labels(ax)]
        found += [(f"annotation {t.get_text()!r}", t, ax) for t in ax.texts if visible_text(t)]
        found += [(f"legend {legend_labels(legend)}", legend, ax) for legend in legends(ax)]
    return [TextBox(name, text_extent(artist, renderer), artist, ax) for name, artist, ax in found]


def text_extent(artist: Text | Legend, renderer: RendererBase) -> Bbox:
    """The box of the glyphs (for an annotation, without its leader line)."""
    if isinstance(artist, Annotation):
        artist.update_positions(renderer)
        return Text.get_window_extent(artist, renderer)
    return artist.get_window_extent(renderer)


def legends(ax: Axes) -> list[Legend]:
    """Every legend drawn on an axes (ax.legend() and those kept with add_artist)."""
    found = [child for child in ax.get_children() if isinstance(child, Legend)]
    return list(dict.fromkeys(found))


def legend_labels(legend: Legend) -> list[str]:
    return [text.get_text() for text in legend.get_texts()]


def overlapping(first: BboxBase, second: BboxBase, gap: float = 0.0) -> bool:
    """Whether two boxes come closer than ``gap`` pixels."""
    return first.x0 < second.x1 + gap and second.x0 < first.x1 + gap and first.y0 < second.y1 + gap and second.y0 < first.y1 + gap


def inside(inner: BboxBase, outer: BboxBase, slack: float = 0.5) -> bool:
    return (
        inner.x0 >= outer.x0 - slack
        and inner.x1 <= outer.x1 + slack
        and inner.y0 >= outer.y0 - slack
        and inner.y1 <= outer.y1 + slack
    )


# --- marks ---------------------------------------------------------------------------------------


def plotted_lines(ax: Axes) -> list[Line2D]:
    """Data lines and markers (not gridlines, ticks or legend proxies)."""
    return [line for line in ax.lines if line.get_visible() and len(np.asarray(line.get_xydata()))]


def bars(ax: Axes) -> list[Patch]:
    """Bars (not background bands: those are drawn at zorder 0, below the grid, and text may sit on them)."""
    return [patch for patch in ax.patches if isinstance(patch, Rectangle) and patch.get_visible() and patch.get_zorder() > 0]


def marks_crossed(box: Bbox, ax: Axes, renderer: RendererBase, own_bar_allowed: bool) -> list[str]:
    """The marks a floating text box crosses: lines through it, markers under it, bar edges across it."""
    crossed = []
    dpi_scale = ax.figure.dpi / 72
    for line in plotted_lines(ax):
        points = line.get_transform().transform(line.get_xydata())
        points = points[np.isfinite(points).all(axis=1)]
        drawn_as_line = line.get_linestyle() not in ("None", "none", "", " ") and len(points) > 1
        if drawn_as_line and line.get_path().transformed(line.get_transform()).intersects_bbox(box, filled=False):
            crossed.append(f"line {line.get_label()!r}")
            continue
        if line.get_marker() not in (None, "None", "none", "", " "):
            radius = line.get_markersize() * dpi_scale / 2
            grown = Bbox.from_extents(box.x0 - radius, box.y0 - radius, box.x1 + radius, box.y1 + radius)
            if any(grown.contains(x, y) for x, y in points):
                crossed.append(f"marker of {line.get_label()!r}")
    for bar in bars(ax):
        extent = bar.get_window_extent(renderer)
        if extent.width < 0.5 or extent.height < 0.5 or not overlapping(box, extent):
            continue
        solid = not bar.get_hatch() and to_rgba(bar.get_facecolor())[3] > 0
        if not (own_bar_allowed and solid and inside(box, extent, slack=-1.0)):
            crossed.append(f"bar at {extent.x0:.0f},{extent.y0:.0f}")
    return crossed


def label_mark_problems(item: TextBox, renderer: RendererBase) -> list[str]:
    """A floating text that crosses marks, or (for an annotation) strays outside its axes."""
    if item.ax is None or not item.floats:
        return []
    own_bar = isinstance(item.artist, Annotation)  # a bar label may sit inside its own solid bar
    problems = [f"{item.name} crosses {mark}" for mark in marks_crossed(item.box, item.ax, renderer, own_bar)]
    if isinstance(item.artist, Annotation) and not inside(item.box, item.ax.bbox, slack=2.0):
        problems.append(f"{item.name} leaves its plot area")
    return problems


# --- legend colours ------------------------------------------------------------------------------


def ink(colors: Iterable[ColorType | None]) -> set[tuple[float, float, float]]:
    """The visible colours among matplotlib colour values: not white, not transparent."""
    found = set()
    for color in colors:
        if color is None or (isinstance(color, str) and color.lower() == "none"):
            continue
        red, green, blue, alpha = to_rgba(color)
        if alpha == 0:
            continue
        rgb = (round(red, 3), round(green, 3), round(blue, 3))
        if rgb != (1.0, 1.0, 1.0):
            found.add(rgb)
    return found


def artist_ink(artist: object) -> set[tuple[float, float, float]]:
    """The colours a mark or a legend handle shows."""
    if isinstance(artist, Line2D):
        colors = [artist.get_markerfacecolor(), artist.get_markeredgecolor()]
        if artist.get_linestyle() not in ("None", "none", "", " "):
            colors.append(artist.get_color())
        return ink(colors)
    if isinstance(artist, Patch):
        return ink([artist.get_facecolor(), artist.get_edgecolor()])
    return set()


def legend_problems(ax: Axes) -> list[str]:
    """Legend handles whose colour no mark on the axes has, or differs from the mark of the same label."""
    marks = [*plotted_lines(ax), *bars(ax)]
    mark_ink = set().union(*(artist_ink(mark) for mark in marks)) if marks else set()
    by_label = {str(mark.get_label()): artist_ink(mark) for mark in marks if not str(mark.get_label()).startswith("_")}
    problems = []
    for legend in legends(ax):
        for handle, text in zip(legend.legend_handles, legend.get_texts()):
            label, colors = text.get_text(), artist_ink(handle)
            if not colors or not colors <= mark_ink:
                problems.append(f"legend entry {label!r} has a colour no mark has")
            elif label in by_label and by_label[label] and not colors & by_label[label]:
                problems.append(f"legend entry {label!r} is not the colour of its marks")
    return problems


# --- the check -----------------------------------------------------------------------------------


def layout_problems(fig: Figure) -> list[str]:
    """Every breach of the layout rules on a drawn figure, one line each (empty when it is clean)."""
    renderer = renderer_of(fig)
    items = text_boxes(fig, renderer)
    problems = []
    canvas = fig.bbox
    for index, item in enumerate(items):
        if not inside(item.box, canvas):
            problems.append(f"{item.name} leaves the canvas")
        for other in items[index + 1 :]:
            if overlapping(item.box, other.box, GAP * fig.dpi / 100):
                problems.append(f"{item.name} overlaps {other.name}")
        problems += label_mark_problems(item, renderer)
    for ax in fig.axes:
        problems += legend_problems(ax)
    return problems


# --- placement -----------------------------------------------------------------------------------

# A label's offset (points) and its alignment there: (dx, dy, horizontal, vertical).
Candidate = tuple[
    float, float, Literal["left", "center", "right"], Literal["bottom", "baseline", "center", "center_baseline", "top"]
]
# Offsets (points) tried for a point's label, nearest first: right, left, above, below, then further out.
DIRECTIONS: tuple[Candidate, ...] = (
    (6, 0, "left", "center"),
    (-6, 0, "right", "center"),
    (0, 7, "center", "bottom"),
    (0, -7, "center", "top"),
    (6, 6, "left", "bottom"),
    (6, -6, "left", "top"),
    (-6, 6, "right", "bottom"),
    (-6, -6, "right", "top"),
)
CANDIDATES: tuple[Candidate, ...] = tuple(
    (dx * reach, dy * reach, ha, va) for reach in (1, 2.2, 3.6, 5.2, 7.5, 10, 13) for dx, dy, ha, va in DIRECTIONS
)


def place_labels(fig: Figure, labels: Sequence[Annotation]) -> None:
    """Move each label to the first candidate offset where it breaks no layout rule (else the one
    that breaks fewest); labels placed further than the nearest ring get a thin leader line."""
    renderer = renderer_of(fig)
    pending = set(map(id, labels))
    for label in labels:
        pending.discard(id(label))
        fixed = [item for item in text_boxes(fig, renderer) if id(item.artist) not in pending and item.artist is not label]
        best: tuple[int, Candidate] | None = None
        for candidate in CANDIDATES:
            move_label(label, candidate)
            count = len(placement_problems(label, fixed, fig, renderer))
            if best is None or count < best[0]:
                best = (count, candidate)
            if count == 0:
                break
        assert best is not None
        move_label(label, best[1])
        if abs(best[1][0]) + abs(best[1][1]) > 13:
            leader: dict[str, Any] = {"arrowstyle": "-", "color": label.get_color(), "linewidth": 0.6, "shrinkA": 1, "shrinkB": 4}
            label.arrowprops = leader
            label.arrow_patch = FancyArrowPatch((0, 0), (1, 1), **leader)
            label._arrow_relpos = (0.5, 0.5)  # what Annotation.__init__ sets when given arrowprops


def move_label(label: Annotation, candidate: Candidate) -> None:
    dx, dy, ha, va = candidate
    label.xyann = (dx, dy)
    label.set_horizontalalignment(ha)
    label.set_verticalalignment(va)


def placement_problems(label: Annotation, fixed: list[TextBox], fig: Figure, renderer: RendererBase) -> list[str]:
    """What a label breaks at its current position: overlaps with placed text, marks, edges."""
    ax = label.axes if isinstance(label.axes, Axes) else None
    item = TextBox("label", text_extent(label, renderer), label, ax)
    problems = [other.name for other in fixed if overlapping(item.box, other.box, 2 * GAP * fig.dpi / 100)]
    problems += label_mark_problems(item, renderer)
    if not inside(item.box, fig.bbox):
        problems.append("off canvas")
    return problems


# --- fitting the plot area -----------------------------------------------------------------------


def fit_axes(fig: Figure, top_text: Text, bottom_text: Text | None) -> None:
    """Size the axes to the room left between the header (``top_text``'s bottom) and the footnote
    (``bottom_text``'s top), so tick labels, axis labels and panel titles are never clipped and no
    empty band is left. Panels side by side or stacked (a narrow chart). Two passes: tick labels move a
    little when the axes change size."""
    axes = fig.axes
    grid = axes[0].get_subplotspec()
    stacked = grid is not None and grid.get_gridspec().nrows > 1
    renderer = agg_renderer(fig)  # boxes are measured, not drawn: get_tightbbox places the ticks itself
    for _ in range(2):
        width, height = fig.bbox.width, fig.bbox.height
        margin = MARGIN * fig.dpi / 100
        ceiling = top_text.get_window_extent(renderer).y0 - 2 * margin
        floor = (bottom_text.get_window_extent(renderer).y1 if bottom_text is not None else 0) + 2 * margin
        overhang = [tight_overhang(ax, renderer) for ax in axes]
        if stacked:  # one column: the widest label on either side, gaps between rows
            left = max(margin, max(o[0] for o in overhang) + margin)
            right = width - max(o[1] for o in overhang) - 2 * margin
            top, bottom = ceiling - overhang[0][3], floor + overhang[-1][2]
            gaps = [overhang[i][2] + overhang[i + 1][3] + 4 * margin for i in range(len(axes) - 1)]
            extent = top - bottom
        else:
            left = max(margin, overhang[0][0] + margin)
            right = width - overhang[-1][1] - 2 * margin
            top = ceiling - max(o[3] for o in overhang)
            bottom = floor + max(o[2] for o in overhang)
            gaps = [overhang[i][1] + overhang[i + 1][0] + 4 * margin for i in range(len(axes) - 1)]
            extent = right - left
        gap = max(gaps, default=0.0)
        panel = max((extent - gap * (len(axes) - 1)) / len(axes), 1.0)
        space = gap / panel if len(axes) > 1 else 0.2
        fig.subplots_adjust(
            left=left / width,
            right=max(right, left + 1) / width,
            top=top / height,
            bottom=min(bottom, top - 1) / height,
            wspace=0.2 if stacked else space,
            hspace=space if stacked else 0.2,
        )


def tight_overhang(ax: Axes, renderer: RendererBase) -> tuple[float, float, float, float]:
    """How far an axes' labels reach beyond its plot area: left, right, bottom, top (pixels)."""
    frame = ax.get_window_extent(renderer)
    floating = [text for text in ax.texts if text.get_in_layout()]
    for text in floating:
        text.set_in_layout(False)
    # Value labels are left out: they are placed inside the plot area afterwards (place_labels).
    tight = ax.get_tightbbox(renderer, bbox_extra_artists=legends(ax))
    for text in floating:
        text.set_in_layout(True)
    if tight is None:  # an invisible axes: nothing reaches out
        return (0.0, 0.0, 0.0, 0.0)
    return (
        max(0.0, frame.x0 - tight.x0),
        max(0.0, tight.x1 - frame.x1),
        max(0.0, frame.y0 - tight.y0),
        max(0.0, tight.y1 - frame.y1),
    )
