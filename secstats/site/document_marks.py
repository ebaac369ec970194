"""A source document as paragraphs of pieces, each piece plain text or part of a marked span.

The site shows every ledger claim where it sits in its document. Quotes are located by character
offset (``quote_start``), so marking works on the decoded text itself; paragraphs are the blocks the
text separates with blank lines (single line breaks inside a paragraph come from the PDF's layout and
read as spaces in HTML). Spans may nest or overlap (two claims quoting one phrase): each piece links to
the shortest span that covers it, so the inner claim keeps its own highlight, and a span that owns no
piece at all is still reachable through its anchor.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import deque
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import pairwise

PARAGRAPH_BREAK = re.compile(r"\n[ \t\r\f\v]*\n\s*")


@dataclass(frozen=True)
class Mark:
    """A span of the document to highlight: [start, end) in characters, what it belongs to (a claim id),
    its kind ('claim', or 'dismissed' for a number the ledger leaves out) and a note (why it was left out)."""

    start: int
    end: int
    key: str
    kind: str = "claim"
    note: str = ""


@dataclass(frozen=True)
class Piece:
    """A run of text in one paragraph; ``mark`` is the span it links to (None for plain text), and
    ``anchors`` the spans that begin here (each gets an id the claim page links back to)."""

    text: str
    mark: Mark | None = None
    anchors: tuple[Mark, ...] = ()


def paragraph_bounds(text: str) -> list[tuple[int, int]]:
    """[start, end) of every non-blank paragraph, in order."""
    bounds, start = [], 0
    for gap in PARAGRAPH_BREAK.finditer(text):
        bounds.append((start, gap.start()))
        start = gap.end()
    bounds.append((start, len(text)))
    return [(s, e) for s, e in bounds if text[s:e].strip()]


def paragraph_spans(text: str) -> list[tuple[int, int, int]]:
    """(start, end, end of the paragraph before) for every paragraph."""
    bounds = paragraph_bounds(text)
    return [(start, end, previous) for (start, end), previous in zip(bounds, [0] + [e for _, e in bounds[:-1]], strict=True)]


def owner(marks: Iterable[Mark], start: int, end: int) -> Mark | None:
    """The claim mark covering [start, end), else any: the shortest, ties broken by key so the choice never
    depends on order."""
    covering = [m for m in marks if m.start <= start and end <= m.end]
    return min(covering, key=lambda m: (m.kind != "claim", m.end - m.start, m.key), default=None)


def pieces_of(text: str, start: int, end: int, marks: list[Mark], previous_end: int = 0) -> list[Piece]:
    """One paragraph [start, end) cut at every mark boundary inside it. A mark is anchored at its
    first visible character: where it starts, or here if it starts in the gap after ``previous_end``."""
    inside = sorted((m for m in marks if m.start < end and m.end > start), key=lambda m: (m.start, m.end, m.key))
    cuts = sorted({start, end, *(p for m in inside for p in (m.start, m.end) if start < p < end)})
    anchored_at: dict[int, list[Mark]] = {}
    for mark in inside:
        if mark.start >= previous_end and mark.kind == "claim":
            anchored_at.setdefault(max(mark.start, start), []).append(mark)
    # A sweep along the cuts: ``covering`` holds the marks begun and not yet ended. Every mark boundary
    # is a cut, so a mark still open at a piece's left edge covers the whole piece.
    pieces, covering, waiting = [], [], deque(inside)
    for left, right in pairwise(cuts):
        while waiting and waiting[0].start <= left:
            covering.append(waiting.popleft())
        covering = [m for m in covering if m.end > left]
        anchors = tuple(sorted(anchored_at.get(left, ()), key=lambda m: m.key))
        pieces.append(Piece(text[left:right], owner(covering, left, right), anchors))
    return pieces


def marked_paragraphs(text: str, marks: Iterable[Mark]) -> list[list[Piece]]:
    """The document as paragraphs of pieces, with every mark anchored where it begins."""
    ordered = sorted(marks, key=lambda m: (m.start, m.end, m.key))
    for mark in ordered:
        if not 0 <= mark.start < mark.end <= len(text):
            raise ValueError(f"mark {mark.key} [{mark.start}, {mark.end}) lies outside the document ({len(text)} characters)")
    # One sweep down the document: each paragraph is given the marks begun before its end and not
    # ended before its start, so the cost grows with the marks, not with marks times paragraphs.
    starts = [mark.start for mark in ordered]
    paragraphs: list[list[Piece]] = []
    reaching: list[Mark] = []
    taken = 0
    for start, end, previous in paragraph_spans(text):
        begun = bisect_left(starts, end)
        reaching = [m for m in (*reaching, *ordered[taken:begun]) if m.end > start]
        taken = begun
        paragraphs.append(pieces_of(text, start, end, reaching, previous))
    return paragraphs


def paragraphs_around(text: str, mark: Mark) -> list[list[Piece]]:
    """The paragraph(s) a mark sits in, with only that mark highlighted: a quote in its context."""
    return [
        pieces_of(text, start, end, [mark], previous)
        for start, end, previous in paragraph_spans(text)
        if start < mark.end and end > mark.start
    ]


def unowned(paragraphs: list[list[Piece]], marks: Iterable[Mark]) -> list[Mark]:
    """Claim marks that no piece links to (wholly covered by shorter ones): they need a link of their own."""
    owned = {piece.mark for paragraph in paragraphs for piece in paragraph if piece.mark is not None}
    return sorted((m for m in marks if m not in owned and m.kind == "claim"), key=lambda m: (m.start, m.key))


# --- the source's structure ------------------------------------------------------------------------

# Scraping debris a web copy carries: page furniture, image file names, counters. Shown, but marked as
# not part of the text (the quotes' offsets count it, so it is never dropped).
BOILERPLATE = re.compile(
    r"free hit counter|\btop of page\b|\bbottom of page\b|\S+\.(?:jpe?g|png|gif|svg)\b|^Return to ", re.IGNORECASE | re.MULTILINE
)
LIST_ITEM = re.compile(r"^\s*(?:[-•*·]|\d{1,2}[.)])\s+\S")
HEADING_MAX = 90  # characters: a longer line is a sentence, not a heading


@dataclass(frozen=True)
class Block:
    """A paragraph as the source lays it out: 'text', 'heading', 'list' (``lines`` are its items) or
    'boilerplate' (page debris, not part of the text)."""

    kind: str
    lines: list[list[Piece]]


def block_kind(text: str) -> str:
    """What a paragraph is, read from its words and lines."""
    lines = [line for line in text.strip().splitlines() if line.strip()]
    if BOILERPLATE.search(text) and len(text.strip()) < 200:
        return "boilerplate"
    if (len(lines) > 1 and all(LIST_ITEM.match(line) for line in lines)) or (len(lines) == 1 and LIST_ITEM.match(lines[0])):
        return "list"
    stripped = text.strip()
    if len(lines) == 1 and len(stripped) <= HEADING_MAX and not stripped.endswith((".", ",", ";", ":", "?", "!", ")")):
        return "heading" if stripped[:1].isupper() and not any(ch.isdigit() for ch in stripped) else "text"
    return "text"


def split_lines(paragraph: list[Piece]) -> list[list[Piece]]:
    """A paragraph's pieces cut at its line breaks: one list of pieces per line, marks kept on every part."""
    lines: list[list[Piece]] = [[]]
    for piece in paragraph:
        parts = piece.text.split("\n")
        for index, part in enumerate(parts):
            if index:
                lines.append([])
            if part:
                lines[-1].append(Piece(part, piece.mark, piece.anchors if index == 0 else ()))
            elif index == 0 and piece.anchors:
                lines[-1].append(Piece("", piece.mark, piece.anchors))
    return [line for line in lines if line]


def blocks_of(paragraphs: list[list[Piece]]) -> list[Block]:
    """Each paragraph as the source lays it out (lists keep their items, headings stand apart)."""
    blocks = []
    for paragraph in paragraphs:
        kind = block_kind("".join(piece.text for piece in paragraph))
        blocks.append(Block(kind, split_lines(paragraph) if kind == "list" else [paragraph]))
    return blocks
