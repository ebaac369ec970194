"""Command line: ``python -m secstats COMMAND`` (also installed as ``secstats``).

    secstats build [--out DIR]                  check inputs, build every table, chart, metadata file and the site
    secstats check                              verify raw checksums, every ledger claim and the published outputs
    secstats list [--json]                      the published tables, one line each
    secstats describe NAME [--json]             one table's columns (type, unit), keys, sources and licence
    secstats show NAME [--csv | --json]         one table, validated
    secstats cite CLAIM_ID [--format F] [--json] a citation (text, bibtex, csl-json, ris) with the verbatim quote
    secstats validate FILE --table NAME [--json] check your own CSV against a table's schema
    secstats extract FILE [--format csv|json] [--source-id ID] [--all] [--lang es|en]
                                                candidate ledger rows for every quantity of a text document
    secstats add-source FILE --title T --publisher P --date D [--url U] [--licence L] [--accessed D] [--project DIR]
                                                register a document and write its candidates for review

Every command has --help with an example; `secstats --version` prints the version.
"""

from __future__ import annotations

import argparse
import inspect
import json
import math
import os
import shutil
import signal
import sys
import textwrap
from dataclasses import asdict
from pathlib import Path
from typing import TYPE_CHECKING

from secstats.api import cite, describe, load, tables
from secstats.core.escaping import show_controls
from secstats.core.paths import PACKAGE_DIR, Layout, OutputRefused, default_layout, output_layout, project_layout
from secstats.core.problems import BuildError, IntakeError, Problem, UnknownName, raise_if_any, shown
from secstats.publish.citation import FORMATS
from secstats.version import package_version

if TYPE_CHECKING:  # the commands import what they use: a citation needs neither pandera nor matplotlib
    import pandas as pd

    from secstats.ledger.intake import NewSource


def run_check(layout: Layout) -> None:
    """Verify raw checksums, every ledger claim against its document, every number of the documents
    claimed or dismissed, and every published file against the output manifest. On an installed copy,
    the packaged tables are checked against their manifest (figures, docs and site are not installed)."""
    from secstats.ledger.claims import check_inputs
    from secstats.ledger.coverage import build_coverage
    from secstats.publish.manifest import SHIPPED, output_problems

    ledger = check_inputs(layout)
    coverage = build_coverage(layout, ledger)
    installed = layout.root == PACKAGE_DIR
    if installed:
        raise_if_any(output_problems(layout, [layout.clean], prefix=SHIPPED))
    else:
        raise_if_any(output_problems(layout, list(layout.output_dirs)))
    print(
        f"ok: raw files match their checksums; {len(ledger)} claims verified against their documents; "
        f"all {coverage['found'].sum()} quantities of the documents claimed or dismissed; "
        + (
            f"installed copy ({layout.data}): every packaged table is the one its manifest lists "
            "(figures, docs and the site are not installed: secstats build --out DIR makes them)"
            if installed
            else "every output is the one built from these inputs"
        )
    )


def print_json(data: object) -> None:
    """JSON on stdout, UTF-8 kept readable."""
    print(json.dumps(data, indent=2, ensure_ascii=False))


def run_list(as_json: bool) -> None:
    """Print every table name with its one-line description."""
    if as_json:
        print_json([{"name": name, "description": description} for name, description in tables().items()])
        return
    listed = tables()
    width = max(map(len, listed))
    for name, description in listed.items():
        print(f"{name:<{width}}  {description}")


def run_describe(name: str, as_json: bool) -> None:
    """Print one table's metadata as datapackage.json gives it: description, columns (type, unit,
    description), primary key, sources and licence."""
    description = describe(name)
    if as_json:
        print_json(description)
    else:
        print(show_controls(repr(description)))


def published_bytes(name: str) -> bytes:
    """A published table's file, byte for byte."""
    return (default_layout().clean / f"{name}.csv").read_bytes()


SHOW_WIDTH = 100  # characters a line of `show` may take when the terminal's width is unknown (piped)
SHOW_CELL = 40  # characters of one cell; `show --csv` prints every cell whole


