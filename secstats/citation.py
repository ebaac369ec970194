"""Citations of one claim, in the formats reference managers read: plain text, BibTeX, CSL-JSON and RIS.

Every format names the document (author, title, publisher, date, URL and access date from the
register ``data/raw/sources/sources.csv``) and carries the claim: its verbatim quote, where the quote
sits, its qualifier and the endnote the document gives. Authors are kept as written ("literal" names):
the register does not say which are people and which are organisations.
"""

from __future__ import annotations

import json
import re

import pandas as pd

from secstats.problems import UnknownName

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


def claim_note(claim_id: str, claim: pd.Series, source: pd.Series) -> str:
    """The claim as a note: the quote, where it is, its qualifier, the endnote and the curator's note."""
    cited = f" The document cites: {claim['cited_source']}." if pd.notna(claim["cited_source"]) else ""
    note = f" Note: {claim['note']}" if pd.notna(claim["note"]) else ""
    return (
        f'"{claim["quote"]}" (character {claim["quote_start"]} of data/raw/sources/{source["file"]}; '
        f"secstats claim {claim_id}, qualifier: {claim['qualifier']}).{cited}{note}"
    )


def as_text(claim_id: str, claim: pd.Series, source: pd.Series) -> str:
    """Author, "Title," publisher, date: the quote and where it is."""
    url = f" {source['url']} (accessed {source['accessed']})." if source.get("url") else ""
    return f'{source["author"]}, "{source["title"]}," {source["publisher"]}, {source["published"]}.{url} ' + claim_note(
        claim_id, claim, source
    )


def date_parts(date: str) -> list[int]:
    """'2021-01' -> [2021, 1], as CSL's date-parts."""
    return [int(part) for part in date.split("-")]


def as_csl(claim_id: str, claim: pd.Series, source: pd.Series) -> str:
    """A CSL-JSON array with one item (what Zotero, pandoc and citeproc read)."""
    item = {
        "id": claim_id,
        "type": CSL_TYPES.get(source["kind"], "document"),
        "title": source["title"],
        "author": [{"literal": source["author"]}],
        "publisher": source["publisher"],
        "issued": {"date-parts": [date_parts(source["published"])]},
        "note": claim_note(claim_id, claim, source),
    }
    if source.get("url"):
        item.update(URL=source["url"], accessed={"date-parts": [date_parts(source["accessed"])]})
    return json.dumps([item], indent=2, ensure_ascii=False)


def bibtex_text(text: str) -> str:
    """Text safe inside a BibTeX field: special characters escaped."""
    return BIBTEX_SPECIALS.sub(r"\\\1", str(text))


def as_bibtex(claim_id: str, claim: pd.Series, source: pd.Series) -> str:
    """One BibTeX entry keyed by the claim id; the author in braces, kept as one name."""
    entry_type = BIBTEX_TYPES.get(source["kind"], "misc")
    publisher_field = "institution" if entry_type == "techreport" else "publisher"
    fields = {
        "author": "{" + bibtex_text(source["author"]) + "}",
        "title": bibtex_text(source["title"]),
        publisher_field: bibtex_text(source["publisher"]),
        "year": source["published"][:4],
        "note": bibtex_text(claim_note(claim_id, claim, source)),
    }
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


def as_ris(claim_id: str, claim: pd.Series, source: pd.Series) -> str:
    """One RIS record (EndNote, Mendeley, Zotero)."""
    lines = [
        ("TY", RIS_TYPES.get(source["kind"], "GEN")),
        ("ID", claim_id),
        ("AU", source["author"]),
        ("TI", source["title"]),
        ("PB", source["publisher"]),
        ("PY", source["published"][:4]),
        ("DA", ris_date(source["published"])),
        ("N1", claim_note(claim_id, claim, source)),
    ]
    if source.get("url"):
        lines += [("UR", source["url"]), ("Y2", source["accessed"])]
    return "\n".join(f"{tag}  - {value}" for tag, value in lines) + "\nER  - "


RENDERERS = {"text": as_text, "bibtex": as_bibtex, "csl-json": as_csl, "ris": as_ris}


def render_citation(claim_id: str, claim: pd.Series, source: pd.Series, format: str = "text") -> str:
    """One claim's citation in one of ``FORMATS``; an unknown format lists the valid ones."""
    if format not in RENDERERS:
        raise UnknownName(f"unknown citation format {format!r}; valid formats: {', '.join(FORMATS)}")
    return RENDERERS[format](claim_id, claim, source)
