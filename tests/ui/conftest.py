"""Fixtures of the UI tests: a real SQLite store in tmp_path, the UI context on it, and
QSettings redirected to tmp."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from desktop_app.domain import consent
from desktop_app.domain.consent import ConsentLibrary
from desktop_app.storage.store import open_store
from desktop_app.ui.context import AppContext


@pytest.fixture(autouse=True)
def qsettings_dir(tmp_path: Path) -> Iterator[Path]:
    """Point user-scope INI QSettings at a temp dir for every UI test: window sizes, the last
    folder and the language choice land there, never in the developer's own settings, and no
    test sees what an earlier one stored."""
    path = tmp_path / "qsettings"
    path.mkdir()
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(path))
    yield path


@pytest.fixture
def ctx(tmp_path: Path, qapp, qsettings_dir: Path) -> Iterator[AppContext]:
    store = open_store(tmp_path / "data" / "leasedesk.sqlite3")
    context = AppContext.open(tmp_path / "data", store)
    yield context
    context.close()


@pytest.fixture
def library(tmp_path: Path) -> Iterator[ConsentLibrary]:
    """A copy of the shipped consent texts in tmp, in use for the test (a test may add a
    version to it, as a brokerage's counsel would)."""
    root = tmp_path / "consent"
    shutil.copytree(consent.bundled_root(), root)
    lib = ConsentLibrary(root)
    consent.use_library(lib)
    yield lib
    consent.use_library(None)