def run_show(name: str, as_csv: bool, as_json: bool) -> None:
    """Print one table: its published CSV bytes, JSON records, or a readable block."""
    table = load(name)
    if as_csv:
        data = published_bytes(name)
        # Piped, the published bytes stay verbatim; on a terminal, control characters are shown, not obeyed.
        if sys.stdout.isatty():
            sys.stdout.write(show_controls(data.decode("utf-8")))
        else:
            sys.stdout.flush()
            sys.stdout.buffer.write(data)
        return
    if as_json:
        dates = table.select_dtypes("datetime").columns
        records = table.assign(**{c: table[c].dt.strftime("%Y-%m-%d") for c in dates})
        print_json({"name": name, "metadata": dict(table.attrs), "rows": json.loads(records.to_json(orient="records"))})
        return
    import pandas as pd

    width = shutil.get_terminal_size((SHOW_WIDTH, 24)).columns
    print(textwrap.fill(f"{name}: {' '.join(table.attrs['description'].split())}", width) + "\n")
    with pd.option_context("display.max_rows", None):
        # Empty cells print empty (not NaN); long texts are cut, and columns wrap into blocks the
        # terminal's width (100 characters when piped) instead of 250-character lines.
        text = table.to_string(index=False, na_rep="", max_colwidth=SHOW_CELL, line_width=width)
    print(show_controls(text))


def run_cite(claim_id: str, format: str, as_json: bool) -> None:
    """Print one claim's citation; with --json, every format in one object."""
    if as_json:
        print_json({"claim_id": claim_id, **{name: cite(claim_id, format=name) for name in FORMATS}})
    else:
        print(show_controls(cite(claim_id, format=format)))


def run_validate(file: Path, name: str, as_json: bool, all_problems: bool = False) -> None:
    """Check a user's CSV against a table's published schema (and claim ids against the ledger); raise on failure.

    Formula-like text cells are warned about on stderr: a spreadsheet would run them.
    """
    from secstats.core.escaping import formula_cells
    from secstats.core.validation import read_csv_for, validate_frame
    from secstats.publish.catalog import table_schema

    schema = table_schema(name)
    try:
        table = read_csv_for(file, schema)
    except BuildError as error:
        raise BuildError(error.problems + other_table_hint(file, name, error.problems)) from None
    known = set(load("claims")["claim_id"])
    frame, problems = validate_frame(schema, table, str(file), known)
    problems += unknown_source_problems(table, str(file))
    # Shown whatever else is wrong (a spreadsheet would run them); text columns only: "-5" is a number
    numeric = ("float", "int", "datetime", "bool")
    text = [name for name, column in schema.columns.items() if name in table and not any(k in str(column.dtype) for k in numeric)]
    warnings = formula_cells(table[text], str(file))
    for warning in warnings[: None if all_problems else REPORT_LIMIT]:
        print(f"warning: {warning}", file=sys.stderr)
    if len(warnings) > REPORT_LIMIT and not all_problems:
        print(f"warning: ... and {len(warnings) - REPORT_LIMIT} more formula-like cell(s): --all lists them", file=sys.stderr)
    if as_json:
        print_json(
            {
                "file": str(file),
                "table": name,
                "valid": not problems,
                "rows": len(frame),
                "problems": [asdict(problem) for problem in problems],
            }
        )
    raise_if_any(problems)
    if not as_json:
        print(f"ok: {file} is a valid {name} table ({len(frame)} rows)")


def unknown_source_problems(table: pd.DataFrame, file: str) -> list[Problem]:
    """Rows whose source_id is no document of the register (data/raw/sources/sources.csv)."""
    if "source_id" not in table.columns:
        return []
    from secstats.raw.sources import read_sources

    registered = set(read_sources(default_layout())["source_id"])
    return [
        Problem(
            file,
            "source_id registered",
            f"unknown source {shown(source)}: registered are {', '.join(sorted(registered))}",
            row=int(index) + 2,
            column="source_id",
        )
        for index, source in table["source_id"].items()
        if isinstance(source, str) and source and source not in registered
    ]


