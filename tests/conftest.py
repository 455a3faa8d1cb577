"""Shared test set-up: Qt offscreen, and the real parts (moto over HTTP, Secret Service)."""

import os
import tempfile

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Never let a test touch the developer's real AWS profile or region.
os.environ.setdefault("AWS_ACCESS_KEY_ID", "testing")
os.environ.setdefault("AWS_SECRET_ACCESS_KEY", "testing")
os.environ.setdefault("AWS_DEFAULT_REGION", "us-east-1")
os.environ.pop("AWS_PROFILE", None)
# Nothing a test writes through platformdirs lands in the developer's own folders.
_home = tempfile.mkdtemp(prefix="leasedesk-tests-home-")
for _name in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME"):
    os.environ[_name] = os.path.join(_home, _name.lower())

pytest_plugins = ["tests.fixtures.moto", "tests.fixtures.secret_service", "tests.fixtures.backend"]
