"""The emulator's HTTP server: moto's ``ThreadedMotoServer``, answering one request at a time.

moto's DynamoDB backend is not safe under concurrent requests: ``TransactWriteItems``
deep-copies every table for its rollback while other request threads write to them, and fails
now and then with "dictionary changed size during iteration". DynamoDB itself serialises the
writes to an item, so handling the emulator's requests one at a time keeps its answers those of
the real service while the client keeps its own concurrency (connections, threads, retries).
Imported only when the emulator starts: moto is an optional dependency (the ``sandbox`` extra)."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from typing import Any

from moto.moto_server.threaded_moto_server import ThreadedMotoServer
from moto.moto_server.werkzeug_app import (
    DomainDispatcherApplication,
    MotoRequestHandler,
    create_backend_app,
)
from werkzeug.serving import make_server

WSGIApp = Callable[[dict[str, Any], Callable[..., Any]], Iterable[bytes]]


class OneAtATime:
    """A WSGI middleware that runs the wrapped application for one request at a time."""

    def __init__(self, app: WSGIApp) -> None:
        self._app = app
        self._lock = threading.Lock()

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> list[bytes]:
        with self._lock:
            # The body is produced under the lock too: moto may build it lazily.
            return list(self._app(environ, start_response))


class SerializedMotoServer(ThreadedMotoServer):
    """``ThreadedMotoServer`` whose requests are handled one at a time (see the module's doc)."""

    def _server_entry(self) -> None:
        app = OneAtATime(DomainDispatcherApplication(create_backend_app))
        self._server = make_server(
            self._ip_address, self._port, app, True, request_handler=MotoRequestHandler
        )
        self._server_ready_event.set()
        self._server.serve_forever()
