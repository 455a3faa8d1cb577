"""The PDF of an application, painted by Qt (``QTextDocument`` on a ``QPdfWriter``; no other
PDF library) and written 0600 (docs/records.md, "PDF of an application"). Every page carries the
application id and the time the PDF was made at the top, and its number at the bottom. The
first page can be painted onto an image by the same code (``render_first_page_image``), since
PySide6-Essentials has no PDF renderer. Works offscreen (the command line starts a
``QGuiApplication`` on the ``offscreen`` platform when there is no display)."""

from __future__ import annotations

import html
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMarginsF, QRectF, QSizeF, Qt, QUrl
from PySide6.QtGui import (
    QFont,
    QGuiApplication,
    QImage,
    QPageLayout,
    QPageSize,
    QPainter,
    QPaintDevice,
    QPdfWriter,
    QTextDocument,
)

from desktop_app.services.records import PdfInput
from desktop_app.ui.pdf_layout import application_html, record_time, signature_url, translate

#: Dots per inch of the page's coordinates (text and lines stay vector in the PDF).
DPI = 120
PAGE_SIZE = QPageSize.PageSizeId.Letter
MARGIN_MM = 15.0
#: Room above and below the body for the header and the page number, in inches.
BAND_INCHES = 0.35


@dataclass(frozen=True)
class _Geometry:
    page: QRectF  # the whole page, in device pixels
    body: QRectF  # where the document flows
    band: float  # the height of the header and footer bands


def _geometry(dpi: int) -> _Geometry:
    size = QPageSize(PAGE_SIZE).sizePoints()
    w, h = size.width() * dpi / 72, size.height() * dpi / 72
    margin = MARGIN_MM / 25.4 * dpi
    band = BAND_INCHES * dpi
    return _Geometry(
        QRectF(0, 0, w, h),
        QRectF(margin, margin + band, w - 2 * margin, h - 2 * margin - 2 * band),
        band,
    )


def ensure_gui_app() -> None:
    """A ``QGuiApplication`` for fonts and painting; offscreen when there is no display."""
    if QGuiApplication.instance() is None:
        if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
            os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        QGuiApplication([])


def build_document(data: PdfInput, device: QPaintDevice, geometry: _Geometry) -> QTextDocument:
    doc = QTextDocument()
    doc.documentLayout().setPaintDevice(device)
    for s in data.app.signatures:
        image = QImage.fromData(s.image_png) if s.image_png else QImage()
        if not image.isNull():
            doc.addResource(
                QTextDocument.ResourceType.ImageResource, QUrl(signature_url(s.person_id)), image
            )
    doc.setHtml(application_html(data))
    doc.setPageSize(QSizeF(geometry.body.width(), geometry.body.height()))
    return doc


def _paint_page(
    painter: QPainter, doc: QTextDocument, geometry: _Geometry, index: int, count: int,
    data: PdfInput,
) -> None:
    body = geometry.body
    painter.save()
    painter.translate(body.left(), body.top() - index * body.height())
    doc.drawContents(painter, QRectF(0, index * body.height(), body.width(), body.height()))
    painter.restore()
    font = QFont(painter.font())
    font.setPointSizeF(7.5)
    painter.setFont(font)
    stamp = html.unescape(record_time(data.generated_at))
    band = geometry.band
    top = QRectF(body.left(), body.top() - band, body.width(), band * 0.8)
    painter.drawText(top, int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                     translate("PdfLayout", "Application {id}").format(id=data.app.id))
    painter.drawText(top, int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
                     translate("PdfLayout", "Generated {stamp}").format(stamp=stamp))
    bottom = QRectF(body.left(), body.bottom() + band * 0.2, body.width(), band * 0.8)
    painter.drawText(bottom, int(Qt.AlignmentFlag.AlignCenter),
                     translate("PdfLayout", "Page {number} of {count}").format(
                         number=index + 1, count=count))


def pdf_bytes(data: PdfInput) -> tuple[bytes, int]:
    """The PDF and its page count."""
    ensure_gui_app()
    array = QByteArray()
    buffer = QBuffer(array)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setResolution(DPI)
    writer.setPageLayout(QPageLayout(QPageSize(PAGE_SIZE), QPageLayout.Orientation.Portrait,
                                     QMarginsF(0, 0, 0, 0)))
    writer.setTitle(translate("PdfLayout", "Application {id}").format(id=data.app.id))
    writer.setCreator("LeaseDesk")
    geometry = _geometry(DPI)
    doc = build_document(data, writer, geometry)
    count = doc.pageCount()
    painter = QPainter(writer)
    try:
        for i in range(count):
            if i:
                writer.newPage()
            _paint_page(painter, doc, geometry, i, count, data)
    finally:
        painter.end()
    buffer.close()
    return bytes(array.data()), count


def write_private(path: Path, content: bytes) -> None:
    """Write ``content`` to ``path`` with mode 0600 from the first byte (a temporary file in
    the same folder, renamed over ``path``)."""
    path = Path(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        if hasattr(os, "fchmod"):
            os.fchmod(fd, 0o600)  # mkstemp's mode already; said again for clarity
        with os.fdopen(fd, "wb") as fh:
            fh.write(content)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
    os.chmod(path, 0o600)


def export_pdf(data: PdfInput, path: Path) -> int:
    """Write the PDF of ``data`` to ``path`` (0600); returns its page count."""
    content, count = pdf_bytes(data)
    write_private(path, content)
    return count


def render_first_page_image(data: PdfInput, dpi: int = DPI) -> QImage:
    """The first page as an image, painted by the same code as the PDF."""
    ensure_gui_app()
    geometry = _geometry(dpi)
    image = QImage(int(geometry.page.width()), int(geometry.page.height()),
                   QImage.Format.Format_RGB32)
    image.setDotsPerMeterX(round(dpi / 0.0254))
    image.setDotsPerMeterY(round(dpi / 0.0254))
    image.fill(Qt.GlobalColor.white)
    doc = build_document(data, image, geometry)
    painter = QPainter(image)
    try:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        _paint_page(painter, doc, geometry, 0, doc.pageCount(), data)
    finally:
        painter.end()
    return image
