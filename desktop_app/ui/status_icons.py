"""The small icons beside the list's Status and Sync words and the status bar's sync line:
draft, submitted, synced, waiting, needs attention, conflict, offline, not synced.

Drawn with QPainter at the size asked for (sharp at any scale factor, no files to ship). The
coloured marks use mid-tone colours readable on both a light and a dark base; the neutral
ones (draft, not synced, offline) take the palette's text colour, so they follow the system
scheme."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPainterPath, QPalette, QPen, QPixmap
from PySide6.QtWidgets import QApplication

DRAFT, SUBMITTED = "draft", "submitted"
SYNCED, WAITING, NEEDS_ATTENTION = "synced", "waiting", "needs_attention"
CONFLICT, OFFLINE, NOT_SYNCED, ONLINE = "conflict", "offline", "not_synced", "online"
KINDS = (DRAFT, SUBMITTED, SYNCED, WAITING, NEEDS_ATTENTION, CONFLICT, OFFLINE, NOT_SYNCED, ONLINE)

#: Mid-tone colours: contrast of at least 3:1 (the WCAG figure for graphics) with both a white
#: and a near-black base.
_BLUE, _GREEN, _AMBER, _RED = "#3d7fd6", "#2f9e57", "#b87d00", "#d9463b"

_cache: dict[tuple[str, int, int], QIcon] = {}


def _text_colour() -> QColor:
    return QApplication.palette().color(QPalette.ColorGroup.Active, QPalette.ColorRole.Text)


def status_icon(kind: str, size: int = 16) -> QIcon:
    """The icon for ``kind`` (one of ``KINDS``; anything else: an empty icon)."""
    if kind not in KINDS:
        return QIcon()
    text = _text_colour()
    key = (kind, size, text.rgba())
    icon = _cache.get(key)
    if icon is None:
        icon = QIcon()
        for scale in (1, 2):
            icon.addPixmap(_draw(kind, size * scale, text))
        _cache[key] = icon
    return icon


def _draw(kind: str, px: int, text: QColor) -> QPixmap:
    pixmap = QPixmap(px, px)
    pixmap.fill(Qt.GlobalColor.transparent)
    p = QPainter(pixmap)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    u = px / 16.0
    box = QRectF(1.5 * u, 1.5 * u, 13 * u, 13 * u)
    white = QColor("#ffffff")

    def stroke(colour: QColor | str, width: float = 1.6) -> QPen:
        pen = QPen(QColor(colour), width * u)
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
        return pen

    def disc(colour: str) -> None:
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(QColor(colour))
        p.drawEllipse(box)
        p.setBrush(Qt.BrushStyle.NoBrush)

    def check() -> None:
        p.setPen(stroke(white, 1.8))
        path = QPainterPath(QPointF(4.8 * u, 8.2 * u))
        path.lineTo(7 * u, 10.4 * u)
        path.lineTo(11.2 * u, 5.8 * u)
        p.drawPath(path)

    if kind == DRAFT:  # an outlined page with a fold
        p.setPen(stroke(text, 1.3))
        page = QPainterPath(QPointF(3.5 * u, 1.5 * u))
        for x, y in ((9.5, 1.5), (12.5, 4.5), (12.5, 14.5), (3.5, 14.5), (3.5, 1.5)):
            page.lineTo(x * u, y * u)
        p.drawPath(page)
        p.drawLine(QPointF(5.5 * u, 8 * u), QPointF(10.5 * u, 8 * u))
        p.drawLine(QPointF(5.5 * u, 11 * u), QPointF(10.5 * u, 11 * u))
    elif kind in (SUBMITTED, SYNCED, ONLINE):
        disc(_BLUE if kind == SUBMITTED else _GREEN)
        check()
    elif kind == WAITING:  # a clock
        disc(_AMBER)
        p.setPen(stroke(white, 1.6))
        p.drawLine(QPointF(8 * u, 8 * u), QPointF(8 * u, 4.5 * u))
        p.drawLine(QPointF(8 * u, 8 * u), QPointF(10.6 * u, 9.6 * u))
    elif kind == NEEDS_ATTENTION:  # a warning triangle with "!"
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(QColor(_AMBER))
        tri = QPainterPath(QPointF(8 * u, 1 * u))
        tri.lineTo(15 * u, 14.5 * u)
        tri.lineTo(1 * u, 14.5 * u)
        tri.closeSubpath()
        p.drawPath(tri)
        p.setPen(stroke(white, 1.8))
        p.drawLine(QPointF(8 * u, 5.5 * u), QPointF(8 * u, 9.5 * u))
        p.drawPoint(QPointF(8 * u, 12.2 * u))
    elif kind == CONFLICT:  # two crossing strokes
        disc(_RED)
        p.setPen(stroke(white, 1.8))
        p.drawLine(QPointF(5.3 * u, 5.3 * u), QPointF(10.7 * u, 10.7 * u))
        p.drawLine(QPointF(10.7 * u, 5.3 * u), QPointF(5.3 * u, 10.7 * u))
    elif kind == OFFLINE:  # a circle struck through
        p.setPen(stroke(text, 1.5))
        p.drawEllipse(box.adjusted(u, u, -u, -u))
        p.drawLine(QPointF(3 * u, 13 * u), QPointF(13 * u, 3 * u))
    else:  # NOT_SYNCED: a dashed circle
        pen = stroke(text, 1.4)
        pen.setStyle(Qt.PenStyle.DashLine)
        p.setPen(pen)
        p.drawEllipse(box.adjusted(u, u, -u, -u))
    p.end()
    return pixmap
