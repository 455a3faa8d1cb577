"""Kill -9 a process in the middle of an autosave storm, again and again, on the account's
store with its PII fields sealed (data key from the keyring): field patches of sealed fields
(SSN, date of birth, income) and plain ones, mixed with whole saves that add a co-applicant.
After every kill the database passes its integrity check, opens with the keyring's key, and
every acknowledged edit is there; the sealed values never reach the file in clear."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from desktop_app.domain.models import Application
from desktop_app.services.autosave import AutosaveService
from desktop_app.services.local_store import open_account_store
from desktop_app.storage.paths import LOCAL_PROFILE, database_path
from tests.integration.crash_child import KEEP_CO_APPLICANTS, WHOLE, edit_for, ssn, value_for

CHILD = Path(__file__).with_name("crash_child.py")
KILLS = 50
SEALED = (
    "primary_applicant.ssn",
    "primary_applicant.date_of_birth",
    "primary_applicant.annual_income",
)


def person_state(p: Any) -> tuple:
    return (p.first_name, p.ssn, p.date_of_birth, p.annual_income)


def state_of(app: Application) -> dict[str, Any]:
    """What the edits write, field by field (the co-applicants as one value)."""
    return {
        "primary_applicant.ssn": app.primary_applicant.ssn,
        "primary_applicant.date_of_birth": app.primary_applicant.date_of_birth,
        "primary_applicant.annual_income": app.primary_applicant.annual_income,
        "application_info.notes": app.application_info.notes,
        "primary_applicant.first_name": app.primary_applicant.first_name,
        WHOLE: tuple(person_state(p) for p in app.co_applicants),
    }


def applied(state: dict[str, Any], i: int) -> dict[str, Any]:
    """``state`` after edit ``i``."""
    path, value = edit_for(i)
    out = dict(state)
    if path == WHOLE:
        added = (f"c{i}", ssn(i), value_for(".date_of_birth", i), value_for(".annual_income", i))
        out[WHOLE] = (*state[WHOLE], added)[-KEEP_CO_APPLICANTS:]
    else:
        out[path] = value
    return out


def clear_forms(state: dict[str, Any]) -> list[bytes]:
    """The sealed values of ``state`` as they would appear in the file unsealed."""
    values = [str(state[p]) for p in SEALED if state[p] is not None]
    for _name, person_ssn, dob, income in state[WHOLE]:
        values += [person_ssn, str(dob), str(income)]
    return [v.encode() for v in values if v]


def file_bytes(db: Path) -> bytes:
    return b"".join(p.read_bytes() for p in db.parent.iterdir() if p.name.startswith(db.name))


def zygote(data_dir: Path, app_id: str) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).parents[2])}
    process = subprocess.Popen(
        [sys.executable, str(CHILD), str(data_dir), app_id],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        env=env,
    )
    assert process.stdout.readline().strip() == "ready", "the crash child did not start"
    return process


def killed_child(zygote: subprocess.Popen, last: int, delay: float) -> list[int]:
    """Fork a child that saves edits ``last + 1, last + 2, …``, SIGKILL it after ``delay``
    seconds of saving, and return the edit numbers it acknowledged."""
    zygote.stdin.write(f"go {last}\n")
    zygote.stdin.flush()
    first = zygote.stdout.readline().split()
    assert first[:1] == ["pid"], "the crash child did not fork"
    pid = int(first[1])
    assert zygote.stdout.readline().strip() == "started", "the child could not open the store"
    deadline = time.monotonic() + delay
    acked: list[int] = []
    while time.monotonic() < deadline:
        line = zygote.stdout.readline()
        assert line.strip() not in ("dead", ""), "the crash child stopped before it was killed"
        acked.append(int(line))
    os.kill(pid, signal.SIGKILL)
    # Whatever the child printed before it died was acknowledged too.
    for line in zygote.stdout:
        if line.strip() == "dead":
            return acked
        acked.append(int(line))
    raise AssertionError("the crash child's zygote died")


def test_acknowledged_edits_survive_sigkill_on_a_sealed_store(tmp_path, secret_service):
    data_dir = tmp_path / "data"
    store = open_account_store(data_dir)
    app_id = AutosaveService(store).create_draft().id
    store.close()
    db = database_path(data_dir, LOCAL_PROFILE)
    assert db.exists()
    rng = random.Random(1234)
    expected = state_of(Application(id=app_id))
    start, acknowledged, lost, in_flight_kept, kinds = 0, 0, [], 0, set()
    children = zygote(data_dir, app_id)
    try:
        for round_ in range(KILLS):
            acked = killed_child(children, start, rng.uniform(0.02, 0.3))
            assert acked == list(range(start + 1, start + 1 + len(acked))), f"round {round_}"
            for i in acked:
                expected = applied(expected, i)
                kinds.add(edit_for(i)[0])
            acknowledged += len(acked)
            in_flight = start + len(acked) + 1  # may or may not have been committed
            start = in_flight  # edit numbers are never reused: each value names its edit

            check = open_account_store(data_dir)
            with check.engine.connect() as conn:  # the store is encrypted: through its key
                ok = conn.exec_driver_sql("PRAGMA integrity_check").scalar_one()
            assert ok == "ok", f"round {round_}"
            stored = state_of(AutosaveService(check).load(app_id))
            check.close()
            with_in_flight = applied(expected, in_flight)
            if stored == with_in_flight and stored != expected:
                in_flight_kept += 1
                expected = with_in_flight
            lost += [f"round {round_}: {p}" for p in expected if stored[p] != expected[p]]
            raw_file = file_bytes(db)
            clear = [v for v in clear_forms(stored) if v in raw_file]
            assert not clear, f"round {round_}: {len(clear)} sealed value(s) in the file in clear"
            expected = stored  # the next round starts from what is there
    finally:
        children.stdin.close()
        children.wait(timeout=30)

    print(
        f"\ncrash autosave: {KILLS} kills, {acknowledged} edits acknowledged, {len(lost)} lost "
        f"({in_flight_kept} unacknowledged in-flight edits were kept)"
    )
    assert not lost, lost
    assert kinds == {edit_for(i)[0] for i in range(6)}, "not every kind of edit was acknowledged"
    assert acknowledged > KILLS  # the child really did save in most rounds
