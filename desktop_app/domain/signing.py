"""What a signature covers: a hash of the application's content at signing. An edit after
signing changes the hash, so the signature reads "changed since signed" and submit waits for
the person to sign again. Bookkeeping that is not content (status, step, timestamps, where a
document's bytes are stored) is left out, so syncing or moving between steps breaks nothing."""

from __future__ import annotations

from datetime import datetime

from desktop_app.domain.canonical import content_hash
from desktop_app.domain.models import Application, Signature, utcnow

NOT_SIGNED = {"signatures", "status", "current_step", "created_at", "updated_at", "submitted_at", "amends"}
DOCUMENT_BOOKKEEPING = {"storage_mode", "s3_key", "added_at"}


def signed_content_hash(app: Application) -> str:
    body = app.model_dump(mode="json", exclude=NOT_SIGNED)
    for doc in body.get("documents", []):
        for key in DOCUMENT_BOOKKEEPING:
            doc.pop(key, None)
    return content_hash(body)


def sign(app: Application, person_id: str, image_png: bytes, at: datetime | None = None) -> Signature:
    """A signature of ``person_id`` over the application as it is now."""
    person = app.person(person_id)
    if person is None:
        raise ValueError("no such person on this application")
    return Signature(
        person_id=person_id,
        signer_name=person.full_name,
        signed_at=at or utcnow(),
        image_png=image_png,
        content_hash=signed_content_hash(app),
    )


def changed_since_signed(app: Application, signature: Signature, current_hash: str | None = None) -> bool:
    return signature.content_hash != (current_hash or signed_content_hash(app))
