"""How fast the claims extractor reads text, after import: MB of UTF-8 per second (target: at least 1).

The text is the bodies of the five registered documents (their reference lists cut off, since the
extractor reads everything after a references heading as apparatus, which is cheap) repeated to
about 2 MB; every copy gets its own filler word after each full stop, so no sentence repeats and no
cache flatters the result. A report, not a
test: no test fails because a machine is slow.

    .venv/bin/python scripts/extractor_speed.py [MEGABYTES] [--spanish]

With --spanish the text is the three Spanish practice documents of ../shared/documents-uncurated-es/.
"""

from __future__ import annotations

import os
import string
import sys
import time

from secstats.core.paths import default_layout
from secstats.extract.quantities import APPARATUS_HEADING, extract
from secstats.raw.sources import document_texts


def letters(number: int) -> str:
    """A word made of letters only, different for each number (digits would add quantities)."""
    word = ""
    while True:
        number, digit = divmod(number, 26)
        word = string.ascii_lowercase[digit] + word
        if number == 0:
            return "zq" + word


def body_of(text: str) -> str:
    """The document up to its reference list, if it has one."""
    heading = APPARATUS_HEADING.search(text, len(text) // 3)
    return text[: heading.start()] if heading else text


def documents_of(language: str) -> str:
    """The bodies of the registered documents (English), or of the Spanish practice documents in
    ../shared/documents-uncurated-es/ (read there, never copied: their licence is unclear)."""
    if language == "es":
        folder = default_layout().root.parent / "shared" / "documents-uncurated-es"
        return "\n\n".join(path.read_text(encoding="utf-8") for path in sorted(folder.glob("*.txt")))
    return "\n\n".join(body_of(text) for text in document_texts(default_layout()).values())


def sample_text(megabytes: float, language: str = "en") -> str:
    """The documents of ``language``, repeated with a filler word per copy, to about ``megabytes``."""
    documents = documents_of(language)
    copies = []
    size = 0
    while size < megabytes * 1e6:
        copy = documents.replace(". ", f". {letters(len(copies))} ")
        copies.append(copy)
        size += len(copy.encode("utf-8"))
    return "\n\n".join(copies)


def main() -> int:
    arguments = [a for a in sys.argv[1:] if not a.startswith("--")]
    language = "es" if "--spanish" in sys.argv else "en"
    text = sample_text(float(arguments[0]) if arguments else 2.0, language)
    megabytes = len(text.encode("utf-8")) / 1e6
    wall, cpu = [], []
    for _ in range(3):
        start, start_cpu = time.perf_counter(), time.process_time()
        found = extract(text, 2021, include_all=True, language=language)
        wall.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    quantities = sum(1 for c in found if c.kind == "quantity")
    # CPU time is what the extractor costs; wall time also counts other jobs sharing the machine.
    print(
        f"{language}: {megabytes:.2f} MB, {len(found)} numbers ({quantities} quantities), best of 3: "
        f"{megabytes / min(wall):.2f} MB/s wall clock, {megabytes / min(cpu):.2f} MB/s of CPU time "
        f"(target >= 1 MB/s; load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
