"""``desktop-app`` with no subcommand: the Qt application.

The main window is on screen before the core is imported: the configuration, the store (opened
with its data key from the keyring and migrated, after a backup) and the first rows are read on
the DB worker, and the list fills in when they arrive. So the first frame costs about what a
bare ``QMainWindow`` costs; SQLAlchemy, alembic, pydantic and boto3 load after it.
On quit every queued save is flushed before the store closes; a sandbox session signs out and
its temporary data is removed."""

from __future__ import annotations

import logging
import os
import shutil
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from PySide6.QtGui import QIcon

    from desktop_app.ui.main_window import MainWindow
    from desktop_app.ui.tasks import TaskManager

log = logging.getLogger(__name__)

#: Private hook for ``benchmarks/startup.py``: print a line and quit at the window's first expose.
_EXIT_AFTER_SHOW = "_DESKTOP_APP_BENCHMARK_EXIT_AFTER_SHOW"
#: Private hook for the bundle's smoke test (``packaging/pyinstaller/smoke-test``): once the
#: store is open, create a draft, autosave this value as its first name, print ``autosaved`` and
#: quit.
_SMOKE_AUTOSAVE = "_DESKTOP_APP_SMOKE_AUTOSAVE"
#: The freedesktop id of the ``.desktop`` entry in ``resources/linux`` (Wayland matches it).
DESKTOP_FILE_NAME = "com.leasedesk.LeaseDesk"
ICON_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


def resources_dir() -> Path | None:
    """The top-level ``resources/`` folder: inside the bundle, or beside the sources (a checkout
    or an editable install). None when neither holds it (a plain wheel install)."""
    candidates = []
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        candidates.append(Path(bundle) / "resources")
    candidates.append(Path(__file__).resolve().parents[2] / "resources")
    for candidate in candidates:
        if (candidate / "icons" / "leasedesk.svg").is_file():
            return candidate
    return None


def application_icon() -> QIcon:
    """The application icon at every size ``resources/icons/png`` holds (empty without them)."""
    from PySide6.QtGui import QIcon

    icon = QIcon()
    folder = resources_dir()
    if folder is not None:
        for size in ICON_SIZES:
            png = folder / "icons" / "png" / f"leasedesk-{size}.png"
            if png.is_file():
                icon.addFile(str(png))
    return icon


def about_text() -> str:
    """The About box's text (``resources/about.html``), with the version filled in."""
    from desktop_app import __version__

    folder = resources_dir()
    about = folder / "about.html" if folder is not None else None
    if about is not None and about.is_file():
        return about.read_text(encoding="utf-8").replace("{version}", __version__)
    from PySide6.QtCore import QCoreApplication

    return "LeaseDesk {version}\n".format(version=__version__) + QCoreApplication.translate(
        "Launch", "Rental applications for NYC leasing agents, online or offline.")


class _OnFirstExpose:
    """Call each callback once, when the window's first frame is on screen (or after
    ``fallback_ms`` if the window system never says so, e.g. started minimised)."""

    def __init__(self, window: MainWindow, callbacks: list[Any], fallback_ms: int = 500) -> None:
        from PySide6.QtCore import QEvent, QObject, QTimer

        outer = self

        class Filter(QObject):
            def eventFilter(self, obj: Any, event: Any) -> bool:
                if event.type() == QEvent.Type.Expose and obj.isExposed():
                    QTimer.singleShot(0, outer.fire)  # after this frame is painted
                return False

        self.callbacks = callbacks
        self.filter = Filter()
        window.winId()  # create the native window so its expose events can be watched
        window.windowHandle().installEventFilter(self.filter)
        QTimer.singleShot(fallback_ms, self.fire)

    def fire(self) -> None:
        callbacks, self.callbacks = self.callbacks, []
        for callback in callbacks:
            callback()


