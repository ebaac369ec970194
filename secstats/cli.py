"""Command line: ``python -m secstats COMMAND`` (also installed as ``secstats``).

    secstats build                      check inputs, build every table, chart and metadata file
    secstats check                      verify raw checksums and every ledger claim
    secstats list                       the published tables, one line each
    secstats show NAME [--csv]          one table, validated
    secstats cite CLAIM_ID              a citation with the verbatim quote
    secstats validate FILE --table NAME check your own CSV against a table's schema
    secstats extract FILE [--format csv|json] [--source-id ID] [--all]
                                        candidate ledger rows for every quantity of a text document
    secstats add-source FILE --title T --publisher P --date D [--url U]
                                        register a document and write its candidates for review
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

import pandas as pd

from secstats.api import cite, load, tables
from secstats.catalog import CATALOG, build_clean_tables, table_files, table_model
from secstats.claims import check_ledger
from secstats.coverage import build_coverage, published_year
from secstats.extract import candidate_rows, extract
from secstats.intake import IntakeError, NewSource, add_source, decoded
from secstats.paths import Layout, default_layout
from secstats.manifest import output_problems, publish
from secstats.escaping import formula_cells, show_controls
from secstats.problems import BuildError, Problem, UnknownName, raise_if_any
from secstats.schemas import read_csv_for, validate_frame
from secstats.sources import read_sources, verify_raw
from secstats.pipeline import run_build


def run_check(layout: Layout) -> None:
    """Verify raw checksums, every ledger claim against its document, and every published file
    against the output manifest."""
    verify_raw(layout)
    ledger = check_ledger(layout)
    coverage = build_coverage(layout, ledger)
    raise_if_any(output_problems(layout, list(layout.output_dirs)))
    print(f"ok: raw files match their checksums; {len(ledger)} claims verified against their documents; "
          f"all {coverage['found'].sum()} quantities of the documents claimed or dismissed; "
          "every output is the one built from these inputs")


def run_list() -> None:
    """Print every table name with its one-line description."""
    width = max(map(len, CATALOG))
    for name, description in tables().items():
        print(f"{name:<{width}}  {description}")


def run_show(name: str, as_csv: bool) -> None:
    """Print one validated table: as CSV, or as a readable block with its description."""
    table = load(name)
    if as_csv:
        text = table.to_csv(index=False, lineterminator="\n")
        # Piped, the CSV is data and stays verbatim; on a terminal, control characters are shown, not obeyed.
        sys.stdout.write(show_controls(text) if sys.stdout.isatty() else text)
        return
    print(f"{name}: {' '.join((table_model(name).__doc__ or '').split())}\n")
    with pd.option_context("display.max_rows", None, "display.max_columns", None, "display.width", 200,
                           "display.max_colwidth", 60):
        print(show_controls(table.to_string(index=False)))


def run_validate(file: Path, name: str) -> None:
    """Check a user's CSV against a table's schema (and claim ids against the ledger); raise on failure.

    Formula-like text cells are warned about on stderr: a spreadsheet would run them.
    """
    model = table_model(name)
    try:
        table = read_csv_for(file, model)
    except BuildError as error:
        raise BuildError(error.problems + other_table_hint(file, name, error.problems)) from None
    known = set(load("claims")["claim_id"])
    frame, problems = validate_frame(model, table, str(file), known)
    raise_if_any(problems)
    for warning in formula_cells(table, str(file)):
        print(f"warning: {warning}", file=sys.stderr)
    print(f"ok: {file} is a valid {name} table ({len(frame)} rows)")


def run_extract(file: Path, output: str, source_id: str, published: str, include_all: bool) -> None:
    """Print the candidates of one document as CSV or JSON (the year anchors open periods)."""
    if not file.is_file():
        raise FileNotFoundError(f"no such file: {file}")
    text = decoded(file, file.read_bytes())
    if source_id and not published:
        register = read_sources(default_layout())
        published = next(iter(register.loc[register["source_id"] == source_id, "published"]), "")
    rows = candidate_rows(extract(text, published_year(published), include_all), source_id)
    if not include_all:
        rows = rows.drop(columns="kind")
    if output == "json":
        print(rows.to_json(orient="records", force_ascii=False, indent=1))
    else:
        rows.to_csv(sys.stdout, index=False, lineterminator="\n")


def run_add_source(file: Path, source: NewSource) -> None:
    """Register a document and report where its candidates wait for review."""
    layout = default_layout()
    source_id, candidates, count = add_source(layout, file, source)
    print(f"ok: registered {source_id} ({file.name} copied byte-exact into {layout.sources_dir.relative_to(layout.root)}, "
          f"sha256 pinned in data/raw/SHA256SUMS)\n"
          f"{count} quantities to review in {candidates.relative_to(layout.root)}: copy each into "
          f"data/ledger/claims.csv or list it in data/ledger/dismissed.csv; until then the build names them")


def other_table_hint(file: Path, name: str, problems: list[Problem]) -> list[Problem]:
    """When columns are missing, the tables whose columns the file does have (a wrong --table)."""
    if not any(p.rule == "column present" for p in problems):
        return []
    header = read_csv_for(file).columns.tolist()
    fits = [other for other, model in CATALOG.items() if other != name and list(model.to_schema().columns) == header]
    return [Problem(str(file), "--table matches the file", f"its columns are those of {' or '.join(fits)}, "
                    f"not {name}: try --table {fits[0]}" + (" (or another of those)" if len(fits) > 1 else ""))] if fits else []


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with one sub-command per task, each with its own --help."""
    parser = argparse.ArgumentParser(prog="secstats", description=__doc__.splitlines()[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter, epilog=__doc__)
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    commands.add_parser("build", help="check inputs, then build every table, chart and metadata file")
    commands.add_parser("check", help="verify raw checksums and the claims ledger")
    commands.add_parser("list", help="list the published tables")
    show = commands.add_parser("show", help="print one table, validated")
    show.add_argument("name", help=f"table name: {', '.join(CATALOG)}")
    show.add_argument("--csv", action="store_true", help="print as CSV instead of a readable block")
    cite_command = commands.add_parser("cite", help="print the citation of one claim, with its verbatim quote")
    cite_command.add_argument("claim_id", help="a ledger claim id, such as kloppe-006")
    validate = commands.add_parser("validate", help="check your CSV against a table's schema")
    validate.add_argument("file", type=Path, help="the CSV to check")
    validate.add_argument("--table", required=True, help=f"the table whose schema applies: {', '.join(CATALOG)}")
    extract = commands.add_parser("extract", help="print a candidate ledger row for every quantity of a text document")
    extract.add_argument("file", type=Path, help="a UTF-8 text document")
    extract.add_argument("--format", choices=["csv", "json"], default="csv", help="output format (default csv)")
    extract.add_argument("--source-id", default="", help="fill source_id (and take the publication year from sources.csv)")
    extract.add_argument("--date", default="", help="publication date YYYY[-MM[-DD]]: anchors 'since 2006', 'the last decade'")
    extract.add_argument("--all", action="store_true", help="also list non-quantities (years, dates, endnotes...) with their kind")
    add = commands.add_parser("add-source", help="register a document and write its candidate claims for review")
    add.add_argument("file", type=Path, help="a UTF-8 text document")
    add.add_argument("--title", required=True, help="the document's title")
    add.add_argument("--publisher", required=True, help="who published it")
    add.add_argument("--date", required=True, help="publication date, YYYY, YYYY-MM or YYYY-MM-DD")
    add.add_argument("--url", default="", help="where it was read")
    add.add_argument("--author", default="", help="author(s); the publisher when empty")
    add.add_argument("--kind", default="document", help="fact sheet, report, testimony... (default: document)")
    add.add_argument("--source-id", default="", help="the id to register (default: from the title and year)")
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run one command. Problems go to stderr, one per line, with exit status 1."""
    args = build_parser().parse_args(argv)
    try:
        if args.command == "build":
            run_build(default_layout())
        elif args.command == "check":
            run_check(default_layout())
        elif args.command == "list":
            run_list()
        elif args.command == "show":
            run_show(args.name, args.csv)
        elif args.command == "cite":
            print(show_controls(cite(args.claim_id)))
        elif args.command == "validate":
            run_validate(args.file, args.table)
        elif args.command == "extract":
            run_extract(args.file, args.format, args.source_id, args.date, args.all)
        elif args.command == "add-source":
            run_add_source(args.file, NewSource(args.title, args.publisher, args.date, args.author, args.url,
                                                args.kind, args.source_id))
    except BuildError as error:
        print(show_controls(error.report()), file=sys.stderr)
        return 1
    except IntakeError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    except UnknownName as error:
        print(f"error: {show_controls(str(error))}", file=sys.stderr)
        return 1
    except OSError as error:  # a disk full, a directory not writable: say which file and why
        print(f"error: {error.filename}: {error.strerror}" if error.filename else f"error: {error}", file=sys.stderr)
        return 1
    except Exception as error:  # noqa: BLE001 - a bug still gets one line, never a traceback
        if os.environ.get("SECSTATS_TRACEBACK"):
            raise
        print(f"error: unexpected {type(error).__name__}: {show_controls(str(error))} (a secstats bug: please "
              "report it; SECSTATS_TRACEBACK=1 shows where)", file=sys.stderr)
        return 1
    return 0
