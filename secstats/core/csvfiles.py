"""Reading the files users really produce: every defect becomes one ``Problem``, never a traceback.

A ledger saved by Excel (Windows-1252, ';' as delimiter), a row with a field too many, a quotation
mark never closed, an empty or binary file: each is reported with the file, the line and the rule,
before pandas sees the text. Row numbers are file line numbers (the header is line 1), so a blank
line does not shift them: the index of every frame read here is its rows' line number minus 2,
which is what ``Problem`` rows computed as ``index + 2`` expect.
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path
from typing import TYPE_CHECKING

from secstats.core.problems import BuildError, Problem, raise_if_any

if TYPE_CHECKING:  # imported by read_csv_checked: checksums and citations need no pandas
    import pandas as pd

UTF8_BOM = b"\xef\xbb\xbf"
UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
BINARY_SNIFF = 8192  # a NUL byte in the first 8 KiB means the file is not text
OTHER_DELIMITERS = (";", "\t", "|")
THOUSANDS_SEPARATED = re.compile(r"^-?\d{1,3}(,\d{3})+(\.\d+)?$")


def guess_encoding(data: bytes) -> str:
    """The encoding a non-UTF-8 file was most likely saved in (for the message only)."""
    if data.startswith(UTF16_BOMS):
        return "UTF-16"
    # Bytes 0x80-0x9F are control codes in Latin-1 but letters and quotes in Windows-1252 (Excel).
    if any(0x80 <= byte <= 0x9F for byte in data):
        return "Windows-1252"
    return "Latin-1 (ISO-8859-1) or Windows-1252"  # the two agree on every byte outside 0x80-0x9F


def decode_utf8(data: bytes, file: str) -> str:
    """``data`` decoded as UTF-8 (a leading byte-order mark is dropped); else a Problem naming the
    encoding found, the first bad byte and its line."""
    try:
        return data.removeprefix(UTF8_BOM).decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        found = guess_encoding(data)
        raise BuildError(
            [
                Problem(
                    file,
                    "UTF-8 encoding",
                    f"the file is not UTF-8: byte 0x{data[error.start]:02x} at "
                    f"byte {error.start} looks like {found}; UTF-8 is required (save it as UTF-8)",
                    row=line,
                )
            ]
        ) from None


def read_text(path: Path, file: str | None = None) -> str:
    """A text file's contents as UTF-8; a missing, empty, binary or non-UTF-8 file raises
    ``BuildError`` with one line saying which."""
    file = file or str(path)
    if not path.exists():
        raise BuildError([Problem(file, "file present", "no such file")])
    if not path.is_file():
        raise BuildError([Problem(file, "file present", "not a file (a directory?)")])
    try:
        data = path.read_bytes()
    except OSError as error:
        raise BuildError([Problem(file, "file readable", f"cannot read: {error.strerror}")]) from None
    if not data.strip():
        raise BuildError([Problem(file, "file not empty", "the file is empty")])
    if not data.startswith(UTF16_BOMS) and b"\x00" in data[:BINARY_SNIFF]:
        raise BuildError([Problem(file, "text file", "a binary file (it holds NUL bytes), not CSV text")])
    return decode_utf8(data, file)


def record_lines(text: str, file: str) -> tuple[list[str], list[int]]:
    """The header and the line each data record starts on, checking quoting, delimiter and field
    counts; every defect is one Problem."""
    reader = csv.reader(io.StringIO(text), strict=True)
    header: list[str] | None = None
    lines: list[int] = []
    problems: list[Problem] = []
    while True:
        start = reader.line_num + 1
        try:
            fields = next(reader)
        except StopIteration:
            break
        except csv.Error as error:
            unclosed = "unexpected end of data" in str(error)
            message = f"a quotation mark opened on line {start} is never closed" if unclosed else f"malformed quoting ({error})"
            problems.append(Problem(file, "CSV quoting", message, row=start))
            break
        if not fields:
            continue  # a blank line: skipped, and the line numbers after it stay right
        if header is None:
            header = fields
            problems += delimiter_problems(header, file)
            if problems:
                break
            continue
        lines.append(start)
        if len(fields) != len(header):
            problems.append(Problem(file, "fields per row", f"{len(fields)} fields, but the header has {len(header)}", row=start))
    raise_if_any(problems)
    if header is None:
        raise BuildError([Problem(file, "file not empty", "no header line")])
    return header, lines


def delimiter_problems(header: list[str], file: str) -> list[Problem]:
    """A header read as a single field that holds another delimiter: the file is not comma-separated."""
    if len(header) != 1:
        return []
    for delimiter in OTHER_DELIMITERS:
        if delimiter in header[0]:
            shown = {"\t": "tab"}.get(delimiter, repr(delimiter))
            return [
                Problem(
                    file,
                    "comma delimiter",
                    f"the header is separated by {shown}, not ','; save the file as comma-separated CSV",
                    row=1,
                )
            ]
    return []


def read_csv_checked(path: Path, file: str | None = None, required: list[str] | None = None, **options: object) -> pd.DataFrame:
    """Read a CSV with pandas after checking it as text; the index is each row's line number - 2.

    ``required`` columns missing from the header are reported (all of them, with the columns
    found) before any code can ask for one.
    """
    file = file or str(path)
    text = read_text(path, file)
    header, lines = record_lines(text, file)
    missing = [name for name in required or () if name not in header]
    found = f" (the header has: {', '.join(header)})" if len(missing) == 1 else ""
    raise_if_any([Problem(file, "column present", f"missing column {name!r}{found}", row=1, column=name) for name in missing])
    import pandas as pd

    frame = pd.read_csv(io.StringIO(text), **options)
    if len(frame) == len(lines):
        frame.index = pd.Index([line - 2 for line in lines])
    return frame


def thousands_separator_problems(frame: pd.DataFrame, file: str) -> list[Problem]:
    """Cells written '12,345': a number with thousands separators, which would be read as text."""
    problems = []
    for column in frame.columns:
        values = frame[column]
        if values.dtype.kind in "iuf":
            continue
        for index, value in values.items():
            if isinstance(value, str) and THOUSANDS_SEPARATED.match(value):
                problems.append(
                    Problem(
                        file,
                        "plain numbers",
                        f"{value!r} has thousands separators; write {value.replace(',', '')}",
                        row=int(index) + 2,
                        column=str(column),
                    )
                )
    return problems
