"""Citations of one claim, in the formats reference managers read: plain text, BibTeX, CSL-JSON and RIS.

Every format names the document (author, title, publisher, date, URL and access date from the
register ``data/raw/sources/sources.csv``) and carries the claim: its verbatim quote, its claim id,
its qualifier and the endnote the document gives; never the curator's notes or a local file path,
which a reader of the citation cannot use. The register's ``author_type`` says whether the author is a
person (BibTeX parses the name, CSL splits it) or an organisation (kept whole: braced in BibTeX, a
"literal" in CSL). A document whose author is its publisher names it once, as the author.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Mapping

from secstats.core.problems import UnknownName

Row = Mapping[str, object]  # a register or ledger row: a csv.DictReader row or a pandas Series

FORMATS = ("text", "bibtex", "csl-json", "ris")
CSL_TYPES = {
    "web page": "webpage",
    "news article": "article-newspaper",
    "book chapter": "chapter",
    "essay": "webpage",
    "white paper": "report",
}
RIS_TYPES = {"web page": "ELEC", "news article": "NEWS", "book chapter": "CHAP", "essay": "ELEC", "white paper": "RPRT"}
BIBTEX_TYPES = {"white paper": "techreport"}  # everything else is @misc
BIBTEX_SPECIALS = re.compile(r"([&%$#_{}])")


def claim_note(claim_id: str, claim: Row) -> str:
    """The claim as a reader can check it: the verbatim quote, the claim id, the qualifier and the
    endnote the document gives (never the curator's note or a file path)."""
    cited = f" {endnote_words(str(claim['cited_source']))}" if present(claim.get("cited_source")) else ""
    return f'"{claim["quote"]}" (secstats claim {claim_id}, qualifier: {claim["qualifier"]}).{cited}'


INFERRED = "inferred: "  # the ledger's mark of an endnote attached by its order (data/ledger/README.md)


def endnote_words(cited_source: str) -> str:
    """The endnote as a reader takes it: the ledger's ``inferred:`` mark (a curator's shorthand) in words."""
    if cited_source.startswith(INFERRED):
        endnote = cited_source.removeprefix(INFERRED)
        return f"The document cites: {endnote} (attached by the order of its endnotes: the marker is lost in the text)."
    return f"The document cites: {cited_source}."


def present(value: object) -> bool:
    """A cell that holds something: not None, not NaN (pandas' empty cell), not an empty string."""
    return value is not None and not (isinstance(value, float) and math.isnan(value)) and value != ""


def is_organisation(source: Row) -> bool:
    """Whether the document's author is an organisation (the register says; the publisher as author is one)."""
    return source.get("author_type") == "organisation" or source["author"] == source["publisher"]


def publisher_of(source: Row) -> str:
    """The publisher, or nothing when it is the author already: a document is not credited twice to one body."""
    return "" if source["author"] == source["publisher"] else source["publisher"]


def person_parts(name: str) -> dict[str, str]:
    """'Rebecca V. Bell-Martin' -> family 'Bell-Martin', given 'Rebecca V.' (CSL's name parts)."""
    given, _, family = name.rpartition(" ")
    return {"family": family, "given": given} if given else {"literal": name}


def as_text(claim_id: str, claim: Row, source: Row) -> str:
    """Author, "Title," publisher, date: the quote and where it is."""
    url = f" {source['url']} (accessed {source['accessed']})." if source.get("url") else ""
    publisher = f" {publisher_of(source)}," if publisher_of(source) else ""
    return f'{source["author"]}, "{source["title"]},"{publisher} {source["published"]}.{url} ' + claim_note(claim_id, claim)


def date_parts(date: str) -> list[int]:
    """'2021-01' -> [2021, 1], as CSL's date-parts."""
    return [int(part) for part in date.split("-")]


def as_csl(claim_id: str, claim: Row, source: Row) -> str:
    """A CSL-JSON array with one item (what Zotero, pandoc and citeproc read)."""
    item = {
        "id": claim_id,
        "type": CSL_TYPES.get(source["kind"], "document"),
        "title": source["title"],
        "author": [{"literal": source["author"]} if is_organisation(source) else person_parts(source["author"])],
        "issued": {"date-parts": [date_parts(source["published"])]},
        "note": claim_note(claim_id, claim),
    }
    if publisher_of(source):
        item["publisher"] = publisher_of(source)
    if source.get("url"):
        item.update(URL=source["url"], accessed={"date-parts": [date_parts(source["accessed"])]})
    return json.dumps([item], indent=2, ensure_ascii=False)


def bibtex_text(text: str) -> str:
    """Text safe inside a BibTeX field: special characters escaped."""
    return BIBTEX_SPECIALS.sub(r"\\\1", str(text))


def as_bibtex(claim_id: str, claim: Row, source: Row) -> str:
    """One BibTeX entry keyed by the claim id; an organisation's name braced (one name, not split into
    first and last), a person's left for BibTeX to parse."""
    entry_type = BIBTEX_TYPES.get(source["kind"], "misc")
    publisher_field = "institution" if entry_type == "techreport" else "publisher"
    author = bibtex_text(source["author"])
    fields = {
        "author": "{" + author + "}" if is_organisation(source) else author,
        "title": bibtex_text(source["title"]),
        publisher_field: bibtex_text(publisher_of(source)),
        "year": source["published"][:4],
        "note": bibtex_text(claim_note(claim_id, claim)),
    }
    if not fields[publisher_field]:
        del fields[publisher_field]
    if len(source["published"]) >= 7:
        fields["month"] = str(int(source["published"][5:7]))
    if source.get("url"):
        fields.update(url=source["url"], urldate=source["accessed"])
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields.items())
    return f"@{entry_type}{{{claim_id},\n{body}\n}}"


