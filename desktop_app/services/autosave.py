"""Autosave: every edit is durable when the call returns (one transaction: the draft row and
its outbox row). Status goes ``draft → submitted``; a submitted application is read-only.

Amending: a submitted application never changes (the back office may have acted on it).
``amend()`` starts a new draft copied from it, with ``amends`` naming the original; the new
draft gets its own id, is submitted like any other, and the original stays as it was."""

from __future__ import annotations

import functools
from collections.abc import Callable
from datetime import UTC, date, datetime
from typing import Any, TypeVar

from desktop_app.domain.document_checks import check_attachment
from desktop_app.domain.errors import FieldError
from desktop_app.domain.ids import new_id
from desktop_app.domain.models import Application, Document, Status
from desktop_app.domain.paths import FieldPathError, set_value
from desktop_app.services.audit import AuditTrail, record_differences
from desktop_app.services.webhooks import outbox as webhook_outbox
from desktop_app.services.errors import (
    ApplicationNotFound,
    ConcurrentEdit,
    DocumentNotFound,
    InvalidValue,
    NotSubmittable,
    ReadOnlyError,
)
from desktop_app.storage.repository import ConcurrentChange, NotFound
from desktop_app.storage.store import Store
from desktop_app.storage.unit_of_work import UnitOfWork
from desktop_app.wizard.flow import WizardFlow
from desktop_app.i18n import _


_F = TypeVar("_F", bound=Callable[..., Any])


def _translated(fn: _F) -> _F:
    """The store's refusals as the service's own errors: the UI and the command line catch
    these, never storage's. (A ``try`` costs nothing on the autosave hot path.)"""

    @functools.wraps(fn)
    def call(*args: Any, **kwargs: Any) -> Any:
        try:
            return fn(*args, **kwargs)
        except ConcurrentChange as exc:
            raise ConcurrentEdit(*exc.args) from exc
        except NotFound as exc:
            raise ApplicationNotFound(*exc.args) from exc

    return call  # type: ignore[return-value]


