"""The keyring wrapper refuses every backend that is not a real, unlocked keyring."""

import pytest
from keyring.backend import KeyringBackend
from keyring.backends import fail, null
from keyring.errors import KeyringLocked, PasswordDeleteError

from desktop_app.auth.errors import KeyringUnavailable
from desktop_app.auth.secrets import SERVICE_NAME, SecretStore


class MemoryKeyring(KeyringBackend):
    priority = 1

    def __init__(self):
        super().__init__()
        self.entries: dict[tuple[str, str], str] = {}

    def get_password(self, service, username):
        return self.entries.get((service, username))

    def set_password(self, service, username, password):
        self.entries[(service, username)] = password

    def delete_password(self, service, username):
        if (service, username) not in self.entries:
            raise PasswordDeleteError("missing")
        del self.entries[(service, username)]


class LockedKeyring(MemoryKeyring):
    def get_password(self, service, username):
        raise KeyringLocked("Failed to unlock the collection!")

    set_password = delete_password = get_password


class PlaintextKeyring(MemoryKeyring):
    """Stands for keyrings.alt's file backends, which keep secrets in a plain file."""


PlaintextKeyring.__module__ = "keyrings.alt.file"


def test_entries_are_per_account_and_item_under_the_desktop_app_service():
    backend = MemoryKeyring()
    store = SecretStore(backend)
    store.set("us-east-1:abc", "refresh_token", "synthetic-token")
    store.set_json("us-east-1:abc", "aws_credentials", {"expiry_time": "2026-01-01T00:00:00+00:00"})
    assert backend.entries[(SERVICE_NAME, "us-east-1:abc/refresh_token")] == "synthetic-token"
    assert store.get("us-east-1:abc", "refresh_token") == "synthetic-token"
    assert store.get("us-east-1:other", "refresh_token") is None
    assert store.get_json("us-east-1:abc", "aws_credentials") == {
        "expiry_time": "2026-01-01T00:00:00+00:00"
    }
    store.delete("us-east-1:abc", "refresh_token")
    store.delete("us-east-1:abc", "refresh_token")  # deleting what is gone is fine
    assert store.get("us-east-1:abc", "refresh_token") is None


@pytest.mark.parametrize("backend", [fail.Keyring(), null.Keyring(), PlaintextKeyring()])
def test_no_real_keyring_is_refused_with_what_to_install(backend):
    store = SecretStore(backend)
    for call in (
        lambda: store.get("a", "b"),
        lambda: store.set("a", "b", "v"),
        lambda: store.delete("a", "b"),
    ):
        with pytest.raises(KeyringUnavailable) as caught:
            call()
        assert "gnome-keyring" in str(caught.value) and not caught.value.locked
    assert getattr(backend, "entries", {}) == {}


def test_a_locked_keyring_says_unlock_it():
    with pytest.raises(KeyringUnavailable) as caught:
        SecretStore(LockedKeyring()).check_usable()
    assert caught.value.locked and "Unlock it" in str(caught.value)


def test_item_names_cannot_collide_across_accounts():
    with pytest.raises(ValueError):
        SecretStore(MemoryKeyring()).set("a", "b/c", "v")
