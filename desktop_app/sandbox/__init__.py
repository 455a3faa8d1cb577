"""The sandbox: an in-process moto server provisioned like a real LeaseDesk backend (four
tables, Cognito user and identity pools, a demo agent, a document bucket, a KMS key), for
``desktop-app sandbox serve`` and ``desktop-app --sandbox``. See docs/accounts.md."""

from desktop_app.sandbox.server import SandboxHandle, start_embedded_sandbox

__all__ = ["SandboxHandle", "start_embedded_sandbox"]
