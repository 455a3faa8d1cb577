"""What frames the wizard's pages: the window title (building and unit, never a person's name),
the header ("225 Rivington St, 4B" and "Step 2 of 8"), each step's mark in the step list (done,
incomplete, not yet reachable — an icon drawn in the palette's colours plus words for screen
readers and tooltips), the specific error that blocks a later step, the window's size (remembered,
and clamped to the screen's available area) and the keys that close it (Esc, Ctrl+W)."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QPointF, QRect, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QGuiApplication, QIcon, QKeySequence, QPainter, QPalette, QPen, QPixmap, QShortcut
from PySide6.QtWidgets import QListWidget, QListWidgetItem, QWidget

from desktop_app.domain.models import Application
from desktop_app.ui.window_state import restore_geometry, save_geometry
from desktop_app.wizard import StepId, WizardFlow

DONE, INCOMPLETE, LOCKED = "done", "incomplete", "locked"
#: QSettings key of the wizard window's geometry (one for every wizard window).
GEOMETRY_KEY = "wizard"


def _tr(text: str) -> str:
    return QCoreApplication.translate("WizardChrome", text)


def place_name(app: Application) -> str:
    """``225 Rivington St, 4B`` — the building and unit, or '' when neither is typed."""
    info = app.application_info
    parts = [p.strip() for p in (info.building_address, info.unit) if p and p.strip()]
    return ", ".join(parts)


def window_title(app: Application) -> str:
    where = place_name(app) or _tr("New application")
    return _tr("{where} — LeaseDesk").format(where=where)


def step_counter(number: int, total: int) -> str:
    return _tr("Step {number} of {total}").format(number=number, total=total)


@dataclass(frozen=True)
class StepMark:
    state: str
    #: Words for the tooltip and screen readers ("Done", "Incomplete: Unit is required").
    text: str


def step_marks(flow: WizardFlow, read_only: bool) -> dict[StepId, StepMark]:
    """Each applicable step's mark: done (validates and was reached: the current step or one
    behind it, or the application is submitted), incomplete (reachable, with something left to do) or not yet
    reachable (an earlier step has errors; the text names that step and its first error)."""
    marks: dict[StepId, StepMark] = {}
    blocker: str | None = None
    current = flow.current.number
    for step in flow.steps():
        errors = [] if read_only else flow.errors(step)
        if blocker is not None:
            marks[step.id] = StepMark(LOCKED, _tr("Not yet reachable: {why}").format(why=blocker))
        elif not errors and (read_only or step.number <= current):
            marks[step.id] = StepMark(DONE, _tr("Done"))
        elif errors:
            marks[step.id] = StepMark(INCOMPLETE, _tr("Incomplete: {first}").format(first=errors[0].message))
        else:
            marks[step.id] = StepMark(INCOMPLETE, _tr("Not visited yet"))
        if errors and blocker is None:
            blocker = f"{step.title}: {errors[0].message}"
    return marks


def blocking_error(flow: WizardFlow) -> str | None:
    """``Application: Building address is required`` — the first error of the first step that
    does not validate (what keeps a later step out of reach), or None."""
    for step in flow.steps():
        errors = flow.errors(step)
        if errors:
            return f"{step.title}: {errors[0].message}"
    return None


def mark_icon(state: str, palette: QPalette, size: int = 16) -> QIcon:
    """A small drawn mark in the palette's colours: a filled disc with a tick (done), a ring
    (incomplete), a faint dot (not yet reachable)."""
    pixmap = QPixmap(QSize(size, size))
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    box = QRectF(1.5, 1.5, size - 3, size - 3)
    accent = palette.color(QPalette.ColorRole.Highlight)
    text = palette.color(QPalette.ColorRole.WindowText)
    if state == DONE:
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(accent)
        painter.drawEllipse(box)
        pen = QPen(palette.color(QPalette.ColorRole.HighlightedText), size / 8)
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        painter.setPen(pen)
        painter.drawPolyline([QPointF(size * 0.3, size * 0.52), QPointF(size * 0.45, size * 0.67),
                              QPointF(size * 0.72, size * 0.36)])
    elif state == INCOMPLETE:
        painter.setPen(QPen(text, size / 9))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawEllipse(box.adjusted(1, 1, -1, -1))
    else:
        faint = QColor(text)
        faint.setAlphaF(0.35)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(faint)
        painter.drawEllipse(QRectF(size * 0.35, size * 0.35, size * 0.3, size * 0.3))
    painter.end()
    return QIcon(pixmap)


class _KeepOnScreen(QObject):
    """Clamps the window again when it is shown: only then is its frame's size known."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Show and isinstance(watched, QWidget):
            clamp_to_screen(watched)
        return False


