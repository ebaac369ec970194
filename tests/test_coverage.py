"""Coverage: every quantity of a registered document is a claim or a reasoned dismissal, or the
check and the build stop with one line naming the document, the offset and the text."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pandas as pd
import pytest

from secstats.cli import main, run_check
from secstats.core.paths import Layout
from secstats.core.problems import BuildError
from secstats.ledger.claims import check_ledger
from secstats.ledger.coverage import account, build_coverage
from secstats.pipeline import run_build
from tests.conftest import REPO

LEDGER_COLUMNS = list(pd.read_csv(REPO.ledger, nrows=0).columns)
MADE_UP = "The agency counted 40 cases in 2019. The two agencies met and about 12 officials resigned. Some 40 cases remain.\n"


def made_up_layout(root: Path, dismissed: list[dict]) -> Layout:
    """A tree with one made-up document, one claim (the 40 cases) and the given dismissals."""
    layout = Layout(root)
    layout.sources_dir.mkdir(parents=True)
    (layout.sources_dir / "000_doc.txt").write_text(MADE_UP, encoding="utf-8")
    pd.DataFrame(
        [
            {
                "source_id": "made-up-2021",
                "file": "000_doc.txt",
                "title": "T",
                "author": "A",
                "publisher": "P",
                "published": "2021",
                "kind": "memo",
            }
        ]
    ).to_csv(layout.sources_dir / "sources.csv", index=False)
    layout.ledger.parent.mkdir(parents=True)
    claim = dict.fromkeys(LEDGER_COLUMNS, "")
    claim.update(
        claim_id="madeup-001", source_id="made-up-2021", value="40", quote="40 cases", quote_start=str(MADE_UP.index("40 cases"))
    )
    pd.DataFrame([claim]).to_csv(layout.ledger, index=False)
    pd.DataFrame(dismissed, columns=["source_id", "quote_start", "text", "reason", "note"]).to_csv(layout.dismissed, index=False)
    return layout


def ledger_of(layout: Layout) -> pd.DataFrame:
    return pd.read_csv(layout.ledger, dtype=str, keep_default_na=False)


def dismissal(text: str, reason: str, occurrence: int = 0) -> dict:
    start = -1
    for _ in range(occurrence + 1):
        start = MADE_UP.index(text, start + 1)
    return {"source_id": "made-up-2021", "quote_start": start, "text": text, "reason": reason, "note": "made up"}


def test_coverage_counts_claimed_and_dismissed_by_reason(tmp_path: Path) -> None:
    layout = made_up_layout(
        tmp_path,
        [
            dismissal("two agencies", "not_a_quantity"),
            dismissal("about 12 officials", "rhetorical"),
            dismissal("Some 40 cases", "duplicate_of:madeup-001"),
        ],
    )
    table = build_coverage(layout, ledger_of(layout))
    assert table.drop(columns=["source_id", "file"]).iloc[0].to_dict() == {
        "found": 4,
        "claimed": 1,
        "dismissed": 3,
        "dismissed_out_of_scope": 0,
        "dismissed_rhetorical": 1,
        "dismissed_not_a_quantity": 1,
        "dismissed_duplicate": 1,
    }


def test_an_unaccounted_number_is_one_line_naming_document_offset_and_text(tmp_path: Path) -> None:
    layout = made_up_layout(
        tmp_path, [dismissal("two agencies", "not_a_quantity"), dismissal("Some 40 cases", "duplicate_of:madeup-001")]
    )
    _, problems = account(layout, ledger_of(layout))
    assert [str(p) for p in problems] == [
        f"data/raw/sources/000_doc.txt: rule every quantity claimed or dismissed: offset {MADE_UP.index('about 12')}: "
        "'about 12 officials' is neither a ledger claim nor in data/ledger/dismissed.csv"
    ]


def test_a_claim_accounts_only_for_its_own_value(tmp_path: Path) -> None:
    """The second '40 cases' is not the claim's span, and the claim does not cover the 12."""
    layout = made_up_layout(tmp_path, [dismissal("two agencies", "not_a_quantity")])
    _, problems = account(layout, ledger_of(layout))
    assert [p.message.split(":")[0] for p in problems] == [
        f"offset {MADE_UP.index('about 12')}",
        f"offset {MADE_UP.index('Some 40')}",
    ]


@pytest.mark.parametrize(
    "row, column, rule",
    [
        (dismissal("two agencies", "boring"), "reason", "str_matches"),
        (dismissal("two agencies", "duplicate_of:madeup-999"), "reason", "duplicate_of names a ledger claim"),
        ({**dismissal("two agencies", "not_a_quantity"), "quote_start": 3}, "text", "text verbatim at quote_start"),
        ({**dismissal("two agencies", "not_a_quantity"), "source_id": "nowhere"}, "source_id", "source_id registered"),
    ],
)
def test_bad_dismissals_are_reported_with_row_column_and_rule(tmp_path: Path, row: dict, column: str, rule: str) -> None:
    layout = made_up_layout(tmp_path, [row])
    _, problems = account(layout, ledger_of(layout))
    assert any(
        p.file == "data/ledger/dismissed.csv" and p.row == 2 and p.column == column and rule in p.rule for p in problems
    ), [str(p) for p in problems]


def remove_dismissal(layout: Layout, text: str) -> pd.Series:
    """Delete the first dismissal of ``text`` from the scratch copy; return it."""
    dismissed = pd.read_csv(layout.dismissed, dtype=str, keep_default_na=False)
    index = dismissed.index[dismissed["text"] == text][0]
    dismissed.drop(index=index).to_csv(layout.dismissed, index=False)
    return dismissed.loc[index]


def test_check_and_build_stop_on_an_unaccounted_number_of_a_real_document(scratch: Layout) -> None:
    removed = remove_dismissal(scratch, "decade")
    before = {path: path.read_bytes() for path in scratch.clean.glob("*.csv")}
    for run in (run_check, run_build):
        with pytest.raises(BuildError) as error:
            run(scratch)
        assert len(error.value.problems) == 1
        line = str(error.value.problems[0])
        assert f"offset {removed.quote_start}: 'decade'" in line and line.startswith("data/raw/sources/004_")
    assert {path: path.read_bytes() for path in scratch.clean.glob("*.csv")} == before


def test_a_new_sentence_in_a_document_is_caught(scratch: Layout) -> None:
    """Appending a figure to a registered document (and re-pinning it) leaves that figure unaccounted."""
    document = scratch.sources_dir / "003_2c88877c2c8543aa.txt"
    text = document.read_text(encoding="utf-8") + "\nThe team held some 40 workshops.\n"
    document.write_text(text, encoding="utf-8")
    sums = scratch.sources_dir / "SHA256SUMS"
    old = hashlib.sha256(Path(REPO.sources_dir / document.name).read_bytes()).hexdigest()
    sums.write_text(sums.read_text().replace(old, hashlib.sha256(text.encode()).hexdigest()))
    with pytest.raises(BuildError) as error:
        build_coverage(scratch, check_ledger(scratch))
    assert [p.message for p in error.value.problems] == [
        f"offset {text.index('some 40')}: 'some 40 workshops' is neither a ledger claim nor in data/ledger/dismissed.csv"
    ]


def test_check_command_reports_coverage(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check"]) == 0
    assert "quantities of the documents claimed or dismissed" in capsys.readouterr().out
