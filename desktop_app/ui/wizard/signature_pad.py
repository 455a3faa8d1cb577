"""A signature pad: mouse, pen (tablet) and touch strokes into QPainterPaths, with undo, redo
and clear, rendered to PNG bytes for ``Signature.image_png``."""

from __future__ import annotations

from PySide6.QtCore import (
    QBuffer,
    QByteArray,
    QEvent,
    QIODevice,
    QPointF,
    QRectF,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import (
    QColor,
    QImage,
    QMouseEvent,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPalette,
    QPen,
    QTabletEvent,
)
from PySide6.QtWidgets import QSizePolicy, QWidget


class SignaturePad(QWidget):
    #: A stroke was finished (pen lifted): the signature changed.
    stroke_finished = Signal()
    #: Strokes were undone, redone or cleared.
    changed = Signal()

    def __init__(self, accessible_name: str = "Signature", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.strokes: list[QPainterPath] = []
        self._redo: list[QPainterPath] = []
        self._current: QPainterPath | None = None
        #: A signature stored earlier (shown under any new strokes until cleared).
        self.background: QImage | None = None
        self.setAccessibleName(accessible_name)
        self.setAccessibleDescription(self.tr("Sign with the mouse, a pen or a finger"))
        self.setAttribute(Qt.WidgetAttribute.WA_AcceptTouchEvents, True)
        self.setAttribute(Qt.WidgetAttribute.WA_StaticContents, True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setCursor(Qt.CursorShape.CrossCursor)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setAutoFillBackground(True)
        pal = self.palette()
        pal.setColor(QPalette.ColorRole.Window, QColor("white"))
        self.setPalette(pal)

    def sizeHint(self) -> QSize:
        line = self.fontMetrics().lineSpacing()
        return QSize(line * 28, line * 7)

    def minimumSizeHint(self) -> QSize:
        line = self.fontMetrics().lineSpacing()
        return QSize(line * 14, line * 7)

    # -- state ----------------------------------------------------------------------------
    def is_empty(self) -> bool:
        return not self.strokes and self.background is None

    def set_png(self, data: bytes) -> None:
        """Show a stored signature (strokes are not kept in the store, only the image)."""
        image = QImage()
        self.background = image if data and image.loadFromData(data, "PNG") else None
        self.strokes, self._redo = [], []
        self.update()

    def clear(self) -> None:
        self.strokes, self._redo, self.background = [], [], None
        self.update()
        self.changed.emit()

    def undo(self) -> None:
        if self.strokes:
            self._redo.append(self.strokes.pop())
            self.update()
            self.changed.emit()

    def redo(self) -> None:
        if self._redo:
            self.strokes.append(self._redo.pop())
            self.update()
            self.changed.emit()

    def can_undo(self) -> bool:
        return bool(self.strokes)

    def can_redo(self) -> bool:
        return bool(self._redo)

    def to_png(self) -> bytes:
        image = QImage(self.size(), QImage.Format.Format_ARGB32)
        image.fill(QColor("white"))
        painter = QPainter(image)
        self._draw(painter)
        painter.end()
        data = QByteArray()
        buffer = QBuffer(data)
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        image.save(buffer, "PNG")
        buffer.close()
        return bytes(data.data())

    # -- drawing --------------------------------------------------------------------------
    def _pen(self) -> QPen:
        pen = QPen(QColor("#102a43"))
        pen.setWidthF(max(2.0, self.fontMetrics().lineSpacing() / 8))
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
        return pen

    def _draw(self, painter: QPainter) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        if self.background is not None:
            target = QRectF(self.rect())
            scaled = self.background.size().scaled(self.size(), Qt.AspectRatioMode.KeepAspectRatio)
            target.setSize(scaled.toSizeF())
            painter.drawImage(target, self.background)
        painter.setPen(self._pen())
        for path in self.strokes:
            painter.drawPath(path)
        if self._current is not None:
            painter.drawPath(self._current)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        baseline = self.height() * 0.75
        painter.setPen(QPen(self.palette().color(QPalette.ColorRole.Mid), 1, Qt.PenStyle.DashLine))
        painter.drawLine(QPointF(8, baseline), QPointF(self.width() - 8, baseline))
        self._draw(painter)
        if not self.isEnabled():
            return
        painter.setPen(self.palette().color(QPalette.ColorRole.Dark))
        painter.drawRect(self.rect().adjusted(0, 0, -1, -1))

    # -- input: mouse, pen, touch ---------------------------------------------------------
    def _begin(self, pos: QPointF) -> None:
        self._current = QPainterPath(pos)
        self._current.lineTo(pos + QPointF(0.01, 0.01))  # a dot is a stroke too

    def _extend(self, pos: QPointF) -> None:
        if self._current is not None:
            self._current.lineTo(pos)
            self.update()

    def _end(self) -> None:
        if self._current is None:
            return
        self.strokes.append(self._current)
        self._current = None
        self._redo.clear()
        self.update()
        self.stroke_finished.emit()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self._begin(event.position())

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if event.buttons() & Qt.MouseButton.LeftButton:
            self._extend(event.position())

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self._extend(event.position())
            self._end()

    def tabletEvent(self, event: QTabletEvent) -> None:
        kind = event.type()
        if kind == QEvent.Type.TabletPress:
            self._begin(event.position())
        elif kind == QEvent.Type.TabletMove:
            self._extend(event.position())
        elif kind == QEvent.Type.TabletRelease:
            self._end()
        event.accept()  # no synthesised mouse events on top

    def event(self, event: QEvent) -> bool:
        kind = event.type()
        if kind in (QEvent.Type.TouchBegin, QEvent.Type.TouchUpdate, QEvent.Type.TouchEnd):
            points = event.points()  # type: ignore[attr-defined]
            if points:
                pos = points[0].position()
                if kind == QEvent.Type.TouchBegin:
                    self._begin(pos)
                elif kind == QEvent.Type.TouchUpdate:
                    self._extend(pos)
                else:
                    self._extend(pos)
                    self._end()
            event.accept()
            return True
        return super().event(event)
