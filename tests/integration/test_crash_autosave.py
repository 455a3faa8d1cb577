"""Kill -9 a process in the middle of autosaving, again and again: the database always opens
and every acknowledged save is there."""

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from desktop_app.services.autosave import AutosaveService
from desktop_app.storage.store import open_store

CHILD = Path(__file__).with_name("crash_child.py")
KILLS = 20


def test_acknowledged_saves_survive_sigkill(tmp_path):
    path = tmp_path / "db.sqlite3"
    store = open_store(path)
    app_id = AutosaveService(store).create_draft().id
    store.close()
    rng = random.Random(1234)
    last_ack = 0
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).parents[2])}
    for round_ in range(KILLS):
        child = subprocess.Popen([sys.executable, str(CHILD), str(path), app_id, str(last_ack)],
                                 stdout=subprocess.PIPE, text=True, env=env)
        assert child.stdout.readline().strip() == "ready"
        deadline = time.monotonic() + rng.uniform(0.02, 0.4)
        acked = []
        while time.monotonic() < deadline:
            line = child.stdout.readline()
            if not line:
                break
            acked.append(int(line))
        os.kill(child.pid, signal.SIGKILL)
        # Whatever the child printed before it died was acknowledged too.
        acked += [int(x) for x in child.stdout.read().split()]
        child.wait()
        if acked:
            last_ack = acked[-1]

        raw = sqlite3.connect(path)
        assert raw.execute("PRAGMA integrity_check").fetchone() == ("ok",), f"round {round_}"
        raw.close()
        check = open_store(path)
        app = AutosaveService(check).load(app_id)
        check.close()
        stored = int(app.application_info.notes or 0)
        assert stored >= last_ack, f"round {round_}: acknowledged {last_ack}, found {stored}"
        assert stored <= last_ack + 1  # at most the save in flight
        expected_name = f"n{last_ack}" if last_ack else ""
        names = (app.primary_applicant.first_name, app.primary_applicant.last_name)
        assert expected_name in names or stored == last_ack + 1
        last_ack = stored
    assert last_ack > KILLS  # the child really did save in every round
