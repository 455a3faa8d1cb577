"""The documents step's refusals, at the domain level: the type comes from the bytes, programs
are refused whatever their name, a damaged PDF, an empty file and one over 25 MB are refused."""

from __future__ import annotations

import pytest

from desktop_app.domain.document_checks import check_bytes, check_file, sniff_content_type

PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\nstartxref\n0\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 40
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 40


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        (PDF, "application/pdf"),
        (PNG, "image/png"),
        (JPEG, "image/jpeg"),
        *[
            (b"\x00\x00\x00\x18ftyp" + brand + b"\x00" * 8, "image/heic")
            for brand in (b"heic", b"heix", b"mif1", b"msf1")
        ],
        (b"\x00\x00\x00\x18ftypisom\x00\x00", None),
        (b"hello", None),
    ],
)
def test_type_from_magic_bytes(header, expected):
    assert sniff_content_type(header) == expected


@pytest.mark.parametrize(
    "program",
    [
        b"MZ\x90\x00\x03",
        b"\x7fELF\x02\x01\x01",
        b"\xcf\xfa\xed\xfe\x07\x00",
        b"\xca\xfe\xba\xbe",
        b"#!/bin/sh\necho hi\n",
    ],
)
def test_a_program_renamed_pdf_is_refused_as_a_program(program):
    result = check_bytes("lease.pdf", program + b"\x00" * 100)
    assert not result.ok
    assert "lease.pdf: this is a program, not a document" in result.reason


def test_a_pdf_without_its_end_is_refused_as_damaged():
    truncated = PDF[: PDF.index(b"startxref")]
    result = check_bytes("stub.pdf", truncated)
    assert not result.ok and "damaged or incomplete" in result.reason
    no_xref = PDF.replace(b"startxref", b"xxxxxxxxx")
    assert "damaged or incomplete" in check_bytes("stub.pdf", no_xref).reason
    assert check_bytes("stub.pdf", PDF).ok


def test_empty_and_oversize_files_are_refused(tmp_path):
    empty = tmp_path / "empty.pdf"
    empty.write_bytes(b"")
    assert check_file(empty).reason == "empty.pdf: the file is empty"
    big = tmp_path / "big.pdf"
    with big.open("wb") as fh:
        fh.write(PDF)
        fh.truncate(50 * 1024 * 1024)
    result = check_file(big)
    assert not result.ok and "big.pdf: larger than 25 MB (50.0 MB)" == result.reason


def test_good_files_pass_and_unknown_types_say_what_is_accepted(tmp_path):
    good = tmp_path / "scan.pdf"
    good.write_bytes(PDF + b"%" * 5000 + b"\nstartxref\n9\n%%EOF\n")
    assert check_file(good).content_type == "application/pdf" and check_file(good).ok
    notes = tmp_path / "notes.txt"
    notes.write_text("hello")
    assert "only PDF, JPEG, PNG or HEIC" in check_file(notes).reason
    fake_png = tmp_path / "photo.png"
    fake_png.write_bytes(b"GIF89a" + b"\x00" * 10)
    assert "named like a PNG file but its contents are not PNG" in check_file(fake_png).reason
    assert "cannot be read" in check_file(tmp_path / "missing.pdf").reason
