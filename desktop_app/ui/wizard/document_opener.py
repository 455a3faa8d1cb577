"""Opening an attached document in the system's viewer, from the documents step or the review.

The bytes come from the local store, or — on another machine of the same agent, after a pull —
from the remote (inline or S3), decrypted and then kept locally, sealed
(``services.remote_protection.open_document``). That runs on the network worker. The viewer
needs a file, so the bytes go to a private folder (0700, the file 0600) that is removed when
the app quits."""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QMessageBox, QWidget

from desktop_app.domain.models import Document
from desktop_app.ui.context import AppContext
from desktop_app.ui.file_dialogs import save_file_name

_VIEW_DIR: Path | None = None


def view_dir() -> Path:
    global _VIEW_DIR
    if _VIEW_DIR is None or not _VIEW_DIR.exists():
        _VIEW_DIR = Path(tempfile.mkdtemp(prefix="leasedesk-view-"))
        os.chmod(_VIEW_DIR, 0o700)
        atexit.register(shutil.rmtree, _VIEW_DIR, True)
    return _VIEW_DIR


def _safe_name(doc: Document) -> str:
    name = Path(doc.file_name or "document").name.replace(os.sep, "_")
    return f"{doc.id[-6:]}-{name}"


def _read(ctx: AppContext, app_id: str, doc: Document) -> bytes:
    try:
        return ctx.autosave.document_bytes(app_id, doc.id)
    except LookupError:
        pass
    accounts, config = ctx.accounts, ctx.config
    if accounts is None or config is None or accounts.current_account() is None:
        raise LookupError("This document's file is not on this computer yet. Sign in and sync to fetch it.")
    from desktop_app.services.remote_protection import open_document

    return open_document(ctx.store, accounts.aws_session_factory(), config, app_id, doc)


def write_for_viewer(doc: Document, content: bytes) -> Path:
    path = view_dir() / _safe_name(doc)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as fh:
        fh.write(content)
    return path


def _tr(text: str) -> str:
    return QCoreApplication.translate("DocumentOpener", text)


def save_copy(parent: QWidget | None, doc: Document, path: Path) -> Path | None:
    """Offer a Save dialog (in the remembered folder) and copy the document there."""
    target = save_file_name(parent, _tr("Save a copy"), Path(doc.file_name or path.name).name)
    if not target:
        return None
    shutil.copyfile(path, target)
    return Path(target)


def no_viewer(parent: QWidget | None, doc: Document, path: Path) -> None:
    """The system has no viewer for this file: say so, and offer to save a copy instead."""
    name = Path(doc.file_name or path.name).name
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Information)
    box.setWindowTitle(_tr("No viewer for this document"))
    box.setText(_tr("This computer has no program that opens {name}.").format(name=name))
    box.setInformativeText(
        _tr("Save a copy and open it with another program, or install a viewer for this kind of file.")
    )
    save = box.addButton(_tr("&Save a Copy…"), QMessageBox.ButtonRole.AcceptRole)
    box.addButton(QMessageBox.StandardButton.Close)
    box.setDefaultButton(save)
    box.exec()
    if box.clickedButton() is save:
        try:
            save_copy(parent, doc, path)
        except OSError as exc:
            QMessageBox.warning(parent, _tr("Not saved"), f"{name}: {exc.strerror or exc}")


def open_in_viewer(ctx: AppContext, app_id: str, doc: Document, parent: QWidget | None = None) -> None:
    def fetch_and_write() -> Path:  # on the network worker: up to 25 MB of I/O
        return write_for_viewer(doc, _read(ctx, app_id, doc))

    def shown(path: Path) -> None:
        if not QDesktopServices.openUrl(QUrl.fromLocalFile(str(path))):
            no_viewer(parent, doc, path)

    def failed(exc: BaseException) -> None:
        QMessageBox.warning(parent, _tr("Cannot open the document"), f"{doc.file_name}: {exc}")

    ctx.tasks.network(fetch_and_write).success(shown).failure(failed).run()
