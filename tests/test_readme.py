"""The README holds no count a curator would have to edit by hand, and no path of one machine."""

from __future__ import annotations

import re

from tests.conftest import REPO


def test_the_readme_types_no_count_a_new_document_would_change() -> None:
    """Adding a document as the README says must not mean editing the README: no hand-kept table of
    verdict counts (they are the build's), no folder of the machine the README was written on."""
    text = (REPO.root / "README.md").read_text(encoding="utf-8")
    assert "<!-- verdict-counts -->" not in text
    assert not re.search(r"^\| (matches|close|inconsistent|unverifiable) \| \d+ \|$", text, flags=re.M)
    assert "/work/" not in text and "/home/" not in text
