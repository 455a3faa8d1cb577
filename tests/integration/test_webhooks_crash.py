"""A delivery survives kill -9: the process delivering is killed while its request is in
flight; the next run sends the same event again, with the same ``webhook-id``."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
from pathlib import Path

from werkzeug import Response

from desktop_app.services.webhooks import outbox
from tests.fixtures.webhook_setup import Machine

CHILD = Path(__file__).parents[1] / "fixtures" / "webhook_child.py"
ROOT = Path(__file__).parents[2]


def test_a_delivery_killed_in_flight_is_sent_again_with_the_same_id(tmp_path, moto, httpserver):
    machine = Machine(tmp_path, moto, httpserver.url_for("/hook"))
    app = machine.submit()
    machine.sync()
    path = machine.store.path
    machine.store.close()
    arrived, release = threading.Event(), threading.Event()

    def hold(_request):
        arrived.set()
        release.wait(30)
        return Response("", status=200)

    httpserver.expect_ordered_request("/hook").respond_with_handler(hold)
    httpserver.expect_ordered_request("/hook").respond_with_data("", status=200)
    child = subprocess.Popen(
        [sys.executable, str(CHILD), str(path), machine.settings.url, machine.secret],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    try:
        assert arrived.wait(60), "the child never sent its request"
        os.kill(child.pid, signal.SIGKILL)
        assert child.wait(30) == -signal.SIGKILL
    finally:
        release.set()
        if child.poll() is None:
            child.kill()
    from desktop_app.storage.store import open_store

    machine.store = open_store(path)
    machine.webhooks.store = machine.store
    (d,) = machine.deliveries(app.id)
    assert d.state == outbox.PENDING and d.attempts == 0  # the killed attempt left no record
    assert machine.webhooks.run().delivered == 1
    ids = [req.headers["webhook-id"] for req, _ in httpserver.log]
    assert ids == [d.id, d.id]
    machine.store.close()
