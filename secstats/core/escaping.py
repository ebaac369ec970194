"""Text from documents made safe for each output it reaches: terminal, SVG, HTML and CSV.

Quotes stay verbatim in the ledger and the published CSVs; what changes is how each output shows
them. A terminal would obey an ANSI escape, an SVG with a control character is not well-formed XML,
and a spreadsheet runs a cell starting with '=' as a formula. So control characters are shown as
visible escapes (``\\x1b``), HTML is entity-escaped, and formula-like cells are flagged:
``validate`` warns about them in a user's file, and the build refuses them in a published table
(policy: published text cells never start with =, +, -, @, tab or carriage return; numeric columns
are numbers, so a negative amount is no formula).
"""

from __future__ import annotations

import html
import re
from typing import TYPE_CHECKING

from secstats.core.problems import Problem

if TYPE_CHECKING:  # pandas is not imported to print a citation
    import pandas as pd

# C0 controls except tab and line feed, DEL, and C1 controls (ESC starts ANSI sequences; 0x9b is CSI).
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def visible(match: re.Match[str]) -> str:
    """A control character as the escape a reader can see: ESC -> '\\x1b'."""
    return f"\\x{ord(match.group()):02x}"


def show_controls(text: str) -> str:
    """Text with every control character shown as its escape: a terminal prints it as written (no
    colour changes, cursor moves or title rewrites), and it is allowed in XML 1.0 (SVG; matplotlib
    escapes <, > and & itself)."""
    return CONTROL.sub(visible, text)


def for_html(text: str) -> str:
    """Text safe inside an HTML element or attribute value."""
    return html.escape(CONTROL.sub(visible, text), quote=True)


def formula_like(value: object) -> bool:
    """True for a text cell a spreadsheet would run as a formula."""
    return isinstance(value, str) and value.startswith(FORMULA_START)


def formula_cells(frame: pd.DataFrame, file: str) -> list[Problem]:
    """Every text cell of ``frame`` that starts like a formula, one Problem each (numeric columns skipped)."""
    problems = []
    claim_ids = frame["claim_id"] if "claim_id" in frame.columns else {}
    for column in frame.columns:
        if frame[column].dtype.kind in "iufb":
            continue
        cells = frame[column]
        starts = cells.map(formula_like).astype(bool)
        for index, value in cells[starts].items():  # only formula-like cells are looked at one by one
            claim_id = claim_ids.get(index)
            problems.append(
                Problem(
                    file,
                    "no formula-like cell",
                    f"{value[:40]!r} starts with {value[0]!r}, which a spreadsheet runs as a formula",
                    row=int(index) + 2,
                    column=str(column),
                    claim_id=claim_id if isinstance(claim_id, str) else None,
                )
            )
    return problems
