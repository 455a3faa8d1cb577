"""What the applications list shows of each application, newest edit first: read by the main
window's list and ``drafts list``. One query over the list columns the store keeps beside each
document: no whole application is read."""

from __future__ import annotations

from typing import TYPE_CHECKING

from desktop_app.storage.repository import Summary as ApplicationSummary

if TYPE_CHECKING:
    from desktop_app.storage.store import Store

__all__ = ["ApplicationSummary", "SummariesService"]


class SummariesService:
    def __init__(self, store: Store) -> None:
        self.store = store

    def list(self) -> list[ApplicationSummary]:
        """Every application not deleted, the most recently edited first."""
        with self.store.uow() as uow:
            return uow.applications.summaries()