def run_extract(file: Path, output: str, source_id: str, published: str, include_all: bool, language: str | None = None) -> None:
    """Print the candidates of one document as CSV or JSON (the year anchors open periods)."""
    from secstats.extract.quantities import candidate_rows, extract
    from secstats.ledger.intake import decoded
    from secstats.raw.sources import published_year, read_sources

    if not file.is_file():
        raise FileNotFoundError(f"no such file: {file}")
    text = decoded(file, file.read_bytes())
    if source_id and not published:
        register = read_sources(default_layout())
        published = next(iter(register.loc[register["source_id"] == source_id, "published"]), "")
    rows = candidate_rows(extract(text, published_year(published), include_all, language), source_id)
    if not include_all:
        rows = rows.drop(columns="kind")
    if output == "json":  # numbers as JSON numbers, written as the document writes them (no 3.5e9)
        records = [
            {name: json_number(value) if name in NUMBERS else value for name, value in row.items()}
            for row in rows.to_dict("records")
        ]
        print(json.dumps(records, ensure_ascii=False, indent=1))
    else:
        rows.to_csv(sys.stdout, index=False, lineterminator="\n")


NUMBERS = ("value", "value_high", "quote_start", "confidence")  # the candidate columns that hold numbers


def json_number(text: str | float | None) -> int | float | None:
    """A number written as text ('3500000000', '2.5', '') as JSON writes it: an integer, a decimal or null."""
    if text is None or text == "" or (isinstance(text, float) and math.isnan(text)):
        return None
    number = float(text)
    return int(number) if number.is_integer() and "." not in str(text) else number


def run_add_source(file: Path, source: NewSource, project: Path | None = None) -> None:
    """Register a document in a project (this checkout, or --project DIR) and report where its
    candidates wait for review. An installed secstats refuses: it never writes into its own package."""
    from secstats.ledger.intake import add_source

    layout = project_layout(project)
    source_id, candidates, count = add_source(layout, file, source)
    print(
        f"ok: registered {source_id} ({file.name} copied byte-exact into data/raw/sources/, "
        f"sha256 pinned in data/raw/sources/SHA256SUMS)\n"
        f"{count} quantities to review in {candidates.relative_to(layout.root)} (in the ledger's columns): "
        f"paste each reviewed row into data/ledger/claims.csv or list it in data/ledger/dismissed.csv; "
        "until then the build names them"
    )


def run_build_command(layout: Layout) -> None:
    """Check every input, then make every table, chart, metadata file and site page in memory and
    replace the outputs all at once (all old or all new, whatever happens). One build runs at a time."""
    from secstats.pipeline import run_build

    run_build(layout)


def other_table_hint(file: Path, name: str, problems: list[Problem]) -> list[Problem]:
    """When columns are missing, the tables whose columns the file does have (a wrong --table)."""
    if not any(p.rule == "column present" for p in problems):
        return []
    from secstats.core.validation import read_csv_for
    from secstats.publish.catalog import CATALOG, table_schema

    header = read_csv_for(file).columns.tolist()
    fits = [other for other in CATALOG if other != name and list(table_schema(other).columns) == header]
    return (
        [
            Problem(
                str(file),
                "--table matches the file",
                f"its columns are those of {' or '.join(fits)}, "
                f"not {name}: try --table {fits[0]}" + (" (or another of those)" if len(fits) > 1 else ""),
            )
        ]
        if fits
        else []
    )


