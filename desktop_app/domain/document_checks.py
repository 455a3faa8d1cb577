"""Whether a file may be attached as a document, judged from its bytes, never its name.

The type comes from the magic bytes (PDF ``%PDF-``, JPEG, PNG, HEIC's ``ftyp`` brand at offset
4). A program is refused even when renamed ``.pdf`` (Windows ``MZ``, ELF, Mach-O, a ``#!``
script); a PDF must end like one (``startxref`` and ``%%EOF`` in its last bytes), so a
truncated download is refused at the documents step instead of reaching a landlord; an empty
file and one over 25 MB are refused before anything is read. Only the first and last few KB of
a file are read to decide.

``check_attachment`` is what the core runs before it stores any document's bytes (the wizard's
attach, an import): the checks above on the bytes themselves, and the metadata's type, size
and sha256 against what it computes from those bytes."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from desktop_app.domain.errors import FieldError
from desktop_app.domain.models import Document
from desktop_app.domain.validation import ALLOWED_CONTENT_TYPES, MAX_DOCUMENT_BYTES
from desktop_app.i18n import _

HEAD_BYTES = 64
TAIL_BYTES = 2048

#: ISO-BMFF brands of HEIC/HEIF images (``ftyp`` box at offset 4).
HEIC_BRANDS = frozenset({b"heic", b"heix", b"hevc", b"hevx", b"heim", b"heis", b"mif1", b"msf1"})
EXECUTABLE_MAGIC = (
    b"MZ",  # Windows PE / DOS
    b"\x7fELF",
    b"\xfe\xed\xfa\xce",
    b"\xfe\xed\xfa\xcf",
    b"\xce\xfa\xed\xfe",
    b"\xcf\xfa\xed\xfe",  # Mach-O
    b"\xca\xfe\xba\xbe",  # Mach-O universal
    b"#!",  # a script
)
EXTENSIONS = {
    ".pdf": "application/pdf",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".png": "image/png",
    ".heic": "image/heic",
    ".heif": "image/heic",
}


@dataclass(frozen=True)
class DocumentCheck:
    content_type: str  # "" when refused before the type was known
    size: int
    reason: str | None  # why it is refused, or None

    @property
    def ok(self) -> bool:
        return self.reason is None


def sniff_content_type(header: bytes) -> str | None:
    """The MIME type the first bytes of a file show, among the ones we accept."""
    if header.startswith(b"%PDF-"):
        return "application/pdf"
    if header.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if header.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if len(header) >= 12 and header[4:8] == b"ftyp" and header[8:12] in HEIC_BRANDS:
        return "image/heic"
    return None


def is_executable(header: bytes) -> bool:
    return header.startswith(EXECUTABLE_MAGIC)


def pdf_is_complete(tail: bytes) -> bool:
    """A PDF's last bytes hold ``startxref`` and the ``%%EOF`` marker; a truncated or damaged
    file lacks them."""
    return b"%%EOF" in tail and b"startxref" in tail


def check_document(name: str, size: int, head: bytes, tail: bytes) -> DocumentCheck:
    """Judge a file from its size, its first bytes and its last bytes."""
    if size <= 0:
        return DocumentCheck("", size, _("{name}: the file is empty").format(name=name))
    if size > MAX_DOCUMENT_BYTES:
        return DocumentCheck("", size, _("{name}: larger than 25 MB ({size} MB)").format(
            name=name, size=f"{size / 1_048_576:.1f}"
        ))
    if is_executable(head):
        return DocumentCheck(
            "", size, _("{name}: this is a program, not a document; it cannot be attached").format(
                name=name
            )
        )
    sniffed = sniff_content_type(head)
    if sniffed is None:
        claimed = EXTENSIONS.get(Path(name).suffix.lower())
        if claimed:
            label = ALLOWED_CONTENT_TYPES[claimed]
            return DocumentCheck(
                "", size, _("{name}: named like a {label} file but its contents are not {label}").format(
                    name=name, label=label
                )
            )
        return DocumentCheck(
            "", size, _("{name}: only PDF, JPEG, PNG or HEIC files can be attached").format(name=name)
        )
    if sniffed == "application/pdf" and not pdf_is_complete(tail):
        return DocumentCheck(
            sniffed,
            size,
            _(
                "{name}: the PDF is damaged or incomplete (it does not end like a PDF); "
                "save or download it again"
            ).format(name=name),
        )
    return DocumentCheck(sniffed, size, None)


def check_bytes(name: str, content: bytes) -> DocumentCheck:
    return check_document(name, len(content), content[:HEAD_BYTES], content[-TAIL_BYTES:])


def check_file(path: Path) -> DocumentCheck:
    """Judge a file on disk, reading only its first and last bytes."""
    name = path.name
    try:
        size = path.stat().st_size
        head = tail = b""
        if 0 < size <= MAX_DOCUMENT_BYTES:
            with path.open("rb") as fh:
                head = fh.read(HEAD_BYTES)
                fh.seek(max(0, size - TAIL_BYTES))
                tail = fh.read(TAIL_BYTES)
    except OSError as exc:
        return DocumentCheck(
            "", 0, _("{name}: cannot be read ({reason})").format(
                name=name, reason=exc.strerror or type(exc).__name__
            )
        )
    return check_document(name, size, head, tail)


def check_attachment(
    doc: Document, content: bytes, path: str, name: str | None = None
) -> tuple[Document, list[FieldError]]:
    """Judge ``content`` as the bytes of ``doc`` (at field path ``path``, e.g. ``documents[2]``).

    Returns the metadata with the content type, size and sha256 computed from the bytes, and the
    field errors: the bytes refused (``<path>.file_name``), or a type, size or sha256 the
    metadata states that the bytes do not have (``<path>.content_type``/``.size``/``.sha256``).
    Values the metadata leaves empty are filled in, not refused. Messages start with ``name``
    (default: the file name, else the id); ``name=""`` leaves it out (the path names the
    document, and no value from an outside file is quoted)."""
    own = doc.file_name or doc.id
    label = own if name is None else name

    def message(text: str) -> str:
        return f"{label}: {text}" if label else text[0].upper() + text[1:]

    result = check_bytes(own, content)  # the name's extension shapes the reason
    if not result.ok:
        reason = (result.reason or "").removeprefix(f"{own}: ")
        return doc, [FieldError(f"{path}.file_name", message(reason))]
    digest = hashlib.sha256(content).hexdigest()
    errors = []
    if doc.content_type and doc.content_type != result.content_type:
        claimed = ALLOWED_CONTENT_TYPES.get(doc.content_type, _("another type"))
        actual = ALLOWED_CONTENT_TYPES[result.content_type]
        errors.append(FieldError(
            f"{path}.content_type", message(_("said to be {claimed} but the file is {actual}").format(
                claimed=claimed, actual=actual
            ))
        ))
    if doc.size and doc.size != len(content):
        errors.append(FieldError(
            f"{path}.size", message(_("said to be {size} bytes but the file has {actual}").format(
                size=doc.size, actual=len(content)
            ))
        ))
    if doc.sha256 and doc.sha256.lower() != digest:
        errors.append(FieldError(
            f"{path}.sha256", message(_("the file does not match its checksum (sha256)"))
        ))
    checked = doc.model_copy(
        update={"content_type": result.content_type, "size": len(content), "sha256": digest}
    )
    return checked, errors
