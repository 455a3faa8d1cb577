"""On AWS the sync policy grants no ``s3:ListBucket``, so S3 answers ``HeadObject`` on a key
that does not exist yet with 403, not 404. The first upload of a document must still happen."""

from __future__ import annotations

import pytest
from botocore.awsrequest import AWSResponse

from desktop_app.sync.envelope import KmsEnvelope, document_aad
from desktop_app.sync.errors import Permanent
from desktop_app.sync.remote_documents import RemoteDocuments
from tests.fixtures.remote_crypto import BUCKET, kms_key
from tests.fixtures.sync_setup import IDENTITY


class _Headers(dict):
    def get_all(self, _name, default=None):
        return default


class _Empty:
    def stream(self):
        return iter(())


def _answer_head_with(status: int, client) -> list[str]:
    """Every HeadObject of ``client`` gets ``status`` from "S3" (as AWS does without ListBucket);
    other requests reach moto. Returns the list of answered keys."""
    answered: list[str] = []

    def before_send(request, **_kw):
        if request.method == "HEAD":
            answered.append(request.url.rsplit("/", 1)[-1])
            return AWSResponse(request.url, status, _Headers(), _Empty())
        return None

    client.meta.events.register("before-send.s3.HeadObject", before_send)
    return answered


def _documents(moto, s3):
    envelope = KmsEnvelope(moto.client("kms"), kms_key(moto), IDENTITY)
    return envelope, RemoteDocuments(envelope, s3, BUCKET)


def test_a_403_on_head_object_uploads_the_document(moto):
    s3 = moto.client("s3")
    s3.create_bucket(Bucket=BUCKET)
    answered = _answer_head_with(403, s3)
    envelope, docs = _documents(moto, s3)
    appid = f"{IDENTITY}#app-1"
    key = envelope.new_key(appid)
    f = {"id": "doc-1", "s3_key": f"{IDENTITY}/{appid}/doc-1", "sha256": "ab" * 32}
    content = b"%PDF-1.4 synthetic\n%%EOF\n"

    docs.ensure_uploaded(key, appid, f, content)

    assert answered == ["doc-1"]  # the 403 path was taken
    body = moto.client("s3").get_object(Bucket=BUCKET, Key=f["s3_key"])["Body"].read()
    assert envelope.open_blob(appid, body, document_aad(appid, "doc-1")) == content


def test_a_403_without_the_file_here_still_refuses_rather_than_losing_it(moto):
    s3 = moto.client("s3")
    s3.create_bucket(Bucket=BUCKET)
    _answer_head_with(403, s3)
    envelope, docs = _documents(moto, s3)
    appid = f"{IDENTITY}#app-2"
    f = {"id": "doc-2", "s3_key": f"{IDENTITY}/{appid}/doc-2", "sha256": "cd" * 32}
    with pytest.raises(Permanent):
        docs.ensure_uploaded(envelope.new_key(appid), appid, f, None)
