"""What a use case changed, as Anki's ``OpChanges``: which applications, whether the building
profiles. The UI's task runner hands it to the change bus in one place, so every view refreshes
only what it shows. Qt-free."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class OpChanges:
    #: Ids of applications created, saved, submitted, amended or deleted (in order).
    applications: tuple[str, ...] = ()
    #: Building profiles were added, edited, removed or imported.
    profiles: bool = False

    @classmethod
    def application(cls, app_id: str) -> OpChanges:
        return cls(applications=(app_id,))

    @property
    def empty(self) -> bool:
        return not self.applications and not self.profiles
