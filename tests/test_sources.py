"""Raw documents are byte-exact: any changed byte stops the build with file, expected and actual hash."""

from __future__ import annotations

import hashlib
import re

import pytest

from secstats.core.paths import Layout
from secstats.core.problems import BuildError
from secstats.raw.sources import read_checksums, read_sources, verify_raw


def test_repo_sources_match_checksums(scratch: Layout) -> None:
    verify_raw(scratch)


def test_every_registered_source_is_checksummed(scratch: Layout) -> None:
    listed = set(read_checksums(scratch.sources_dir / "SHA256SUMS"))
    assert set(read_sources(scratch)["file"]) <= listed


def test_one_changed_byte_is_reported_with_both_hashes(scratch: Layout) -> None:
    document = scratch.sources_dir / read_sources(scratch)["file"].iloc[2]
    data = bytearray(document.read_bytes())
    expected = hashlib.sha256(data).hexdigest()
    data[100] ^= 0x01
    document.write_bytes(bytes(data))
    with pytest.raises(BuildError) as error:
        verify_raw(scratch)
    message = str(error.value)
    assert document.name in message
    assert expected in message
    assert hashlib.sha256(data).hexdigest() in message
    assert "sha256" in message


def test_missing_document_is_reported(scratch: Layout) -> None:
    document = scratch.sources_dir / read_sources(scratch)["file"].iloc[0]
    document.unlink()
    with pytest.raises(BuildError, match="file missing"):
        verify_raw(scratch)


def test_a_file_no_checksum_pins_is_reported(scratch: Layout) -> None:
    stray = scratch.sources_dir / "005_new_document.txt"
    stray.write_text("an unpinned document", encoding="utf-8")
    with pytest.raises(BuildError, match=re.escape("005_new_document.txt: rule sha256 listed: file is not listed")):
        verify_raw(scratch)


def test_a_malformed_checksum_line_is_reported_with_its_line(scratch: Layout) -> None:
    checksums = scratch.sources_dir / "SHA256SUMS"
    lines = checksums.read_text().splitlines()
    checksums.write_text("\n".join([*lines, "not-a-hash  file.txt"]) + "\n", encoding="utf-8")
    with pytest.raises(BuildError, match=rf"SHA256SUMS: row {len(lines) + 1}: rule sha256sum line format"):
        verify_raw(scratch)


def test_the_register_is_pinned_too(scratch: Layout) -> None:
    register = scratch.sources_dir / "sources.csv"
    register.write_text(register.read_text().replace("2019", "2018", 1), encoding="utf-8")
    with pytest.raises(BuildError, match=re.escape("sources.csv: rule sha256: checksum mismatch")):
        verify_raw(scratch)