class _QuitOnSignals:
    """Ctrl+C in the terminal or SIGTERM (logout, shutdown) quits like closing the window, so
    every edit is flushed. Python runs signal handlers only between bytecodes, so a timer gives
    it a moment every quarter second while Qt's loop waits. ``restore()`` puts the previous
    handlers back."""

    def __init__(self, app: Any) -> None:
        import signal
        import threading

        from PySide6.QtCore import QTimer

        self.previous: dict[Any, Any] = {}
        self.timer = QTimer(interval=250)
        if threading.current_thread() is not threading.main_thread():
            return
        for sig in (signal.SIGINT, signal.SIGTERM):
            self.previous[sig] = signal.signal(sig, lambda *_a: app.quit())
        self.timer.timeout.connect(lambda: None)
        self.timer.start()

    def restore(self) -> None:
        import signal

        self.timer.stop()
        for sig, handler in self.previous.items():
            signal.signal(sig, handler)


def _benchmark_exit(window: MainWindow) -> None:
    """The private benchmark hook: say the window is shown, and quit."""
    sys.stdout.write("shown\n")
    sys.stdout.flush()
    window.close()


def _smoke_autosave(window: MainWindow, value: str) -> None:
    """The private smoke-test hook: one draft, one autosaved field, then quit."""
    ctx = window.ctx

    def save() -> str:
        draft = ctx.autosave.create_draft()
        ctx.autosave.save_field(draft.id, "primary_applicant.first_name", value)
        return str(draft.id)

    def saved(_app_id: object) -> None:
        sys.stdout.write("autosaved\n")
        sys.stdout.flush()
        window.close()

    def failed(exc: BaseException) -> None:
        log.error("the smoke test's autosave failed: %s", type(exc).__name__)
        window.close()

    ctx.tasks.db(save).success(saved).failure(failed).run()


class _Session:
    """What the launcher owns once the store is open (and tears down at exit)."""

    def __init__(self) -> None:
        self.ctx: Any = None
        self.accounts_ui: Any = None
        self.sync: Any = None
        self.opened: Any = None  # set on the worker, so an early quit can still close it
        self.exit_code = 0

    def attach(self, window: MainWindow, tasks: TaskManager, args: Any) -> None:
        from desktop_app.ui.account_ui import AccountController
        from desktop_app.ui.context import AppContext, ChangeBus
        from desktop_app.ui.sync_wiring import SyncWiring

        opened = self.opened
        # The bus is a QObject: made here, on the GUI thread, so its signals are delivered here.
        self.ctx = AppContext(services=opened.services, tasks=tasks, bus=ChangeBus())
        window.attach(self.ctx, opened.rows)
        self.accounts_ui = AccountController(window, self.ctx)
        self.ctx.account_ui = self.accounts_ui
        self.sync = SyncWiring(window, self.ctx, self.accounts_ui)
        self.ctx.sync = self.sync
        data_dir = self.ctx.data_dir

        def prune() -> None:  # the store's old backup copies, as the agent's setting says
            from desktop_app.services.backup_retention import prune_backups

            prune_backups(data_dir)

        tasks.db(prune).run()
        if getattr(args, "sandbox", False):
            self.accounts_ui.start_sandbox()
        else:
            from desktop_app.ui.recovery_ui import suggest_recovery_file

            suggest_recovery_file(window, self.ctx)

    def close(self, tasks: TaskManager) -> None:
        if self.sync is not None:
            self.sync.stop()
        if self.ctx is not None:
            self.ctx.close()  # flushes every queued save, then closes the store
        else:  # quit before the store finished opening
            tasks.flush()
            tasks.shutdown()
            if self.opened is not None:
                self.opened.store.close()
        if self.accounts_ui is not None:
            self.accounts_ui.shutdown()
        if self.opened is not None and self.opened.temporary_dir is not None:
            shutil.rmtree(self.opened.temporary_dir, ignore_errors=True)
        if self.opened is not None and self.opened.sandbox_keyring:
            from desktop_app.sandbox.keyring_scope import leave_sandbox_keyring

            leave_sandbox_keyring()


