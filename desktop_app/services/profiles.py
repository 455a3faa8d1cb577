"""Building profiles (address, name, income multiples): list, look up, add or change, remove,
and import a JSON file all or nothing. Every write is one transaction; call from the database
worker, never the GUI thread."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from desktop_app.domain.nyc_rules import BuildingProfile
from desktop_app.services.errors import ProfilesFileError
from desktop_app.services.profile_file import parse_profiles
from desktop_app.i18n import _

if TYPE_CHECKING:
    from desktop_app.storage.store import Store


def _key(address: str) -> str:
    return address.strip().casefold()


class ProfilesService:
    def __init__(self, store: Store) -> None:
        self.store = store

    def list(self) -> list[BuildingProfile]:
        """Every profile, by name then address."""
        with self.store.uow() as uow:
            return uow.profiles.all()

    def get(self, address: str) -> BuildingProfile | None:
        """The profile for ``address`` (case and surrounding spaces ignored), if any."""
        key = _key(address)
        if not key:
            return None
        return next((p for p in self.list() if _key(p.address) == key), None)

    def upsert(self, profile: BuildingProfile, replacing: str | None = None) -> None:
        """Save ``profile`` under its address; ``replacing``: the address it was stored under
        before an edit changed it (that entry goes, in the same transaction)."""
        with self.store.uow() as uow:
            if replacing is not None and replacing != profile.address:
                uow.profiles.remove(replacing)
            uow.profiles.upsert(profile)
            uow.commit()

    def remove(self, address: str) -> None:
        with self.store.uow() as uow:
            uow.profiles.remove(address)
            uow.commit()

    def import_text(self, text: str) -> int:
        """Save every profile in ``text`` in one transaction and return how many, or raise
        :class:`ProfilesFileError` naming each problem — then nothing is saved."""
        profiles, errors = parse_profiles(text)
        if errors:
            raise ProfilesFileError([str(e) for e in errors])
        with self.store.uow() as uow:
            for profile in profiles:
                uow.profiles.upsert(profile)
            uow.commit()
        return len(profiles)

    def import_file(self, path: Path) -> int:
        """:meth:`import_text` of the file at ``path`` (UTF-8)."""
        try:
            text = Path(path).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise ProfilesFileError([_("The file could not be read: {error}").format(error=exc)]) from exc
        return self.import_text(text)
