"""``desktop-app`` with no subcommand: the Qt application.

The main window is on screen before the core is imported: the store is opened (and migrated,
after a backup) on the DB worker, and the list fills in when it is ready. So the first frame
costs about what a bare ``QMainWindow`` costs; SQLAlchemy, alembic and pydantic load after it.
On quit every queued save is flushed before the store closes."""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from desktop_app.ui.context import AppContext
    from desktop_app.ui.main_window import MainWindow
    from desktop_app.ui.tasks import TaskManager

log = logging.getLogger(__name__)

#: Private hook for ``benchmarks/startup.py``: print a line and quit at the window's first expose.
_EXIT_AFTER_SHOW = "_DESKTOP_APP_BENCHMARK_EXIT_AFTER_SHOW"


def open_store(data_dir: Path) -> tuple[Any, Any, Any]:
    """Open the active profile's store (migrations run here, after a backup), its autosave
    service, and the list's rows. Runs on the DB worker thread."""
    from desktop_app.services.autosave import AutosaveService
    from desktop_app.storage.store import open_profile_store
    from desktop_app.ui.main_window import load_rows

    store = open_profile_store(data_dir)
    try:
        return store, AutosaveService(store), load_rows(store)
    except BaseException:
        store.close()
        raise


def _attach(window: MainWindow, data_dir: Path, tasks: TaskManager, opened: Any) -> AppContext:
    from desktop_app.ui.context import AppContext, ChangeBus

    store, autosave, rows = opened
    # The bus is a QObject: made here, on the GUI thread, so its signals are delivered there.
    ctx = AppContext(data_dir=data_dir, store=store, autosave=autosave, tasks=tasks, bus=ChangeBus())
    window.attach(ctx, rows)
    return ctx


class _ExitAfterShow:
    """Print ``shown`` when the window is first exposed, then quit (benchmarks only)."""

    def __init__(self, window: MainWindow) -> None:
        from PySide6.QtCore import QEvent, QObject, QTimer

        outer = self

        class Filter(QObject):
            def eventFilter(self, obj: Any, event: Any) -> bool:  # noqa: N802
                if event.type() == QEvent.Type.Expose and window.windowHandle() is not None:
                    if window.windowHandle().isExposed() and not outer.done:
                        outer.done = True
                        sys.stdout.write("shown\n")
                        sys.stdout.flush()
                        QTimer.singleShot(0, window.close)
                return False

        self.done = False
        self.filter = Filter()
        window.winId()  # create the native window so its expose events can be watched
        window.windowHandle().installEventFilter(self.filter)


def run_gui(args: Any) -> int:
    from PySide6.QtWidgets import QApplication, QMessageBox

    from desktop_app.storage.paths import resolve_data_dir
    from desktop_app.ui.main_window import MainWindow
    from desktop_app.ui.tasks import TaskManager
    from desktop_app.ui.window_state import APPLICATION, ORGANISATION

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setOrganizationName(ORGANISATION)
    app.setApplicationName(APPLICATION)
    app.setApplicationDisplayName("LeaseDesk")
    data_dir = resolve_data_dir(getattr(args, "data_dir", None))
    tasks = TaskManager()
    window = MainWindow()
    watcher = _ExitAfterShow(window) if os.environ.get(_EXIT_AFTER_SHOW) else None
    state: dict[str, Any] = {"ctx": None, "code": 0}

    def opened(result: Any) -> None:
        state["ctx"] = _attach(window, data_dir, tasks, result)
        _after_open(window, state["ctx"], args)

    def failed(exc: BaseException) -> None:
        log.error("opening the local store failed: %s", type(exc).__name__)
        state["code"] = 1
        QMessageBox.critical(
            window, "LeaseDesk",
            f"The local data in {data_dir} could not be opened.\n\n{exc}\n\n"
            "Nothing was changed; a backup is kept next to the database before every upgrade.",
        )
        window.close()

    def open_in_worker() -> Any:
        state["opened"] = open_store(data_dir)
        return state["opened"]

    tasks.db(open_in_worker).success(opened).failure(failed).run()
    window.show()
    try:
        code = app.exec()
    finally:
        for wizard in list(window.wizards.values()):
            wizard.close()
        ctx = state["ctx"]
        if ctx is not None:
            ctx.close()  # flushes every queued save, then closes the store
        else:  # closed before the store finished opening
            tasks.flush()
            tasks.shutdown()
            if state.get("opened"):
                state["opened"][0].close()
        del watcher
    return int(state["code"] or code)


def _after_open(window: MainWindow, ctx: AppContext, args: Any) -> None:
    """Accounts, sandbox and sync hook in here once the store is open."""
    window.set_sync_status("Offline · no sync backend configured (see docs/ui.md)")
