"""An in-process moto server on 127.0.0.1, provisioned as a LeaseDesk backend.

``start_embedded_sandbox()`` is what ``desktop-app --sandbox`` uses: it returns a handle with
the settings to run the app against, the demo agent's user name and password, and ``stop()``.
Its data lives in memory and is gone when the process ends."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Self

from desktop_app.sandbox.provision import SandboxBackend, provision
from desktop_app.sandbox.receiver import SandboxReceiver

if TYPE_CHECKING:
    from desktop_app.config import AppConfig


@dataclass
class SandboxHandle:
    backend: SandboxBackend
    _server: Any = field(repr=False)
    #: The loopback webhook receiver (``receiver.py``); its secret goes to the keyring at
    #: the demo agent's sign-in (:meth:`give_webhook_secret`).
    receiver: SandboxReceiver | None = field(default=None, repr=False)

    @property
    def settings(self) -> dict[str, str]:
        """``DESKTOP_APP_*`` name -> value; feed to ``config.load_config(env=...)``."""
        values = self.backend.settings()
        if self.receiver is not None:
            values["DESKTOP_APP_WEBHOOK_URL"] = self.receiver.url
        return values

    def give_webhook_secret(self, identity_id: str) -> None:
        """Keep the receiver's secret in the (sandbox) keyring for ``identity_id``."""
        if self.receiver is None:
            return
        from desktop_app.auth.secrets import SecretStore
        from desktop_app.services.webhooks.settings import set_secret

        set_secret(SecretStore(), identity_id, self.receiver.secret)

    @property
    def endpoint_url(self) -> str:
        return self.backend.endpoint_url

    @property
    def demo_username(self) -> str:
        return self.backend.demo_username

    @property
    def demo_password(self) -> str:
        return self.backend.demo_password

    def config(self, **overrides: str) -> AppConfig:
        """An :class:`~desktop_app.config.AppConfig` pointing at this sandbox."""
        from desktop_app.config import load_config

        env = dict(self.settings)
        env.update({f"DESKTOP_APP_{k.upper()}": v for k, v in overrides.items()})
        return load_config(config_path=None, env=env, read_default_file=False)

    def stop(self) -> None:
        """Forget the sandbox's data and stop serving. (moto keeps its state per process, so
        without the reset a later sandbox in this process would see this one's data.)"""
        import urllib.request

        try:
            request = urllib.request.Request(
                f"{self.endpoint_url}/moto-api/reset", method="POST", data=b""
            )
            urllib.request.urlopen(request, timeout=10).read()
        except OSError:
            pass
        if self.receiver is not None:
            self.receiver.stop()
        self._server.stop()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()


def start_embedded_sandbox(
    port: int = 0, host: str = "127.0.0.1", log_level: int = logging.CRITICAL
) -> SandboxHandle:
    """Start moto on ``host:port`` (0: a free port), provision it, and return the handle.

    ``log_level`` is for the emulator's per-request log (werkzeug): quiet by default."""
    from desktop_app.sandbox.emulator import SerializedMotoServer

    logging.getLogger("werkzeug").setLevel(log_level)
    server = SerializedMotoServer(ip_address=host, port=port, verbose=False)
    server.start()
    try:
        bound_host, bound_port = server.get_host_and_port()
        backend = provision(f"http://{bound_host}:{bound_port}")
        receiver = SandboxReceiver(host).start()
    except BaseException:
        server.stop()
        raise
    return SandboxHandle(backend=backend, _server=server, receiver=receiver)
