"""The extractor, through its public function only (``extract``), on made-up sentences: cues the
older tests did not list, endnote numbers glued to a word, and scale words.

Expectations come from English, not from the extractor's tables: "at most 40" bounds from above
(the ledger's nearest word is less_than), "upwards of 40" from below.
"""

from __future__ import annotations

import pytest

from secstats.extract.quantities import extract


def quantities(text: str) -> list[tuple[float, str]]:
    return [(c.value, c.qualifier) for c in extract(text, 2021)]


@pytest.mark.parametrize(
    "cue, qualifier",
    [
        ("estimated", "approximate"),
        ("circa", "approximate"),
        ("approx.", "approximate"),
        ("upwards of", "more_than"),
        ("above", "more_than"),
        ("no less than", "at_least"),
        ("a minimum of", "at_least"),
        ("below", "less_than"),
        ("at most", "less_than"),
    ],
)
def test_a_cue_before_the_number_sets_its_qualifier(cue: str, qualifier: str) -> None:
    """Fails if a cue is dropped from the extractor's list: the figure would read as exact."""
    text = f"The agency counted {cue} 40 cases in the town."
    (candidate,) = extract(text, 2021)
    assert (candidate.value, candidate.qualifier) == (40, qualifier)
    assert candidate.quote.startswith(cue)


@pytest.mark.parametrize(
    "sentence",
    [
        "In the town, cases surpassed 40 in the year.",
        "In the town, the count surpasses 40 this year.",
        "A count surpassing 40 cases was reported.",
        "In the town, cases exceeded 40 in the year.",
        "In the town, the count exceeds 40 this year.",
    ],
)
def test_a_verb_of_excess_makes_a_lower_bound(sentence: str) -> None:
    assert quantities(sentence) == [(40, "more_than")]


@pytest.mark.parametrize("glued", ["deaths.12", "deaths,12"])
def test_an_endnote_glued_to_a_word_is_not_a_quantity(glued: str) -> None:
    """'deaths.12' is endnote 12 of a sentence about deaths: fails if the number is read as 12 (or 0.12)."""
    text = f"The agency counted 34,000 {glued} The next report was late."
    assert quantities(text) == [(34000, "exact")]
    assert ("endnote", "12") in [(c.kind, c.text) for c in extract(text, 2021, include_all=True)]


@pytest.mark.parametrize(
    "written, value",
    [("2.8 million", 2_800_000), ("40 thousand", 40_000), ("1.5 billion", 1_500_000_000), ("two million", 2_000_000)],
)
def test_a_scale_word_multiplies_by_its_own_power_of_ten(written: str, value: int) -> None:
    """Fails if 'million' is read as a thousand (or any scale as another)."""
    assert [c.value for c in extract(f"The program cost US$ {written} in the year.", 2021)] == [value]
