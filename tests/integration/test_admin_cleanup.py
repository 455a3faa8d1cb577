"""``desktop-app admin cleanup`` on moto: exactly the planted orphans of LeaseDesk's key shape
past the grace period go, nothing referenced and nothing of another shape; a dry run removes
nothing; orphaned person items are reported, never removed; the grace period cannot be set
below the refresh-token lifetime."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

from ulid import ULID

from desktop_app.admin.aws_clients import AwsTarget
from desktop_app.admin.cleanup import cleanup
from tests.fixtures.ops_tables import admin, synced_tables

OTHER_IDENTITY = "us-east-1:00000000-0000-4000-8000-000000000000"


def plant(moto, synced):
    """Objects of every kind; returns (referenced, orphans, other shapes)."""
    ident, bucket = synced.identity, synced.bucket
    s3, db = moto.client("s3"), moto.resource("dynamodb")
    s3.put_bucket_versioning(Bucket=bucket, VersioningConfiguration={"Status": "Enabled"})
    apps = sorted(db.Table("app_nyc").scan()["Items"], key=lambda i: i["appid"])
    a0, a1, a2 = (a["appid"] for a in apps)
    referenced = [f"{ident}/{a0}/{ULID()}", f"{ident}/{a1}/{ULID()}"]
    db.Table("app_nyc").update_item(
        Key={"appid": a0, "zoneinfo": ident},
        UpdateExpression="SET s3_references = :r",
        ExpressionAttributeValues={":r": [referenced[0]]},
    )
    db.Table("app_nyc").update_item(  # named only inside a document entry
        Key={"appid": a1, "zoneinfo": ident},
        UpdateExpression="SET uploaded_files = :f",
        ExpressionAttributeValues={":f": [{"id": "d", "s3_key": referenced[1]}]},
    )
    orphans = [f"{ident}/{a0}/{ULID()}", f"{ident}/{a2}/{ULID()}"]
    others = [
        "uploads/lease-scan.pdf",  # the web application's
        f"{ident}/{a1}/not-a-document-id.pdf",
        f"{OTHER_IDENTITY}/{a1}/{ULID()}",  # appid not under the key's identity
        f"{ident}/{a1}/{ULID()}/extra",
    ]
    for key in referenced + orphans + others:
        s3.put_object(Bucket=bucket, Key=key, Body=b"synthetic document bytes")
    # An application item gone: its people are orphans, reported and kept.
    db.Table("app_nyc").delete_item(Key={"appid": a2, "zoneinfo": ident})
    return referenced, orphans, others


def keys(moto, bucket: str) -> set[str]:
    return {o["Key"] for o in moto.client("s3").list_objects_v2(Bucket=bucket).get("Contents", [])}


def test_dry_run_then_apply_remove_exactly_the_orphans_past_the_grace_period(
    moto, secret_service, tmp_path, monkeypatch, capsys
):
    synced = synced_tables(moto, tmp_path, monkeypatch)
    referenced, orphans, others = plant(moto, synced)
    everything = set(referenced + orphans + others)
    target = AwsTarget.from_options(moto.url, moto.region, "", "")
    later = datetime.now(UTC) + timedelta(days=31)

    dry = cleanup(target, synced.bucket, grace_days=30, now=later)
    assert sorted(k for k, _ in dry.removable) == sorted(orphans)
    assert dry.removed == [] and keys(moto, synced.bucket) == everything
    assert dry.orphaned_people == 3 and dry.other_shapes == len(others)

    # Within the grace period nothing goes, even with --apply.
    recent = cleanup(target, synced.bucket, grace_days=30, apply=True)
    assert recent.removed == [] and recent.too_recent == len(orphans)

    done = cleanup(target, synced.bucket, grace_days=30, apply=True, now=later)
    assert sorted(done.removed) == sorted(orphans)
    assert keys(moto, synced.bucket) == set(referenced + others)
    people = sum(
        len(moto.resource("dynamodb").Table(t).scan()["Items"])
        for t in ("applicant_nyc", "Co-Applicants", "Guarantors_nyc")
    )
    assert people == 9  # orphaned people reported, not removed
    # Versioned: the bytes stay as a noncurrent version until the lifecycle rule expires them.
    versions = moto.client("s3").list_object_versions(Bucket=synced.bucket, Prefix=orphans[0])
    assert versions["DeleteMarkers"] and versions["Versions"]


def test_the_command_is_a_dry_run_by_default_and_refuses_a_short_grace_period(
    moto, secret_service, tmp_path, monkeypatch, capsys
):
    synced = synced_tables(moto, tmp_path, monkeypatch)
    referenced, orphans, others = plant(moto, synced)
    code, out, err = admin(moto, capsys, "cleanup", "--bucket", synced.bucket, "--json")
    assert code == 0, err
    report = json.loads(out)
    assert report["apply"] is False and report["removed"] == []
    assert report["within_grace_period"] == 2 and report["orphaned_person_items"] == 3
    code, out, err = admin(moto, capsys, "cleanup", "--bucket", synced.bucket)
    assert "Would remove 0 objects, 0 bytes (dry run: --apply to remove them)." in out
    assert "3 person items have no application item" in out

    code, _, err = admin(
        moto, capsys, "cleanup", "--bucket", synced.bucket, "--apply", "--grace-days", "1"
    )
    assert code == 2 and "refresh-token lifetime" in err
    assert keys(moto, synced.bucket) == set(referenced + orphans + others)
