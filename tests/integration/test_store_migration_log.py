"""Opening a store logs one line when its schema is upgraded, and nothing from alembic's own
per-step chatter (which repeated on every command)."""

from __future__ import annotations

import logging

from desktop_app.storage.db import head_revision
from desktop_app.storage.store import open_store


def _lines(caplog) -> list[str]:
    return [f"{r.name}: {r.getMessage()}" for r in caplog.records]


def test_a_new_store_logs_one_upgrade_line_and_a_current_one_none(caplog, tmp_path) -> None:
    path = tmp_path / "db.sqlite3"
    with caplog.at_level(logging.DEBUG):
        open_store(path).close()
    lines = _lines(caplog)
    assert not [line for line in lines if line.startswith("alembic")], lines
    upgraded = [line for line in lines if "store schema upgraded" in line]
    assert upgraded == [f"desktop_app.storage.db: store schema upgraded empty→{head_revision()}"]

    caplog.clear()
    with caplog.at_level(logging.DEBUG):
        open_store(path).close()
    lines = _lines(caplog)
    assert not [line for line in lines if line.startswith("alembic") or "upgraded" in line], lines


def test_alembic_warnings_still_reach_the_log(caplog) -> None:
    with caplog.at_level(logging.DEBUG):
        logging.getLogger("alembic.runtime.migration").warning("a real problem")
    assert "a real problem" in caplog.text
