"""``admin iam-policy``: the placeholder note appears only when no account id was given."""

from __future__ import annotations

import json

from desktop_app.cli.main import main


def test_an_account_id_equal_to_the_placeholder_is_not_reported_as_missing(capsys):
    assert main(["admin", "iam-policy", "--account-id", "123456789012"]) == 0
    out, err = capsys.readouterr()
    assert "no --account-id" not in err
    assert "123456789012" in json.dumps(json.loads(out))


def test_without_an_account_id_the_note_is_printed(capsys):
    assert main(["admin", "iam-policy"]) == 0
    assert "no --account-id" in capsys.readouterr().err
