"""Without the emulator (an agent's install, the bundle), ``--sandbox`` and ``sandbox serve`` say
that the sandbox is part of the developer install, and start nothing."""

from __future__ import annotations

import sys

import pytest

import desktop_app.ui.launch as launch
from desktop_app.cli.main import main


@pytest.fixture
def no_moto(monkeypatch):
    for name in [n for n in sys.modules if n == "moto" or n.startswith("moto.")]:
        monkeypatch.delitem(sys.modules, name)
    monkeypatch.setitem(sys.modules, "moto", None)  # as if it were not installed

    def no_window(_args):
        raise AssertionError("the window must not start")

    monkeypatch.setattr(launch, "run_gui", no_window)


@pytest.mark.parametrize("argv", [["--sandbox"], ["sandbox", "serve", "--port", "0"]])
def test_sandbox_without_the_emulator_names_the_developer_install(no_moto, capsys, argv):
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert "the sandbox is part of the developer install" in err
    assert "leasedesk[sandbox]" in err


def test_other_commands_do_not_need_the_emulator(no_moto, capsys, tmp_path):
    with pytest.raises(SystemExit) as exc:
        main(["--version"])
    assert exc.value.code == 0
    assert "desktop-app" in capsys.readouterr().out
