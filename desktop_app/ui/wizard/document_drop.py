"""Documents in: the content type is sniffed from the file's first bytes (never trusted from
the extension), checked by the core's ``document_file_error``, and files can be dropped on a
drop zone as well as picked in a file dialog."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

from desktop_app.domain.validation import ALLOWED_CONTENT_TYPES, document_file_error

#: ISO-BMFF brands of HEIC/HEIF images (``ftyp`` box at offset 4).
_HEIC_BRANDS = {b"heic", b"heix", b"hevc", b"hevx", b"heim", b"heis", b"mif1", b"msf1"}
_EXTENSIONS = {".pdf": "application/pdf", ".jpg": "image/jpeg", ".jpeg": "image/jpeg",
               ".png": "image/png", ".heic": "image/heic", ".heif": "image/heic"}
FILE_DIALOG_FILTER = "Documents (*.pdf *.jpg *.jpeg *.png *.heic *.heif);;All files (*)"


def sniff_content_type(header: bytes) -> str | None:
    """The MIME type the first bytes of a file show, among the ones we accept."""
    if header.startswith(b"%PDF-"):
        return "application/pdf"
    if header.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if header.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if len(header) >= 12 and header[4:8] == b"ftyp" and header[8:12] in _HEIC_BRANDS:
        return "image/heic"
    return None


def check_file(path: Path) -> tuple[str, int, str | None]:
    """(content type, size, reason it is refused or None) — reads only the header."""
    name = path.name
    try:
        size = path.stat().st_size
        with path.open("rb") as fh:
            header = fh.read(32)
    except OSError as exc:
        return "", 0, f"{name}: cannot be read ({exc.strerror or exc.__class__.__name__})"
    sniffed = sniff_content_type(header)
    claimed = _EXTENSIONS.get(path.suffix.lower())
    if sniffed is None:
        if claimed:
            label = ALLOWED_CONTENT_TYPES[claimed]
            return "", size, f"{name}: named like a {label} file but its contents are not {label}"
        return "", size, f"{name}: only PDF, JPEG, PNG or HEIC files can be attached"
    return sniffed, size, document_file_error(name, sniffed, size)


class DropZone(QFrame):
    """Drop files here; emits the local paths dropped."""

    files_dropped = Signal(list)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAcceptDrops(True)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setFrameShadow(QFrame.Shadow.Sunken)
        self.setAccessibleName("Drop files here")
        layout = QVBoxLayout(self)
        label = QLabel("Drop PDF, JPEG, PNG or HEIC files here (up to 25 MB each)")
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        label.setWordWrap(True)
        layout.addWidget(label)
        line = self.fontMetrics().lineSpacing()
        self.setMinimumHeight(line * 4)

    @staticmethod
    def _paths(event: QDropEvent | QDragEnterEvent | QDragMoveEvent) -> list[Path]:
        mime = event.mimeData()
        if not mime.hasUrls():
            return []
        return [Path(url.toLocalFile()) for url in mime.urls() if url.isLocalFile()]

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if self.isEnabled() and self._paths(event):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        if self.isEnabled() and self._paths(event):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = self._paths(event)
        if not paths or not self.isEnabled():
            event.ignore()
            return
        event.acceptProposedAction()
        self.files_dropped.emit(paths)