def early_data_dir(args: Any) -> Path:
    """The data dir as far as it is known before the configuration is read (``--data-dir``,
    ``DESKTOP_APP_DATA_DIR``, else the platform default): where the log starts. A data dir set
    in the configuration file moves the log there once the store opens."""
    explicit = getattr(args, "data_dir", None) or os.environ.get("DESKTOP_APP_DATA_DIR")
    if explicit:
        return Path(explicit)
    from desktop_app.app_dirs import user_data_path

    return user_data_path()


def start_logging(args: Any) -> Path | None:
    """The GUI's log from its first line: the same rotating, redacted file the command line
    writes, and the crash file. A data dir that cannot be written is said on stderr, and the
    app still starts."""
    from desktop_app.logs import enable_crash_file, setup_logging

    data_dir = early_data_dir(args)
    try:
        path = setup_logging(data_dir)
        enable_crash_file(data_dir)
    except OSError as exc:
        print(f"desktop-app: cannot write the log in {data_dir}: {exc}", file=sys.stderr)
        return None
    log.info("LeaseDesk starting (GUI)")
    return path


def run_gui(args: Any) -> int:
    start_logging(args)
    from PySide6.QtWidgets import QApplication, QMessageBox

    from desktop_app.ui.main_window import MainWindow
    from desktop_app.ui.tasks import TaskManager
    from desktop_app.ui.window_state import APPLICATION, ORGANISATION

    from desktop_app.ui.display_check import missing_display

    problem = None if QApplication.instance() else missing_display(os.environ)
    if problem:
        print(f"desktop-app: {problem}", file=sys.stderr)
        return 2
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setOrganizationName(ORGANISATION)
    app.setApplicationName(APPLICATION)
    app.setApplicationDisplayName("LeaseDesk")
    app.setDesktopFileName(DESKTOP_FILE_NAME)
    icon = application_icon()
    app.setWindowIcon(icon)
    from desktop_app.ui.language import apply_language, stored_language

    apply_language(app, stored_language())  # before the first window: it is built in it
    tasks = TaskManager()
    window = MainWindow()
    window.setWindowIcon(icon)
    benchmark = bool(os.environ.get(_EXIT_AFTER_SHOW))
    session = _Session()

    def open_in_worker() -> None:
        from desktop_app.ui.local_session import open_session

        session.opened = open_session(args)

    def failed(exc: BaseException) -> None:
        from desktop_app.ui.local_session import StartError

        if isinstance(exc, StartError):
            log.error("the app could not start (exit status %d)", exc.exit_code)
            session.exit_code, text = exc.exit_code, str(exc)
        else:
            log.error("opening the local store failed: %s", type(exc).__name__)
            session.exit_code = 1
            from PySide6.QtCore import QCoreApplication

            text = QCoreApplication.translate(
                "Launch",
                "The local data could not be opened.\n\n{error}\n\nNothing was changed; a "
                "backup is kept next to the database before every upgrade.",
            ).format(error=exc)
        if not benchmark:  # the benchmark hook only times the first frame
            QMessageBox.critical(window, "LeaseDesk", text)
        window.close()

    def attached(_result: object) -> None:
        session.attach(window, tasks, args)
        smoke_value = os.environ.get(_SMOKE_AUTOSAVE)
        if smoke_value:
            _smoke_autosave(window, smoke_value)

    def open_store() -> None:
        tasks.db(open_in_worker).success(attached).failure(failed).run()

    # Open the store once the first frame is out: the worker's imports (SQLAlchemy, pydantic,
    # boto3) would otherwise compete with it for the interpreter.
    first_frame = _OnFirstExpose(
        window, [lambda: _benchmark_exit(window)] if benchmark else [open_store]
    )
    quit_on_signals = _QuitOnSignals(app)
    window.show()
    try:
        code = app.exec()
    finally:
        window.close_wizards()
        session.close(tasks)
        quit_on_signals.restore()
        del first_frame
    return int(session.exit_code or code)
