"""Where every file of the flow lives: raw -> ledger -> clean -> figures.

One place for paths, so that a newcomer can see the whole layout at once and tests can point a build
at a scratch copy of the tree (every function takes the project root).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent.parent  # secstats/, this module being in secstats/core/


@dataclass(frozen=True)
class Layout:
    """The project's directories: ``data`` under ``root`` in a checkout, ``secstats/_data`` when installed."""

    root: Path
    data_dir: Path | None = None  # defaults to root / "data"
    out: Path | None = None  # where a build writes; defaults to root (a checkout builds in place)

    @property
    def data(self) -> Path:
        return self.data_dir or self.root / "data"

    @property
    def output_root(self) -> Path:
        return self.out or self.root

    @property
    def raw(self) -> Path:
        return self.data / "raw"

    @property
    def sources_dir(self) -> Path:
        return self.raw / "sources"

    @property
    def reference_dir(self) -> Path:
        return self.raw / "reference"

    @property
    def ledger(self) -> Path:
        return self.data / "ledger" / "claims.csv"

    @property
    def dismissed(self) -> Path:
        return self.data / "ledger" / "dismissed.csv"

    @property
    def candidates_dir(self) -> Path:
        return self.data / "ledger" / "candidates"

    @property
    def clean(self) -> Path:
        return self.out / "data" / "clean" if self.out else self.data / "clean"

    @property
    def figures(self) -> Path:
        return self.output_root / "figures"

    @property
    def docs(self) -> Path:
        return self.output_root / "docs"

    @property
    def cache(self) -> Path:
        """The render cache: beside the outputs, never inside an installed package."""
        return self.output_root / ".cache"

    @property
    def output_dirs(self) -> tuple[Path, ...]:
        """Every directory the build writes into: adding an output directory is one line here."""
        return (*self.owned_dirs, self.docs)

    @property
    def owned_dirs(self) -> tuple[Path, ...]:
        """The output directories the build owns whole: a file there it did not write is an error.
        docs/ is not one: hand-written guides live there beside the generated docs, and the build owns
        only the files it writes (its manifest names them)."""
        return (self.clean, self.figures, self.site)

    @property
    def site(self) -> Path:
        return self.output_root / "site"


def default_layout() -> Layout:
    """The layout of the checkout this package was imported from, else of the installed copy."""
    checkout = Layout(PACKAGE_DIR.parent)
    if checkout.ledger.is_file():
        return checkout
    installed = Layout(PACKAGE_DIR, PACKAGE_DIR / "_data")
    if installed.ledger.is_file():
        return installed
    raise FileNotFoundError(
        f"secstats data not found: expected {checkout.ledger} (a checkout) or {installed.ledger} (an install)"
    )


class OutputRefused(Exception):
    """A command asked to write where it must not (inside the installed package)."""


def output_layout(layout: Layout, out: Path | None = None) -> Layout:
    """Where a build reads (``layout``: this checkout, or the installed data) and writes: ``out`` when
    given, else the checkout. An installed secstats never writes into its own package (site-packages may be read-only
    and is shared): without ``out`` it refuses."""
    if out is not None:
        out = out.resolve()
        if out.is_relative_to(PACKAGE_DIR):
            raise OutputRefused(f"--out {out} is inside the installed package; choose a folder of your own")
        return replace(layout, out=out)
    if layout.root == PACKAGE_DIR:
        raise OutputRefused(
            f"secstats is installed in {PACKAGE_DIR.parent}, where build does not write; give a folder: secstats build --out DIR"
        )
    return layout


def project_layout(project: Path | None = None) -> Layout:
    """The project a curating command (``add-source``) writes into: ``project`` when given (a folder
    holding data/ledger/claims.csv, such as a clone), else this checkout. The installed copy is never
    one: its data is the package's, and site-packages may be read-only and shared."""
    if project is not None:
        layout = Layout(project.resolve())
        if layout.root.is_relative_to(PACKAGE_DIR):
            raise OutputRefused(f"--project {layout.root} is inside the installed package; use a clone of secstats")
        if not layout.ledger.is_file():
            raise OutputRefused(f"--project {layout.root}: no data/ledger/claims.csv there; give the folder of a secstats clone")
        return layout
    layout = default_layout()
    if layout.root == PACKAGE_DIR:
        raise OutputRefused(
            f"secstats is installed in {PACKAGE_DIR.parent}, where add-source does not write; "
            "give a clone of the project: secstats add-source FILE ... --project DIR"
        )
    return layout
