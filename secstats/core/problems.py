"""How the build reports bad input: one line per problem, all problems at once, non-zero exit.

Every check in secstats (checksums, ledger, tables) returns ``Problem`` records rather than raising on
the first one, so a user fixing a file sees the full list in one run.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One failed rule: where (file, row, column, claim) and which rule, with the offending value."""

    file: str
    rule: str
    message: str
    row: int | None = None  # 1-based line number in the file, the header being line 1
    column: str | None = None
    claim_id: str | None = None

    def __str__(self) -> str:
        where = [self.file]
        if self.row is not None:
            where.append(f"row {self.row}")
        if self.claim_id:
            where.append(f"claim {self.claim_id}")
        if self.column:
            where.append(f"column {self.column}")
        return f"{': '.join(where)}: rule {self.rule}: {self.message}"


SHOWN_CHARACTERS = 80  # a value longer than this is cut in messages: a 100 kB quote is not echoed whole


def shown(value: object) -> str:
    """A value as a message quotes it (repr), cut to its first characters when long."""
    text = repr(value)
    if len(text) <= SHOWN_CHARACTERS:
        return text
    return f"{text[: SHOWN_CHARACTERS - 10]}...' ({len(str(value)):,} characters)"


class BuildError(Exception):
    """Raised when any input fails its checks; carries every problem found."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = list(problems)
        super().__init__(self.report())

    def report(self, limit: int | None = None) -> str:
        """The problems, one per line, with a count first; with ``limit``, the first ``limit`` of them and
        a line saying how many more there are (the command-line report is bounded: ``--all`` lifts it)."""
        lines = [f"{len(self.problems)} problem(s) found:"]
        lines += [f"  - {p}" for p in self.problems[:limit]]
        if limit is not None and len(self.problems) > limit:
            lines.append(f"  ... and {len(self.problems) - limit} more problem(s): run the command again with --all to list them")
        return "\n".join(lines)


def raise_if_any(problems: list[Problem]) -> None:
    """Raise ``BuildError`` when the list is not empty."""
    if problems:
        raise BuildError(problems)


class IntakeError(Exception):
    """A document ``add-source`` cannot register; the message is one line naming the file and the reason."""


class UnknownName(KeyError):
    """A table or claim name that does not exist; the message lists what does."""

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else ""
