"""Runs the ``SyncStatusController`` (``sync_status.py``) for whoever is signed in.

One controller per (account, store): it is built when an account is signed in with a backend
configured, and replaced when the account or the store changes (sign-in, sign-out, adoption).
Its "Sync now" action sits in the File menu; a submit in a wizard asks for a sync at once.
Changes on the bus reach only the current controller (it is created without the bus, so a
replaced one never reads a closed store)."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject

from desktop_app.services.changes import OpChanges
from desktop_app.sync.deletion import DELETED_HERE, WHOLE_APPLICATION

if TYPE_CHECKING:
    from desktop_app.ui.account_ui import AccountController
    from desktop_app.ui.context import AppContext
    from desktop_app.ui.main_window import MainWindow

log = logging.getLogger(__name__)


class SyncWiring(QObject):
    def __init__(self, window: MainWindow, ctx: AppContext, accounts_ui: AccountController) -> None:
        super().__init__(window)
        self.window, self.ctx, self.accounts_ui = window, ctx, accounts_ui
        self.controller: Any = None
        self._key: tuple[Any, ...] | None = None
        #: "Deleted here, changed there" conflicts already put to the agent this session.
        self._asked: set[str] = set()
        accounts_ui.account_changed.connect(lambda _info: self.rebuild())
        # A switch is followed by the account's refresh (account_changed): start only then, so a
        # sign-out never syncs the local profile with the account that just left.
        accounts_ui.store_switched.connect(self._store_switched)
        ctx.bus.application_changed.connect(self._changed)
        window.application_submitted.connect(self._submitted)
        self.rebuild()  # the account may be known already (its refresh can finish first)

    def rebuild(self) -> None:
        info, config = self.accounts_ui.info, self.accounts_ui.config
        can_sync = bool(
            config is not None
            and config.backend_configured
            and info is not None
            and not info.sign_in_required
        )
        key = (can_sync, info.identity_id if info else None, id(self.ctx.store), id(config))
        if key == self._key:
            return
        self._key = key
        self.stop()
        if can_sync:
            self._start(config)

    def _start(self, config: Any) -> None:
        from desktop_app.ui.sync_status import SyncStatusController

        sync = self.ctx.services.sync_service()  # ``config`` is the container's
        controller = SyncStatusController(
            self.window, self.ctx.tasks, sync.service, sync.scheduler, bus=None
        )
        controller.synced.connect(self._synced)
        controller.conflicts_found.connect(self._conflicts)
        self.window.file_menu.insertAction(self.window.export_action, controller.sync_now_action)
        self.window.file_menu.insertAction(self.window.export_action, controller.retry_action)
        self.window.conflict_handler = self.resolve_conflicts
        self.controller = controller
        controller.start()  # the start-up sync

    def stop(self) -> None:
        """Stop the current controller (a sync already running finishes on the network pool)."""
        controller, self.controller = self.controller, None
        if controller is not None:
            self.window.conflict_handler = None
            controller.stop()
            self.window.file_menu.removeAction(controller.sync_now_action)
            self.window.file_menu.removeAction(controller.retry_action)
            controller.deleteLater()

    # -- conflicts -------------------------------------------------------------------------
    def resolve_conflicts(self, app_id: str) -> None:
        """Show both versions field by field (the conflict dialog); apply the agent's
        choices; then open the application. Reads and writes run on the DB worker."""
        controller = self.controller
        if controller is None:
            self.window.open_wizard(app_id)
            return
        service = controller.service
        self.ctx.tasks.db(lambda: service.conflicts(app_id)).success(
            lambda conflicts: self._choose(controller, app_id, conflicts)
        ).failure(lambda exc: self._conflict_failed(app_id, exc)).run()

    def _choose(self, controller: Any, app_id: str, conflicts: list[Any]) -> None:
        from desktop_app.ui.conflict_dialog import ConflictDialog

        if not conflicts:
            self.window.open_wizard(app_id)
            return
        dialog = ConflictDialog(conflicts, self.window)
        if not dialog.exec():
            return
        choices, service, autosave = dialog.choices(), controller.service, self.ctx.autosave
        merged = dialog.merged()

        def resolve() -> int:
            if merged:  # values the agent typed
                remaining = service.resolve(app_id, choices, merged)
            else:
                remaining = service.resolve(app_id, choices)
            autosave.forget(app_id)  # the store changed under the autosave cache
            return remaining

        # A kept deletion leaves nothing to open; a restored copy arrives with the next pull.
        gone = DELETED_HERE in choices or choices.get(WHOLE_APPLICATION) == "remote"

        def resolved(_remaining: int) -> None:
            controller.refresh()
            controller.sync_now()
            self.ctx.bus.tell(OpChanges.application(app_id))
            if not gone:
                self.window.open_wizard(app_id)

        self.ctx.tasks.db(resolve).success(resolved).failure(
            lambda exc: self._conflict_failed(app_id, exc)
        ).run()

    def _conflict_failed(self, app_id: str, exc: BaseException) -> None:
        from PySide6.QtWidgets import QMessageBox

        log.error("resolving a conflict failed: %s", type(exc).__name__)
        QMessageBox.warning(
            self.window, self.tr("Conflict"), self.tr("The conflict could not be resolved.\n\n{exc}").format(exc=exc)
        )

    def _store_switched(self) -> None:
        self._key = None
        self.stop()

    def _changed(self, _app_id: str) -> None:
        if self.controller is not None:
            self.controller.refresh()

    def _submitted(self, _app_id: str) -> None:
        if self.controller is not None:
            self.controller.submitted()

    def _synced(self, report: Any) -> None:
        # Pulled applications and merges change rows the list shows.
        if getattr(report, "pulled", 0) or report.outcomes:
            self.window.reload()
        # An application deleted here but changed on another computer has no row to click:
        # ask the agent (once per session each; a cancelled question comes back next start).
        controller = self.controller
        if controller is None:
            return
        self.ctx.tasks.db(controller.service.deleted_here_conflicts).success(
            self._ask_deleted_here
        ).run()

    def _ask_deleted_here(self, app_ids: list[str]) -> None:
        for app_id in app_ids:
            if app_id not in self._asked:
                self._asked.add(app_id)
                self.resolve_conflicts(app_id)

    def _conflicts(self, ids: list[str]) -> None:
        count = len(ids)
        text = self.tr(
            "1 application has changed here and elsewhere: the sync column says Conflict"
        ) if count == 1 else self.tr(
            "{count} applications have changed here and elsewhere: the sync column says Conflict"
        ).format(count=count)
        self.window.statusBar().showMessage(text, 15000
        )
