"""Documents in: each file is judged by the domain's ``document_checks`` (type from the magic
bytes, never the extension; programs, damaged PDFs, empty and oversize files refused), and
files can be dropped on a drop zone as well as picked in a file dialog."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

from desktop_app.domain.document_checks import check_file as check_document_file

FILE_DIALOG_FILTER = "Documents (*.pdf *.jpg *.jpeg *.png *.heic *.heif);;All files (*)"


def check_file(path: Path) -> tuple[str, int, str | None]:
    """(content type, size, reason it is refused or None): the domain's checks
    (``desktop_app.domain.document_checks``), which read only the file's ends."""
    result = check_document_file(path)
    return result.content_type, result.size, result.reason


class DropZone(QFrame):
    """Drop files here; emits the local paths dropped."""

    files_dropped = Signal(list)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAcceptDrops(True)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setFrameShadow(QFrame.Shadow.Sunken)
        self.setAccessibleName(self.tr("Drop files here"))
        layout = QVBoxLayout(self)
        label = QLabel(self.tr("Drop PDF, JPEG, PNG or HEIC files here (up to 25 MB each)"))
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
