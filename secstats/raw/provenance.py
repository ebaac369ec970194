"""Where every figure comes from, declared once as data: one origin record per document and per reference file.

Documents are registered in ``data/raw/sources/sources.csv`` and reference files in
``data/raw/origins.csv``; both give the publisher, title, URL, date accessed and licence (the coverage
of a reference file is in its folder's ``declared_coverage.csv``). Everything that names a source
(the official tables' ``source`` column, chart footnotes, ``datapackage.json`` sources and licences,
citations) reads these records through this module, and cites them with one function, ``cite_origin``.
"""

from __future__ import annotations

from dataclasses import dataclass

from secstats.core.csvfiles import read_csv_checked
from secstats.core.paths import Layout
from secstats.core.problems import UnknownName
from secstats.raw.sources import read_sources

ORIGIN_COLUMNS = ["file", "publisher", "title", "url", "accessed", "licence", "note"]

# The terms each licence name in the records stands for, as datapackage.json states them.
LICENCES = {
    "cc-by-4.0": {
        "name": "CC-BY-4.0",
        "title": "Creative Commons Attribution 4.0 International",
        "path": "https://creativecommons.org/licenses/by/4.0/",
    },
    "us-government-work": {
        "name": "us-government-work",
        "title": "Work of the U.S. federal government: public domain in "
        "the United States (17 U.S.C. 105); credit the publisher named in sources",
    },
    "mexico-government-open-data": {
        "name": "mexico-government-open-data",
        "title": "Mexican government statistics (INEGI, "
        "CONAPO, SESNSP), reusable under their publishers' free-use terms (INEGI: Terminos de "
        "libre uso de la informacion; datos.gob.mx: Libre Uso MX) with credit to the publisher",
    },
    "publishers-terms": {
        "name": "publishers-terms",
        "title": "Figures as reported by officials and the press: each page "
        "keeps its publisher's terms (see each row's url); secstats republishes only the figures, their "
        "attribution and short quotes",
    },
    "publishers-copyright": {
        "name": "publishers-copyright",
        "title": "The document remains its publisher's; secstats keeps short verbatim quotes for citation",
    },
}


@dataclass(frozen=True)
class Origin:
    """One document or reference file: who published it, what it is, where and when it was read, on what terms."""

    publisher: str
    title: str
    url: str
    accessed: str
    licence: str
    author: str = ""  # documents have authors and publication dates; reference files do not
    published: str = ""

    @property
    def terms(self) -> dict:
        """The licence as a Data Package licence object."""
        return LICENCES[self.licence]

    def as_source(self) -> dict:
        """The origin as a Data Package source object."""
        return {"title": cite_origin(self), **({"path": self.url} if self.url else {})}


def cite_origin(origin: Origin) -> str:
    """The one way secstats names a source: 'Author, Title (Publisher, date)' for a document,
    'Publisher, Title' for a reference file."""
    if origin.author:
        return f"{origin.author}, {origin.title} ({origin.publisher}, {origin.published})"
    return f"{origin.publisher}, {origin.title}"


def reference_origins(layout: Layout) -> dict[str, Origin]:
    """{reference file, as 'mexico/inegi_homicides_1990_2023.csv': its origin} from data/raw/origins.csv."""
    table = read_csv_checked(layout.raw / "origins.csv", None, ORIGIN_COLUMNS, dtype=str, keep_default_na=False)
    return {
        row.file.removeprefix("reference/"): Origin(row.publisher, row.title, row.url, row.accessed, row.licence)
        for row in table.itertuples()
    }


def document_origins(layout: Layout) -> dict[str, Origin]:
    """{source_id: its origin} from the document register, sources.csv."""
    return {
        row.source_id: Origin(row.publisher, row.title, row.url, row.accessed, row.licence, row.author, row.published)
        for row in read_sources(layout).itertuples()
    }


def origin_of(layout: Layout, file: str) -> Origin:
    """The origin of one reference file; an unrecorded file is an error that names the record to add."""
    origins = reference_origins(layout)
    if file not in origins:
        raise UnknownName(f"reference file {file!r} has no origin record: add a row to data/raw/origins.csv")
    return origins[file]
