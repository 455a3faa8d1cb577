"""A small daily bar chart drawn with QPainter (PySide6-Essentials has no charts module): one
bar per day of the window, today on the right, the highest value labelled."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QWidget


class DailyBars(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.values: list[float] = []
        self.setMinimumSize(QSize(150, 40))
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def set_values(self, values: Sequence[float]) -> None:
        self.values = [max(0.0, float(v)) for v in values]
        peak = max(self.values, default=0.0)
        self.setToolTip(self.tr("per day, oldest first; highest {peak:g}").format(peak=peak))
        self.update()

    def sizeHint(self) -> QSize:  # noqa: N802 — Qt's name
        return QSize(300, 44)

    def paintEvent(self, _event: QPaintEvent) -> None:  # noqa: N802 — Qt's name
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        rect = QRectF(self.rect()).adjusted(1, 1, -1, -1)
        painter.setPen(palette.mid().color())
        painter.drawLine(rect.bottomLeft(), rect.bottomRight())
        peak = max(self.values, default=0.0)
        if not self.values or peak <= 0:
            painter.setPen(palette.placeholderText().color())
            painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, self.tr("no data yet"))
            return
        width = rect.width() / len(self.values)
        colour = QColor(palette.highlight().color())
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(colour)
        usable = rect.height() - 12  # room for the peak's label
        for i, value in enumerate(self.values):
            height = usable * value / peak
            painter.drawRect(
                QRectF(rect.left() + i * width + 1, rect.bottom() - height, max(1.0, width - 2), height)
            )
        painter.setPen(palette.text().color())
        font = painter.font()
        font.setPointSizeF(max(6.0, font.pointSizeF() * 0.8))
        painter.setFont(font)
        painter.drawText(rect, Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignRight, f"{peak:g}")
