"""Where every file of the flow lives: raw -> ledger -> clean -> figures.

One place for paths, so that a newcomer can see the whole layout at once and tests can point a build
at a scratch copy of the tree (every function takes the project root).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent


@dataclass(frozen=True)
class Layout:
    """The project's directories: ``data`` under ``root`` in a checkout, ``secstats/_data`` when installed."""

    root: Path
    data_dir: Path | None = None  # defaults to root / "data"

    @property
    def data(self) -> Path:
        return self.data_dir or self.root / "data"

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
        return self.data / "clean"

    @property
    def figures(self) -> Path:
        return self.root / "figures"

    @property
    def docs(self) -> Path:
        return self.root / "docs"

    @property
    def output_dirs(self) -> tuple[Path, ...]:
        """Every directory the build writes, and only the build: adding an output is one line here."""
        return (self.clean, self.figures, self.docs)


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
