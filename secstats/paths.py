"""Where every file of the flow lives: raw -> ledger -> clean -> figures.

One place for paths, so that a newcomer can see the whole layout at once and tests can point a build
at a scratch copy of the tree (every function takes the project root).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent


def find_root() -> Path:
    """Return the directory holding ``data/``: the repo checkout, or the installed package copy."""
    for candidate in (PACKAGE_DIR.parent, PACKAGE_DIR / "_data"):
        if (candidate / "data" / "ledger" / "claims.csv").is_file():
            return candidate
    raise FileNotFoundError(
        f"secstats data not found next to {PACKAGE_DIR}: expected data/ledger/claims.csv in the "
        "repository checkout or in the installed package"
    )


@dataclass(frozen=True)
class Layout:
    """The project's directories, all under one root."""

    root: Path

    @property
    def raw(self) -> Path:
        return self.root / "data" / "raw"

    @property
    def sources_dir(self) -> Path:
        return self.raw / "sources"

    @property
    def reference_dir(self) -> Path:
        return self.raw / "reference"

    @property
    def ledger(self) -> Path:
        return self.root / "data" / "ledger" / "claims.csv"

    @property
    def clean(self) -> Path:
        return self.root / "data" / "clean"

    @property
    def figures(self) -> Path:
        return self.root / "figures"

    @property
    def docs(self) -> Path:
        return self.root / "docs"


def default_layout() -> Layout:
    """The layout of the checkout (or installed copy) this package was imported from."""
    return Layout(find_root())
