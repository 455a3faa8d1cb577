"""Crash safety of the store's file encryption: a child process converting a plain store to
SQLCipher (or re-keying an encrypted one) is SIGKILLed at random points; every time, the store
still opens with the key (or is still plain and converts at the next open) and holds every
application."""

import os
import random
import select
import shutil
import signal
import subprocess
import sys
import time
from datetime import date

from desktop_app.domain.models import Document
from desktop_app.sampledata import synthetic_application
from desktop_app.services.autosave import AutosaveService
from desktop_app.storage import sqlcipher
from desktop_app.storage.crypto import Cipher, DataKey, file_key
from desktop_app.storage.store import open_store

KILLS = 24
APPS = 120
DOC_SIZE = 256 * 1024

#: Imports the app, says "ready", waits for "go", then opens the store with the key (converting
#: or finishing a rotation) and says "done".
CHILD = r"""
import sys
from pathlib import Path
from desktop_app.storage.crypto import Cipher, DataKey, file_key
from desktop_app.storage.protection import reseal
from desktop_app.storage.store import Store

path, mode, *keys = sys.argv[1:]
cipher = Cipher(DataKey("cur", bytes.fromhex(keys[0])))
print("ready", flush=True)
sys.stdin.readline()
if mode == "convert":
    Store(Path(path), cipher).close()
else:
    # As services.local_store.rotate_key does: open with the old key, re-seal and re-key.
    new = Cipher(DataKey("new", bytes.fromhex(keys[1])), older=(cipher.current,))
    store = Store(Path(path), cipher)
    reseal(store.engine, store.path, cipher, new)
    store.close()
print("done", flush=True)
"""


def make_store(folder, cipher=None):
    path = folder / "db.sqlite3"
    store = open_store(path, cipher)
    svc = AutosaveService(store)
    rng = random.Random(77)
    expected = {}
    for _ in range(APPS):
        app = svc.create_draft(synthetic_application(rng, today=date(2026, 11, 26)))
        expected[app.id] = (app.primary_applicant.last_name, app.primary_applicant.ssn)
        if len(expected) % 6 == 0:  # documents make the file big enough to kill mid-copy
            content = b"%PDF-1.4 " + rng.randbytes(DOC_SIZE // 2).hex().encode() + b"\nstartxref\n0\n%%EOF\n"
            svc.attach_document(app.id, Document(file_name="scan.pdf", content_type="application/pdf",
                                                 size=len(content)), content)
    store.close()
    return path, expected


def run_child(path, mode, keys, delay):
    """Start the child, let it work for ``delay`` seconds (None: to the end), kill it; returns
    whether it finished first."""
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(path), mode, *(k.secret.hex() for k in keys)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
        cwd=os.getcwd(),
    )
    try:
        assert child.stdout.readline().strip() == "ready"
        child.stdin.write("go\n")
        child.stdin.flush()
        if delay is None:
            assert child.stdout.readline().strip() == "done"
            return True
        ready, _, _ = select.select([child.stdout], [], [], delay)
        finished = bool(ready) and child.stdout.readline().strip() == "done"
        child.send_signal(signal.SIGKILL)
        return finished
    finally:
        child.kill()
        child.wait()


def assert_holds_everything(path, cipher, expected):
    store = open_store(path, cipher)
    try:
        svc = AutosaveService(store)
        for app_id, (last_name, ssn) in expected.items():
            app = svc.load(app_id)
            assert (app.primary_applicant.last_name, app.primary_applicant.ssn) == (last_name, ssn)
    finally:
        store.close()
    assert not sqlcipher.is_plain(path)


def timed(path, mode, keys) -> float:
    started = time.perf_counter()
    run_child(path, mode, keys, None)
    return time.perf_counter() - started


def test_a_conversion_killed_at_random_points_leaves_the_old_store_or_the_new_one(tmp_path):
    (tmp_path / "template").mkdir()
    template, expected = make_store(tmp_path / "template")
    key = DataKey.generate()
    cipher = Cipher(DataKey("cur", key.secret))
    first = tmp_path / "first"
    shutil.copytree(template.parent, first)
    span = timed(first / template.name, "convert", [key])  # how long a whole conversion takes
    assert_holds_everything(first / template.name, cipher, expected)
    rng = random.Random(2026)
    outcomes = set()
    for kill in range(KILLS):
        folder = tmp_path / f"kill{kill}"
        shutil.copytree(template.parent, folder)
        path = folder / template.name
        # Half the kills in the first tenth, where the copy and the rename happen.
        delay = rng.uniform(0.0, span / (10 if kill % 2 else 1))
        finished = run_child(path, "convert", [key], delay)
        if finished:
            outcomes.add("finished")
        elif sqlcipher.is_plain(path):
            outcomes.add("still plain")
        else:
            outcomes.add("encrypted, then killed")
        assert_holds_everything(path, cipher, expected)
        shutil.rmtree(folder)
    # The kills landed before and after the file was replaced, not only after the end.
    assert {"still plain", "encrypted, then killed"} <= outcomes, outcomes


def test_a_rotation_killed_at_random_points_opens_with_the_old_or_the_new_key(tmp_path):
    old = DataKey("cur", DataKey.generate().secret)
    new = DataKey("new", DataKey.generate().secret)
    (tmp_path / "template").mkdir()
    template, expected = make_store(tmp_path / "template", Cipher(old))
    first = tmp_path / "first"
    shutil.copytree(template.parent, first)
    span = timed(first / template.name, "rotate", [old, new])
    rng = random.Random(4052)
    seen = set()
    for kill in range(KILLS // 2):
        folder = tmp_path / f"kill{kill}"
        shutil.copytree(template.parent, folder)
        path = folder / template.name
        run_child(path, "rotate", [old, new], rng.uniform(0.0, span))
        under = [name for name, key in (("old", old), ("new", new))
                 if sqlcipher.opens_with(path, file_key(key))]
        assert len(under) == 1, under
        seen.add(under[0])
        # The keyring holds both keys until the rotation is recorded as finished.
        assert_holds_everything(path, Cipher(new, older=(old,)), expected)
        shutil.rmtree(folder)
    # Killed before the re-key and after it.
    assert seen == {"old", "new"}, seen