def ris_date(date: str) -> str:
    """'2021-01' -> '2021/01//': RIS dates have four slash-separated parts (year/month/day/other)."""
    parts = date.split("-")
    return "/".join(parts) + "/" * (4 - len(parts))


def ris_person(name: str) -> str:
    """'Rebecca V. Bell-Martin' -> 'Bell-Martin, Rebecca V.', RIS's form of a person's name."""
    parts = person_parts(name)
    return f"{parts['family']}, {parts['given']}" if "family" in parts else name


def as_ris(claim_id: str, claim: Row, source: Row) -> str:
    """One RIS record (EndNote, Mendeley, Zotero)."""
    lines = [
        ("TY", RIS_TYPES.get(source["kind"], "GEN")),
        ("ID", claim_id),
        ("AU", source["author"] if is_organisation(source) else ris_person(source["author"])),
        ("TI", source["title"]),
        ("PB", publisher_of(source)),
        ("PY", source["published"][:4]),
        ("DA", ris_date(source["published"])),
        ("N1", claim_note(claim_id, claim)),
    ]
    lines = [(tag, value) for tag, value in lines if value]
    if source.get("url"):
        lines += [("UR", source["url"]), ("Y2", source["accessed"])]
    return "\n".join(f"{tag}  - {value}" for tag, value in lines) + "\nER  - "


RENDERERS = {"text": as_text, "bibtex": as_bibtex, "csl-json": as_csl, "ris": as_ris}


def render_citation(claim_id: str, claim: Row, source: Row, format: str = "text") -> str:
    """One claim's citation in one of ``FORMATS``; an unknown format lists the valid ones."""
    if format not in RENDERERS:
        raise UnknownName(f"unknown citation format {format!r}; valid formats: {', '.join(FORMATS)}")
    return RENDERERS[format](claim_id, claim, source)


def render_citations(row_id: str, cited: list[tuple[str, Row, Row]], format: str = "text") -> str:
    """The citations of the claims a derived row rests on ((claim id, claim, source) each), in one
    ``format``: CSL-JSON as one array, the others one after another (text led by a line saying so)."""
    parts = [render_citation(claim_id, claim, source, format) for claim_id, claim, source in cited]
    if format == "csl-json":
        return json.dumps([item for part in parts for item in json.loads(part)], indent=2, ensure_ascii=False)
    if format == "text":
        ids = ", ".join(claim_id for claim_id, _, _ in cited)
        lead = f"{row_id} is computed by secstats from {len(cited)} claim(s) ({ids}; see derivation_inputs); cite them:"
        return "\n\n".join([lead, *parts])
    return "\n\n".join(parts)
