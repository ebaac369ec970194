"""Command line: ``python -m secstats COMMAND`` (also installed as ``secstats``)."""

from __future__ import annotations

import argparse
import sys

from secstats.claims import check_ledger
from secstats.paths import Layout, default_layout
from secstats.problems import BuildError
from secstats.sources import verify_raw


def run_check(layout: Layout) -> None:
    """Verify raw checksums, then every ledger claim against its document."""
    verify_raw(layout)
    ledger = check_ledger(layout)
    print(f"ok: raw files match their checksums; {len(ledger)} claims verified against their documents")


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with one sub-command per task."""
    parser = argparse.ArgumentParser(prog="secstats", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("check", help="verify raw checksums and the claims ledger")
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run one command; problems go to stderr, one per line, with exit status 1."""
    args = build_parser().parse_args(argv)
    layout = default_layout()
    try:
        if args.command == "check":
            run_check(layout)
    except BuildError as error:
        print(error.report(), file=sys.stderr)
        return 1
    return 0