def fill_sidebar(sidebar: QListWidget, flow: WizardFlow, shown: StepId, read_only: bool) -> None:
    """The step list: one row per step, each with its mark (icon, tooltip, words for screen
    readers), the step shown selected."""
    steps = flow.steps()
    if sidebar.count() != len(steps):
        sidebar.clear()
        for s in steps:
            item = QListWidgetItem(f"{s.number}. {s.title}")
            item.setData(Qt.ItemDataRole.UserRole, s.id.value)
            sidebar.addItem(item)
    marks = step_marks(flow, read_only)
    palette = sidebar.palette()
    for i, s in enumerate(steps):
        item = sidebar.item(i)
        mark = marks[s.id]
        if item.data(Qt.ItemDataRole.UserRole + 1) != mark.state:
            item.setIcon(mark_icon(mark.state, palette))
            item.setData(Qt.ItemDataRole.UserRole + 1, mark.state)
        item.setToolTip(mark.text)
        item.setData(Qt.ItemDataRole.AccessibleTextRole, f"{s.number}. {s.title} — {mark.text}")
        if s.id == shown:
            sidebar.setCurrentRow(i)


def gate_reason(flow: WizardFlow, visible: dict[str, str]) -> str:
    """What the line beside Next says keeps the agent on this step: the first error the fields
    show (and how many more), or what is missing before Submit."""
    if flow.is_last and not flow.can_submit():
        return QCoreApplication.translate("WizardWindow", "Complete the missing items above to submit")
    messages = list(visible.values())
    if len(messages) > 1:
        return messages[0] + QCoreApplication.translate("WizardWindow", " (and {count} more)").format(
            count=len(messages) - 1)
    return messages[0] if messages else ""


def place_on_screen(window: QWidget, default: QSize) -> None:
    """The remembered size and position (else ``default``), clamped so the whole window lies
    inside the screen's available area (no part under a panel or off-screen), now and when
    it is shown."""
    if not restore_geometry(window, GEOMETRY_KEY):
        screen = window.screen() or QGuiApplication.primaryScreen()
        if screen is not None:  # at most 90 % of the screen, so the desktop shows around it
            area = screen.availableGeometry()
            default = default.boundedTo(QSize(area.width() * 9 // 10, area.height() * 9 // 10))
        window.resize(default)
    clamp_to_screen(window)
    window.installEventFilter(_KeepOnScreen(window))


def clamp_to_screen(window: QWidget) -> None:
    screen = window.screen() or QGuiApplication.primaryScreen()
    if screen is None:
        return
    area = screen.availableGeometry()
    frame = window.frameGeometry()
    extra_w = max(0, frame.width() - window.width())
    extra_h = max(0, frame.height() - window.height())
    width = min(window.width(), area.width() - extra_w)
    height = min(window.height(), area.height() - extra_h)
    window.resize(width, height)
    rect = QRect(window.frameGeometry())
    rect.setSize(QSize(width + extra_w, height + extra_h))
    if not area.contains(rect):
        x = min(max(rect.x(), area.x()), area.right() - rect.width() + 1)
        y = min(max(rect.y(), area.y()), area.bottom() - rect.height() + 1)
        window.move(x, y)


def remember_size(window: QWidget) -> None:
    save_geometry(window, GEOMETRY_KEY)


def close_keys(window: QWidget) -> list[QShortcut]:
    """Esc and Ctrl+W (the platform's Close key) close the window; every edit is already
    durable and the close flushes what is pending."""
    keys = [QShortcut(QKeySequence(Qt.Key.Key_Escape), window, window.close)]
    for sequence in QKeySequence.keyBindings(QKeySequence.StandardKey.Close) or [QKeySequence("Ctrl+W")]:
        keys.append(QShortcut(sequence, window, window.close))
    return keys