class AutosaveService:
    """Raises :class:`ConcurrentEdit` when a save is refused because the application moved
    on, and :class:`ApplicationNotFound` for an id this computer does not hold."""

    def __init__(
        self,
        store: Store,
        *,
        now: Callable[[], datetime] = lambda: datetime.now(UTC),
        today: Callable[[], date] = date.today,
        audit: AuditTrail | None = None,
    ) -> None:
        self.store = store
        #: Every action here is recorded (paths, never values): services/audit.py.
        self.audit = audit or AuditTrail(store, now=now)
        self._now = now
        self._today = today
        self._cache: dict[str, tuple[Application, int]] = {}
        self._generation: dict[str, int] = {}
        self._generations = 0

    # -- reading ------------------------------------------------------------------------
    @_translated
    def load(self, app_id: str) -> Application:
        """The application as stored (a copy the caller may keep)."""
        return self._cached(app_id)[0].model_copy(deep=True)

    @_translated
    def open_for_edit(self, app_id: str) -> tuple[Application, int]:
        """The application and an edit token. Saves that pass the token back as ``based_on``
        succeed only while nobody but this service wrote the application since — the sync
        engine's pulls and merges (which ``forget()`` it here) make them raise
        ``ConcurrentEdit``, so a window's stale copy never overwrites them."""
        app, _ = self._cached(app_id)
        return app.model_copy(deep=True), self._generation.get(app_id, 0)

    def _check_based_on(self, app_id: str, based_on: int | None) -> None:
        if based_on is not None and based_on != self._generation.get(app_id, 0):
            raise ConcurrentEdit(app_id)

    def _cached(self, app_id: str) -> tuple[Application, int]:
        hit = self._cache.get(app_id)
        if hit is None:
            with self.store.uow(self._now) as uow:
                hit = uow.applications.get(app_id)
            self._cache[app_id] = hit
            # Read afresh from the store: whatever was based on the old copy is stale.
            self._generations += 1
            self._generation[app_id] = self._generations
        return hit

    def forget(self, app_id: str | None = None) -> None:
        """Drop cached copies (after another writer, e.g. the sync engine, changed the store)."""
        if app_id is None:
            self._cache.clear()
        else:
            self._cache.pop(app_id, None)

    # -- writing ------------------------------------------------------------------------
    def create_draft(self, app: Application | None = None) -> Application:
        app = app or Application()
        with self.store.uow(self._now) as uow:
            uow.applications.add(app)
            uow.commit()
        self._cache[app.id] = (app.model_copy(deep=True), 1)
        self.audit.record(app.id, "created")
        return app.model_copy(deep=True)

    @_translated
    def save_field(self, app_id: str, path: str, value: Any, based_on: int | None = None) -> int:
        """Set one field (``primary_applicant.email``) and make it durable; returns the revision.
        ``based_on``: the token of ``open_for_edit``."""
        app, revision = self._cached(app_id)
        self._writable(app)
        self._check_based_on(app_id, based_on)
        try:
            # In place on the cached copy (the hot path: no deep copy); a failed write drops
            # the cache entry, so the next read comes from the database again.
            value_json = set_value(app, path, value)
        except FieldPathError as exc:
            raise InvalidValue(FieldError(exc.path, exc.message)) from None
        app.updated_at = now = self._now()
        try:
            new_revision = self.store.drafts.save_field(app, path, value_json, now, revision)
        except Exception:
            self.forget(app_id)
            raise
        self._cache[app_id] = (app, new_revision)
        self.audit.record(app_id, "field_edited", path=path)
        return new_revision

    @_translated
    def save(self, app: Application, based_on: int | None = None) -> int:
        """Save a whole application (a step's page applied, a step change, window close).
        ``based_on``: the token of ``open_for_edit``."""
        before, revision = self._cached(app.id)
        self._writable(before)
        self._check_based_on(app.id, based_on)
        before = before.model_copy(deep=True)
        new_revision = self._write(app.model_copy(deep=True), revision)
        record_differences(self.audit, before, app)
        return new_revision

    def _write(
        self, app: Application, revision: int, also: Callable[[UnitOfWork], None] | None = None
    ) -> int:
        """Save ``app`` if the stored revision is still ``revision``, plus ``also``'s writes,
        in one transaction; the cache follows only what was committed."""
        app.updated_at = self._now()
        try:
            with self.store.uow(self._now) as uow:
                if also is not None:
                    also(uow)
                new_revision = uow.applications.save(app, expected_revision=revision)
                uow.commit()
        except Exception:
            self.forget(app.id)
            raise
        self._cache[app.id] = (app, new_revision)
        return new_revision

    @staticmethod
    def _writable(app: Application) -> None:
        if app.is_read_only:
            raise ReadOnlyError(
                _("This application was submitted and is read-only; amend it instead")
            )

    @_translated
    def submit(self, app_id: str) -> Application:
        app, revision = self._cached(app_id)
        self._writable(app)
        flow = WizardFlow(app.model_copy(deep=True), today=self._today)
        errors = [e for errs in flow.all_errors().values() for e in errs]
        if errors:
            raise NotSubmittable(errors)
        done = app.model_copy(deep=True)
        done.status = Status.SUBMITTED
        done.submitted_at = self._now()
        when = done.submitted_at.isoformat()

        def queue_webhook(uow: UnitOfWork) -> None:
            # The webhook event is queued in the submit's own transaction (docs/webhooks.md).
            webhook_outbox.enqueue(uow.connection, app_id, revision + 1, when)

        self._write(done, revision, also=queue_webhook)
        self.audit.record(app_id, "submitted")
        return done.model_copy(deep=True)

    @_translated
    def amend(self, app_id: str) -> Application:
        original, _ = self._cached(app_id)
        if not original.is_read_only:
            return original.model_copy(deep=True)  # a draft is edited in place
        copy = original.model_copy(deep=True)
        copy.id = new_id()
        copy.status = Status.DRAFT
        copy.submitted_at = None
        copy.amends = original.id
        copy.signatures = []  # the content will change, so everyone signs again
        copy.created_at = copy.updated_at = self._now()
        renamed = {doc.id: new_id() for doc in copy.documents}
        for doc in copy.documents:
            doc.id = renamed[doc.id]
        # People get new ids too: a person's id is their remote key, which the submitted
        # original keeps.
        people = {p.id: new_id() for _, p in copy.people()}
        for _, p in copy.people():
            p.id = people[p.id]
        for doc in copy.documents:
            doc.person_id = people.get(doc.person_id, doc.person_id)
        with self.store.uow(self._now) as uow:
            uow.applications.add(copy)
            for old_id, new_doc_id in renamed.items():
                uow.blobs.put(copy.id, new_doc_id, uow.blobs.get(original.id, old_id))
            uow.commit()
        self._cache[copy.id] = (copy.model_copy(deep=True), 1)
        self.audit.record(copy.id, "created", amends=original.id)
        self.audit.record(original.id, "amended", by=copy.id)
        return copy

    @_translated
    def delete_draft(self, app_id: str) -> None:
        app, _revision = self._cached(app_id)
        if app.is_read_only:
            raise ReadOnlyError(_("A submitted application is never deleted"))
        with self.store.uow(self._now) as uow:
            uow.applications.mark_deleted(app_id)
            uow.commit()
        self.forget(app_id)

    @_translated
    def attach_document(self, app_id: str, doc: Document, content: bytes) -> int:
        """Check the bytes (``domain.document_checks.check_attachment``: type by content, size
        limits, the metadata's type, size and sha256 against the ones computed here), then
        store the bytes and the metadata in one transaction. Refused with ``InvalidValue``
        naming the document's field; the metadata stored is the computed one."""
        app, revision = self._cached(app_id)
        self._writable(app)
        path = f"documents[{len(app.documents)}]"
        if any(d.id == doc.id for d in app.documents):
            raise InvalidValue(FieldError(
                f"{path}.id",
                _("{name}: this application already has a document with this id").format(
                    name=doc.file_name or doc.id
                ),
            ))
        checked, errors = check_attachment(doc, content, path)
        if errors:
            raise InvalidValue(errors[0])
        draft = app.model_copy(deep=True)
        draft.documents.append(checked)
        new_revision = self._write(
            draft, revision, lambda uow: uow.blobs.put(app_id, doc.id, content)
        )
        self.audit.record(app_id, "document_attached", document=doc.id)
        return new_revision

    @_translated
    def remove_document(self, app_id: str, document_id: str) -> int:
        app, revision = self._cached(app_id)
        self._writable(app)
        draft = app.model_copy(deep=True)
        draft.documents = [d for d in draft.documents if d.id != document_id]
        new_revision = self._write(
            draft, revision, lambda uow: uow.blobs.remove(app_id, document_id)
        )
        self.audit.record(app_id, "document_removed", document=document_id)
        return new_revision

    def document_bytes(self, app_id: str, document_id: str) -> bytes:
        """The bytes of ``app_id``'s document ``document_id``; ``LookupError`` when this
        computer does not hold them (:class:`DocumentNotFound`)."""
        with self.store.uow(self._now) as uow:
            try:
                return uow.blobs.get(app_id, document_id)
            except NotFound as exc:
                raise DocumentNotFound(*exc.args) from exc

    @_translated
    def document_problems(self, app_id: str) -> dict[str, str]:
        """Document id → why the bytes kept for it fail the document checks (fetched from the
        server as another system wrote them)."""
        with self.store.uow(self._now) as uow:
            return uow.blobs.problems(app_id)
