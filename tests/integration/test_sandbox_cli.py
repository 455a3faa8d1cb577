"""The sandbox: ``desktop-app sandbox serve`` in one process, ``desktop-app login`` in another
with the settings it printed; and the embedded sandbox the GUI's ``--sandbox`` uses."""

from __future__ import annotations

import os
import queue
import signal
import subprocess
import sys
import threading

import pytest

from desktop_app.auth.account_service import AccountService
from desktop_app.sandbox import start_embedded_sandbox
from desktop_app.sandbox.provision import emulator_client

STARTUP_GUARD_S = 120  # a hang guard, not a timing assertion
EXPECTED_SETTINGS = {
    "DESKTOP_APP_REGION",
    "DESKTOP_APP_ENDPOINT_URL",
    "DESKTOP_APP_IDENTITY_POOL_ID",
    "DESKTOP_APP_USER_POOL_ID",
    "DESKTOP_APP_USER_POOL_CLIENT_ID",
    "DESKTOP_APP_AUTH_FLOW",
    "DESKTOP_APP_REFRESH_TOKEN_DAYS",
    "DESKTOP_APP_S3_BUCKET",
    "DESKTOP_APP_KMS_KEY_ID",
}


def desktop_app(*argv: str) -> list[str]:
    return [sys.executable, "-m", "desktop_app", *argv]


def read_settings(process: subprocess.Popen) -> dict[str, str]:
    """The NAME=value lines the server prints, read on a thread so a hang cannot block."""
    lines: queue.Queue[str] = queue.Queue()

    def pump() -> None:
        for line in process.stdout:
            lines.put(line)
        lines.put("")

    threading.Thread(target=pump, daemon=True).start()
    settings: dict[str, str] = {}
    while set(settings) != EXPECTED_SETTINGS:
        try:
            line = lines.get(timeout=STARTUP_GUARD_S)
        except queue.Empty:
            pytest.fail("sandbox serve printed no settings")
        if not line:
            pytest.fail(f"sandbox serve ended early (exit {process.wait()})")
        name, _, value = line.strip().partition("=")
        assert name.startswith("DESKTOP_APP_") and value, f"not a setting line: {line!r}"
        settings[name] = value
    return settings


@pytest.fixture
def sandbox_process(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith("DESKTOP_APP_")}
    process = subprocess.Popen(
        desktop_app("sandbox", "serve"),
        stdout=subprocess.PIPE,
        stderr=open(tmp_path / "serve.err", "w"),  # noqa: SIM115 — closed with the process
        text=True,
        env=env,
        cwd=tmp_path,
    )
    try:
        yield process
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()


def test_sandbox_serve_prints_settings_with_which_login_succeeds_from_another_process(
    sandbox_process, secret_service, tmp_path
):
    settings = read_settings(sandbox_process)
    assert settings["DESKTOP_APP_ENDPOINT_URL"].startswith("http://127.0.0.1:")

    env = {k: v for k, v in os.environ.items() if not k.startswith(("DESKTOP_APP_", "AWS_"))}
    env.update(settings)
    env["XDG_CONFIG_HOME"] = str(tmp_path / "config")
    data = str(tmp_path / "data")
    login = subprocess.run(
        desktop_app("--data-dir", data, "login", "--username", "demo.agent"),
        input="Sandbox-Demo-2026!\n",
        capture_output=True,
        check=False,
        text=True,
        env=env,
        timeout=STARTUP_GUARD_S,
    )
    assert login.returncode == 0, login.stderr
    assert "Signed in as demo.agent (account us-east-1:" in login.stdout

    logout = subprocess.run(
        desktop_app("--data-dir", data, "logout"),
        capture_output=True,
        check=False,
        text=True,
        env=env,
        timeout=STARTUP_GUARD_S,
    )
    assert logout.returncode == 0, logout.stderr
    assert "Signed out of demo.agent" in logout.stdout

    sandbox_process.send_signal(signal.SIGTERM)
    assert sandbox_process.wait(timeout=STARTUP_GUARD_S) == 0
    banner = (tmp_path / "serve.err").read_text()
    assert "Demo agent user name: demo.agent" in banner
    assert "Demo agent password:  Sandbox-Demo-2026!" in banner
    assert "Sandbox stopped." in banner


def test_the_embedded_sandbox_serves_the_demo_agent_and_its_tables(secret_service, tmp_path):
    with start_embedded_sandbox() as sandbox:
        config = sandbox.config()
        assert config.backend_configured and config.endpoint_url == sandbox.endpoint_url
        service = AccountService(config, tmp_path / "data")
        account = service.sign_in(sandbox.demo_username, sandbox.demo_password).account
        factory = service.aws_session_factory()
        tables = factory.client("dynamodb").list_tables()["TableNames"]
        assert sorted(tables) == sorted(config.table_names.all())
        factory.client("s3").put_object(
            Bucket=config.s3_bucket, Key=f"{account.identity_id}/app/doc", Body=b"synthetic"
        )
        kms = factory.client("kms")
        key = kms.generate_data_key(
            KeyId=config.kms_key_id,
            KeySpec="AES_256",
            EncryptionContext={"zoneinfo": account.identity_id, "appid": "app"},
        )
        assert len(key["Plaintext"]) == 32
        factory.client("dynamodb").put_item(
            TableName=config.table_names.app,
            Item={
                "appid": {"S": f"{account.identity_id}#1"},
                "zoneinfo": {"S": account.identity_id},
            },
        )

    with start_embedded_sandbox() as again:  # sandbox data lasts only while it runs
        dynamodb = emulator_client(again.endpoint_url, "dynamodb")
        assert dynamodb.scan(TableName=again.config().table_names.app)["Count"] == 0
