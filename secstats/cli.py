"""Command line: ``python -m secstats COMMAND`` (also installed as ``secstats``)."""

from __future__ import annotations

import argparse
import sys

from secstats.charts import render_charts, write_charts
from secstats.claims import check_ledger
from secstats.paths import Layout, default_layout
from secstats.problems import BuildError
from secstats.sources import verify_raw
from secstats.catalog import build_clean_tables
from secstats.tables import write_tables


def run_check(layout: Layout) -> None:
    """Verify raw checksums, then every ledger claim against its document."""
    verify_raw(layout)
    ledger = check_ledger(layout)
    print(f"ok: raw files match their checksums; {len(ledger)} claims verified against their documents")


def run_build_tables(layout: Layout) -> None:
    """Check inputs, then build, validate and write every clean table (all or nothing)."""
    verify_raw(layout)
    ledger = check_ledger(layout)
    tables = build_clean_tables(layout, ledger)
    write_tables(layout, tables)
    print(f"ok: {len(tables)} tables written to {layout.clean.relative_to(layout.root)}/")


def run_build_charts(layout: Layout) -> None:
    """Render every chart from the validated clean tables, then write them all."""
    rendered = render_charts(layout)
    write_charts(layout, rendered)
    print(f"ok: {len(rendered)} figure files written to {layout.figures.relative_to(layout.root)}/")


def run_build(layout: Layout) -> None:
    """Everything, in flow order: checks, tables, charts. Nothing is written unless all tables validate."""
    run_build_tables(layout)
    run_build_charts(layout)


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with one sub-command per task."""
    parser = argparse.ArgumentParser(prog="secstats", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("build", help="check inputs, build the clean tables, then the charts")
    commands.add_parser("check", help="verify raw checksums and the claims ledger")
    commands.add_parser("build-tables", help="check inputs, then build the clean tables in data/clean/")
    commands.add_parser("build-charts", help="draw every chart in figures/ from the clean tables")
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run one command; problems go to stderr, one per line, with exit status 1."""
    args = build_parser().parse_args(argv)
    layout = default_layout()
    try:
        if args.command == "build":
            run_build(layout)
        elif args.command == "check":
            run_check(layout)
        elif args.command == "build-tables":
            run_build_tables(layout)
        elif args.command == "build-charts":
            run_build_charts(layout)
    except BuildError as error:
        print(error.report(), file=sys.stderr)
        return 1
    return 0