# name -> (one-line help, example); the description of each sub-command is its run_* docstring.
COMMANDS = {
    "build": ("check inputs, then build every table, chart, metadata file and the site", "secstats build --out ./secstats-build"),
    "check": ("verify raw checksums and the claims ledger", "secstats check"),
    "list": ("list the published tables", "secstats list --json"),
    "describe": ("print one table's columns, units, keys, sources and licence", "secstats describe homicides"),
    "show": ("print one table, validated", "secstats show homicides --csv | head -3"),
    "cite": ("print the citation of one claim, with its verbatim quote", "secstats cite kloppe-006 --format bibtex >> refs.bib"),
    "validate": ("check your CSV against a table's schema", "secstats validate my.csv --table homicides"),
    "extract": (
        "print a candidate ledger row for every quantity of a text document",
        "secstats extract report.txt --source-id ucsd-taskforce-2019 --format json",
    ),
    "add-source": (
        "register a document and write its candidate claims for review",
        'secstats add-source memo.txt --title "Fact sheet" --publisher "U.S. Department of State" --date 2023-11-16',
    ),
}
RUNNERS = {
    "build": run_build_command,
    "check": run_check,
    "list": run_list,
    "describe": run_describe,
    "show": run_show,
    "cite": run_cite,
    "validate": run_validate,
    "extract": run_extract,
    "add-source": run_add_source,
}


def plain(docstring: str) -> str:
    """A docstring as help text: indentation and reStructuredText's ``code`` marks removed."""
    return inspect.cleandoc(docstring).replace("``", "")


def add_command(commands: argparse._SubParsersAction, name: str) -> argparse.ArgumentParser:
    """A sub-command whose --help gives its description and an example."""
    help_text, example = COMMANDS[name]
    return commands.add_parser(
        name,
        help=help_text,
        description=plain(RUNNERS[name].__doc__ or help_text),
        epilog=f"example:\n  {example}",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )


