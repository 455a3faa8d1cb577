"""The app's folders are named LeaseDesk; folders an earlier version made as desktop_app are
moved at start, crash-safely, and never over anything already in the new place."""

from __future__ import annotations

import logging
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from desktop_app.config import default_config_path
from desktop_app.domain.models import Application
from desktop_app.storage.paths import active_profile, database_path, resolve_data_dir
from desktop_app.storage.store import open_store

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def homes(tmp_path: Path, monkeypatch) -> dict[str, Path]:
    dirs = {"data": tmp_path / "share", "config": tmp_path / "config"}
    monkeypatch.setenv("XDG_DATA_HOME", str(dirs["data"]))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(dirs["config"]))
    monkeypatch.delenv("DESKTOP_APP_DATA_DIR", raising=False)
    return dirs


def _old_data_dir(homes: dict[str, Path], surname: str = "Okafor") -> tuple[Path, str]:
    """A data dir as the earlier version left it: a store with one draft, a log, the marker."""
    old = homes["data"] / "desktop_app"
    store = open_store(database_path(old))
    app = Application()
    app.primary_applicant.last_name = surname
    with store.uow() as uow:
        uow.applications.add(app)
        uow.commit()
    store.close()
    (old / "logs").mkdir()
    (old / "logs" / "desktop_app.log").write_text("earlier\n")
    (old / "active_profile").write_text("local\n")
    return old, app.id


def _surnames(data_dir: Path) -> list[str]:
    store = open_store(database_path(data_dir))
    try:
        with store.uow() as uow:
            return [a.primary_applicant.last_name for a in uow.applications.all()]
    finally:
        store.close()


def test_the_data_folder_is_moved_whole_with_its_store(homes) -> None:
    old, _ = _old_data_dir(homes)
    data_dir = resolve_data_dir()
    assert data_dir == homes["data"] / "LeaseDesk"
    assert not old.exists()
    assert _surnames(data_dir) == ["Okafor"]
    assert active_profile(data_dir) == "local"
    assert resolve_data_dir() == data_dir  # the second start finds nothing to move


def test_the_config_file_joins_the_window_settings_folder(homes) -> None:
    settings = homes["config"] / "LeaseDesk" / "desktop_app.ini"
    settings.parent.mkdir(parents=True)
    settings.write_text("[main_window]\n")
    old = homes["config"] / "desktop_app"
    old.mkdir()
    (old / "config.toml").write_text('region = "us-east-1"\n')

    path = default_config_path()
    assert path == homes["config"] / "LeaseDesk" / "config.toml"
    assert path.read_text() == 'region = "us-east-1"\n'
    assert settings.read_text() == "[main_window]\n"
    assert not old.exists()


def test_when_both_hold_a_store_neither_is_overwritten(homes, caplog) -> None:
    old, _ = _old_data_dir(homes, "Okafor")
    new = homes["data"] / "LeaseDesk"
    store = open_store(database_path(new))
    app = Application()
    app.primary_applicant.last_name = "Lindqvist"
    with store.uow() as uow:
        uow.applications.add(app)
        uow.commit()
    store.close()

    with caplog.at_level(logging.INFO):
        assert resolve_data_dir() == new
    assert _surnames(new) == ["Lindqvist"]
    assert _surnames(old) == ["Okafor"]  # kept where it was, and said
    assert "profiles" in caplog.text and "never overwritten" in caplog.text
    assert (new / "active_profile").read_text() == "local\n"  # free names did move
    assert (new / "logs" / "desktop_app.log").read_text() == "earlier\n"


_KILLED_AFTER_FIRST_RENAME = """
import os, signal
from desktop_app import app_dirs
real = os.rename
def rename(src, dst):
    real(src, dst)
    os.kill(os.getpid(), signal.SIGKILL)
os.rename = rename
app_dirs.user_data_path()
"""


def test_a_start_killed_half_way_is_finished_by_the_next(homes) -> None:
    old, _ = _old_data_dir(homes)
    new = homes["data"] / "LeaseDesk"
    (new / "logs").mkdir(parents=True)  # the new folder exists: the move goes item by item
    done = subprocess.run(
        [sys.executable, "-c", _KILLED_AFTER_FIRST_RENAME],
        env=dict(os.environ),
        cwd=ROOT,
        capture_output=True,
        timeout=60,
    )
    assert done.returncode == -signal.SIGKILL
    moved = sorted(p.name for p in new.iterdir())
    left = sorted(p.name for p in old.iterdir())
    assert moved == ["active_profile", "logs"] and left == ["logs", "profiles"]  # half-way

    assert resolve_data_dir() == new
    assert _surnames(new) == ["Okafor"]
    assert active_profile(new) == "local"
    assert sorted(p.name for p in old.iterdir()) == ["logs"]  # only the name taken stays


def test_a_folder_that_cannot_be_moved_is_used_where_it_is(homes, monkeypatch) -> None:
    old, _ = _old_data_dir(homes)

    def refuse(_src, _dst):
        raise PermissionError("read-only parent")

    monkeypatch.setattr(os, "rename", refuse)
    assert resolve_data_dir() == old
    assert _surnames(old) == ["Okafor"]
