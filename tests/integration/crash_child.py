"""Child of the crash test: autosaves in a loop and prints each acknowledged save."""

import sys
from pathlib import Path

from desktop_app.services.autosave import AutosaveService
from desktop_app.storage.store import open_store

path, app_id, start = Path(sys.argv[1]), sys.argv[2], int(sys.argv[3])
svc = AutosaveService(open_store(path))
print("ready", flush=True)
i = start
while True:
    i += 1
    svc.save_field(app_id, "application_info.notes", str(i))
    svc.save_field(app_id, f"primary_applicant.{'first_name' if i % 2 else 'last_name'}", f"n{i}")
    print(i, flush=True)  # acknowledged: both saves returned