def table_names() -> str:
    """The published tables' names, for help texts ('see secstats list' when the data cannot be read)."""
    try:
        return ", ".join(tables())
    except (OSError, ValueError):
        return "see secstats list"


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with one sub-command per task, each with its own --help."""
    parser = argparse.ArgumentParser(
        prog="secstats", description=__doc__.splitlines()[0], formatter_class=argparse.RawDescriptionHelpFormatter, epilog=__doc__
    )
    parser.add_argument("--version", action="version", version=f"secstats {package_version()}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    build = add_command(commands, "build")
    build.add_argument(
        "--out",
        type=Path,
        help="the folder to build into (required when secstats is installed: it never writes into its own package); "
        "it gets data/clean/, figures/, docs/, site/, the render cache .cache/charts/ and the lock file .secstats-build.lock",
    )
    add_all_problems(build)
    add_all_problems(add_command(commands, "check"))
    add_command(commands, "list").add_argument("--json", action="store_true", help="print JSON")
    described = add_command(commands, "describe")
    described.add_argument("name", help=f"table name: {table_names()}")
    described.add_argument("--json", action="store_true", help="print the metadata as JSON")
    show = add_command(commands, "show")
    show.add_argument("name", help=f"table name: {table_names()}")
    output = show.add_mutually_exclusive_group()
    output.add_argument("--csv", action="store_true", help="print the published CSV, byte for byte")
    output.add_argument("--json", action="store_true", help="print the metadata and rows as JSON")
    cite_command = add_command(commands, "cite")
    cite_command.add_argument("claim_id", help="a ledger claim id, such as kloppe-006")
    cite_command.add_argument("--format", choices=FORMATS, default="text", help="citation format (default: text)")
    cite_command.add_argument("--json", action="store_true", help="print every format in one JSON object")
    validate = add_command(commands, "validate")
    validate.add_argument("file", type=Path, help="the CSV to check")
    validate.add_argument("--table", required=True, help=f"the table whose schema applies: {table_names()}")
    validate.add_argument("--json", action="store_true", help="print the result and every problem as JSON")
    add_all_problems(validate)
    extract = add_command(commands, "extract")
    extract.add_argument("file", type=Path, help="a UTF-8 text document")
    extract.add_argument("--format", choices=["csv", "json"], default="csv", help="output format (default csv)")
    extract.add_argument("--source-id", default="", help="fill source_id (and take the publication year from sources.csv)")
    extract.add_argument("--date", default="", help="publication date YYYY[-MM[-DD]]: anchors 'since 2006', 'the last decade'")
    extract.add_argument(
        "--all", action="store_true", help="also list non-quantities (years, dates, endnotes...) with their kind"
    )
    extract.add_argument(
        "--lang", choices=["es", "en"], default=None, help="the document's language (default: decided from the text)"
    )
    add = add_command(commands, "add-source")
    add.add_argument("file", type=Path, help="a UTF-8 text document")
    add.add_argument("--title", required=True, help="the document's title")
    add.add_argument("--publisher", required=True, help="who published it")
    add.add_argument("--date", required=True, help="publication date, YYYY, YYYY-MM or YYYY-MM-DD")
    add.add_argument("--url", default="", help="where it was read")
    add.add_argument("--author", default="", help="author(s); the publisher when empty")
    add.add_argument("--organisation", action="store_true", help="the author is an organisation, not a person")
    add.add_argument("--kind", default="document", help="fact sheet, report, testimony... (default: document)")
    add.add_argument("--source-id", default="", help="the id to register (default: from the title and year)")
    add.add_argument("--licence", default="publishers-copyright", help="the document's licence (default: publishers-copyright)")
    add.add_argument("--accessed", default="", help="the day it was read, YYYY-MM-DD (default: today)")
    add.add_argument("--project", type=Path, help="the secstats clone to register it in (default: this checkout)")
    return parser


def run(args: argparse.Namespace) -> None:
    """Dispatch one parsed command."""
    if args.command == "build":
        run_build_command(output_layout(default_layout(), args.out))
    elif args.command == "check":
        run_check(default_layout())
    elif args.command == "list":
        run_list(args.json)
    elif args.command == "describe":
        run_describe(args.name, args.json)
    elif args.command == "show":
        run_show(args.name, args.csv, args.json)
    elif args.command == "cite":
        run_cite(args.claim_id, args.format, args.json)
    elif args.command == "validate":
        run_validate(args.file, args.table, args.json, args.all_problems)
    elif args.command == "extract":
        run_extract(args.file, args.format, args.source_id, args.date, args.all, args.lang)
    elif args.command == "add-source":
        from secstats.ledger.intake import NewSource

        facts = NewSource(
            args.title,
            args.publisher,
            args.date,
            args.author,
            args.url,
            args.kind,
            args.source_id,
            args.licence,
            args.accessed,
            args.organisation,
        )
        run_add_source(args.file, facts, args.project)


REPORT_LIMIT = 50  # problems listed before a count of the rest, as frictionless caps its errors; --all lists every one


def add_all_problems(command: argparse.ArgumentParser) -> None:
    """``--all``: list every problem, not the first REPORT_LIMIT."""
    command.add_argument(
        "--all",
        dest="all_problems",
        action="store_true",
        help=f"list every problem (default: the first {REPORT_LIMIT}, then a count)",
    )


def quiet_closed_pipe() -> int:
    """A reader that stops early (``| head``) is no error: silence the flush at exit, exit as SIGPIPE would."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    return 128 + signal.SIGPIPE


def main(argv: list[str] | None = None) -> int:
    """Run one command. Problems go to stderr, one per line, with exit status 1."""
    args = build_parser().parse_args(argv)
    try:
        run(args)
        sys.stdout.flush()
    except BrokenPipeError:  # before OSError: a reader that left early is no error
        return quiet_closed_pipe()
    except BuildError as error:
        limit = None if getattr(args, "all_problems", False) else REPORT_LIMIT
        print(show_controls(error.report(limit)), file=sys.stderr)
        return 1
    except (IntakeError, OutputRefused) as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    except UnknownName as error:
        print(f"error: {show_controls(str(error))}", file=sys.stderr)
        return 1
    except OSError as error:  # a disk full, a directory not writable: say which file and why
        print(f"error: {error.filename}: {error.strerror}" if error.filename else f"error: {error}", file=sys.stderr)
        return 1
    except Exception as error:
        if os.environ.get("SECSTATS_TRACEBACK"):
            raise
        print(
            f"error: unexpected {type(error).__name__}: {show_controls(str(error))} (a secstats bug: please "
            "report it; SECSTATS_TRACEBACK=1 shows where)",
            file=sys.stderr,
        )
        return 1
    return 0
