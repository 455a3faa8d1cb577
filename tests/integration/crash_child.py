"""Child of the crash test: autosaves in a loop on the account's sealed store (data key from the
keyring) and prints the number of each edit once the call that made it durable has returned.
Each child is forked from a zygote that imported the app once (see :func:`main`) and opens
the store itself.

Edit ``i`` is :func:`edit_for` ``(i)``: a field patch of a PII field (SSN, date of birth,
income), of a plain field, or a whole save that adds a co-applicant. The values are synthetic
and encode ``i``, so the parent knows what every acknowledged edit wrote."""

from __future__ import annotations

import os
import sys
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

WHOLE = "(whole save: add a co-applicant)"
KEEP_CO_APPLICANTS = 3
#: The fields each kind of edit writes, in the order of ``i % len(KINDS)``.
KINDS = (
    "primary_applicant.ssn",
    "primary_applicant.date_of_birth",
    "primary_applicant.annual_income",
    "application_info.notes",
    "primary_applicant.first_name",
    WHOLE,
)


def ssn(i: int) -> str:
    digits = f"{i:09d}"
    return f"{digits[:3]}-{digits[3:5]}-{digits[5:]}"


def value_for(path: str, i: int) -> Any:
    if path.endswith(".ssn"):
        return ssn(i)
    if path.endswith(".date_of_birth"):
        return date(1940, 1, 1) + timedelta(days=i)
    if path.endswith(".annual_income"):
        return Decimal(i) + Decimal("0.37")
    return f"n{i}"


def edit_for(i: int) -> tuple[str, Any]:
    path = KINDS[i % len(KINDS)]
    return path, (None if path == WHOLE else value_for(path, i))


def add_co_applicant(app: Any, i: int) -> Any:
    """The whole-document edit: a co-applicant with sealed fields joins; the oldest of more
    than ``KEEP_CO_APPLICANTS`` leaves (the document stays small)."""
    from desktop_app.domain.models import Person

    person = Person(
        first_name=f"c{i}",
        last_name="Crashtest",
        ssn=ssn(i),
        date_of_birth=value_for(".date_of_birth", i),
        annual_income=value_for(".annual_income", i),
    )
    app.co_applicants = [*app.co_applicants, person][-KEEP_CO_APPLICANTS:]
    return app


def run(data_dir: Path, app_id: str, last: int) -> None:
    """One child: open the store afresh and save edit after edit until killed."""
    from desktop_app.services.autosave import AutosaveService
    from desktop_app.services.local_store import open_account_store

    print(f"pid {os.getpid()}", flush=True)
    svc = AutosaveService(open_account_store(data_dir))
    print("started", flush=True)
    i = last
    while True:
        i += 1
        path, value = edit_for(i)
        if path == WHOLE:
            app, token = svc.open_for_edit(app_id)
            svc.save(add_co_applicant(app, i), based_on=token)
        else:
            svc.save_field(app_id, path, value)
        print(i, flush=True)  # acknowledged: the save returned


def main() -> None:
    """The zygote: import once, then fork a fresh child for each "go <last edit number>" (a
    child costs milliseconds instead of an interpreter start). "dead" follows each child's end."""
    import desktop_app.services.autosave  # noqa: F401 — imported before the forks
    import desktop_app.services.local_store  # noqa: F401

    data_dir, app_id = Path(sys.argv[1]), sys.argv[2]
    print("ready", flush=True)
    for line in sys.stdin:
        command = line.split()
        if command[:1] != ["go"]:
            break
        pid = os.fork()
        if pid == 0:
            try:
                run(data_dir, app_id, int(command[1]))
            finally:
                os._exit(1)
        os.waitpid(pid, 0)
        print("dead", flush=True)


if __name__ == "__main__":
    main()
