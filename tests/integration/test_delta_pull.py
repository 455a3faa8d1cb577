"""Delta pull: a sync reads the app table's changes index from the watermark less the margin,
and only the applications changed since, by key. Clocks of the two machines are injected, skewed
both ways: a change written by a clock behind by less than the margin is found by the delta;
beyond it, by the reconciliation, which reports it (by id only)."""

from __future__ import annotations

import io
import logging
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
from boto3.dynamodb.types import TypeSerializer

from desktop_app.cli.sync_cmd import print_report
from desktop_app.remote.tables import ALL_TABLES
from desktop_app.services.autosave import AutosaveService
from desktop_app.storage.sync_repository import sync_uow
from desktop_app.sync import delta
from desktop_app.sync.keys import appid_for
from desktop_app.sync.mapping import SPECS
from tests.fixtures.sync_setup import (
    IDENTITY,
    TABLES,
    add_apps,
    boto_remote,
    create_tables,
    engine,
    local_docs,
    new_store,
    remote_applications,
    synthetic_application,
)
from tests.fixtures.timing_remote import TimingRemote

START = datetime(2026, 11, 30, 12, 0, tzinfo=UTC)


class Clock:
    """A machine's clock: real time plus its own skew (both set by the test)."""

    def __init__(self, skew: timedelta = timedelta(0)) -> None:
        self.at = START
        self.skew = skew

    def __call__(self) -> str:
        return delta.iso(self.at + self.skew)

    def advance(self, by: timedelta) -> None:
        self.at += by


@pytest.fixture
def timing() -> Iterator[TimingRemote]:
    remote = TimingRemote(in_thread=True)
    yield remote
    remote.stop()


class Pair:
    """Two machines of one agent: ``a`` writes, ``b`` pulls; one real time, two clocks."""

    def __init__(self, tmp_path, url: str, n: int, skew_a: timedelta) -> None:
        self.clock_a, self.clock_b = Clock(skew_a), Clock()
        self.store_a, self.store_b = new_store(tmp_path / "a"), new_store(tmp_path / "b")
        self.apps = [synthetic_application(co_applicants=1) for _ in range(n)]
        add_apps(self.store_a, self.apps)
        self.a = engine(self.store_a, boto_remote(url), now=self.clock_a)
        self.b = engine(self.store_b, boto_remote(url), now=self.clock_b)
        self.edit_a = AutosaveService(self.store_a)
        assert not self.a.run_once().failed
        first = self.b.run_once()
        assert first.reconciled and first.pulled == n and not first.failed

    def tick(self, minutes: float = 5) -> None:
        self.clock_a.advance(timedelta(minutes=minutes))
        self.clock_b.advance(timedelta(minutes=minutes))

    def edit(self, i: int, unit: str) -> None:
        self.edit_a.save_field(self.apps[i].id, "application_info.unit", unit)
        report = self.a.run_once(pull=False)
        assert not report.failed


#: A unit value that cannot occur in an id, a key or a log's own words (ULIDs are upper case,
#: identity ids hex): finding it in the log means a value was logged.
UNIT_MARK = "planted~unit"


def test_a_sync_with_nothing_to_do_reads_one_page_of_the_changes_index(tmp_path, timing):
    create_tables(timing)
    pair = Pair(tmp_path, timing.url, 30, timedelta(0))
    pair.tick()
    timing.stats(reset=True)
    report = pair.b.run_once()
    stats = timing.stats(reset=True)
    assert not report.reconciled and report.pulled == 0 and not report.failed
    assert stats["requests"] == stats["op:Query"] == stats["pages"] == 1
    # (the 30 entries written within the margin: keys, version and appid, a few hundred bytes)
    assert stats["items_read"] == 30 and stats["bytes_read"] < 30 * 300


def test_a_sync_after_changes_reads_only_those_applications(tmp_path, timing):
    create_tables(timing)
    pair = Pair(tmp_path, timing.url, 30, timedelta(0))
    pair.tick()
    for i in range(3):
        pair.edit(i, f"{i}A")
    pair.tick()
    timing.stats(reset=True)
    report = pair.b.run_once()
    stats = timing.stats(reset=True)
    assert not report.reconciled and report.pulled == 3 and not report.failed
    # one page of the index, one batch of the three app items, one of their six people
    assert stats["op:Query"] == 1 and stats["op:BatchGetItem"] == 2
    assert stats["items_read"] == 30 + 3 * 3  # the index's entries, then the changed items
    assert local_docs(pair.store_b) == local_docs(pair.store_a)


@pytest.mark.parametrize(
    "skew", [timedelta(minutes=-10), timedelta(minutes=+10), timedelta(hours=+3)]
)
def test_a_change_by_a_clock_behind_within_the_margin_or_ahead_is_found_by_the_delta(
    tmp_path, moto, skew
):
    create_tables(moto)
    pair = Pair(tmp_path, moto.url, 3, skew)
    pair.tick()
    pair.b.run_once()  # the watermark is now B's clock
    pair.tick(1)
    pair.edit(1, "7F")
    pair.tick()
    report = pair.b.run_once()
    assert not report.reconciled and report.pulled == 1 and not report.failed
    assert local_docs(pair.store_b) == local_docs(pair.store_a)


def test_beyond_the_margin_the_daily_reconciliation_finds_it_and_reports_it(tmp_path, moto, caplog):
    create_tables(moto)
    pair = Pair(tmp_path, moto.url, 3, -(delta.MARGIN + timedelta(minutes=10)))
    pair.tick()
    pair.b.run_once()
    pair.tick(1)
    pair.edit(2, UNIT_MARK)
    pair.tick()
    missed = pair.b.run_once()
    assert not missed.reconciled and missed.pulled == 0  # too far behind for the delta
    # A day of deltas later (the last reconciliation a day back), the reconciliation runs.
    with sync_uow(pair.store_b) as uow:
        uow.sync.set_meta(delta.RECONCILED_KEY, delta.iso(START - timedelta(days=1)))
        uow.commit()
    pair.tick()
    with caplog.at_level(logging.WARNING, logger="desktop_app.sync.pull"):
        report = pair.b.run_once()
    assert report.reconciled and report.pulled == 1 and report.missed_by_delta == 1
    assert not report.failed
    printed = io.StringIO()
    print_report(report, printed)  # what `desktop-app sync` says of it
    assert "found 1 change(s) the quick pulls had missed" in printed.getvalue()
    assert local_docs(pair.store_b) == local_docs(pair.store_a)
    appid = appid_for(IDENTITY, pair.apps[2].id)
    logged = [
        r.getMessage()
        for r in caplog.records
        if r.levelno >= logging.WARNING and "reconciliation" in r.getMessage()
    ]
    assert len(logged) == 1 and appid in logged[0]
    assert UNIT_MARK not in caplog.text and pair.apps[2].primary_applicant.last_name not in caplog.text


def test_after_an_offline_spell_the_first_pull_reconciles_and_finds_deletions(tmp_path, moto):
    create_tables(moto)
    pair = Pair(tmp_path, moto.url, 3, timedelta(0))
    pair.tick()
    assert not pair.b.run_once().reconciled
    pair.edit_a.delete_draft(pair.apps[0].id)
    assert not pair.a.run_once(pull=False).failed
    pair.tick()
    deltas = pair.b.run_once()  # a deletion leaves nothing for the delta to find
    assert not deltas.reconciled and deltas.deleted_on_pull == 0
    pair.tick(delta.MARGIN.total_seconds() / 60 + 45)  # B offline for an hour
    report = pair.b.run_once()
    assert report.reconciled and report.deleted_on_pull == 1 and not report.failed
    assert report.missed_by_delta == 0  # (deletions are the reconciliation's to find)
    assert local_docs(pair.store_b) == local_docs(pair.store_a)
    after = pair.b.run_once()
    assert not after.reconciled


def test_a_clock_that_went_back_reconciles():
    plan = delta.plan(delta.iso(START), delta.iso(START + timedelta(hours=1)), delta.iso(START))
    assert plan.since is None and plan.why == "clock went back"
    within = delta.plan(delta.iso(START + timedelta(minutes=5)), delta.iso(START), delta.iso(START))
    assert within.since == delta.iso(START - delta.MARGIN)


def test_an_application_without_a_people_list_has_its_people_read_through_the_index(tmp_path, moto):
    create_tables(moto)
    pair = Pair(tmp_path, moto.url, 2, timedelta(0))
    pair.tick()
    pair.b.run_once()
    # An older writer: a new version of every item, the app item without its list of people.
    appid = appid_for(IDENTITY, pair.apps[0].id)
    client, ser = moto.client("dynamodb"), TypeSerializer()
    pair.tick(1)
    for table, item in remote_applications(moto)[appid]:
        item = {**item, "version": 2, "last_updated": pair.clock_a()}
        item.pop("people", None)
        if table == "app":
            item["application_info"] = {**item["application_info"], "unit": "3B"}
        client.put_item(
            TableName=TABLES.for_spec(SPECS[table]),
            Item={k: ser.serialize(v) for k, v in item.items()},
        )
    pair.tick()
    report = pair.b.run_once()
    assert not report.reconciled and report.pulled == 1 and not report.failed
    [doc] = [d for i, d in local_docs(pair.store_b).items() if i == pair.apps[0].id]
    assert doc["application_info"]["unit"] == "3B"
    assert doc["co_applicants"] and doc["primary_applicant"]


def test_tables_without_the_changes_index_are_pulled_in_full(tmp_path, moto):
    client = moto.client("dynamodb")
    for spec in ALL_TABLES:  # as created before the changes index
        kwargs = spec.create_table_kwargs()
        kwargs["TableName"] = TABLES.for_spec(spec)
        kwargs["GlobalSecondaryIndexes"] = [spec.gsi]
        kwargs["AttributeDefinitions"] = [
            d for d in kwargs["AttributeDefinitions"] if d["AttributeName"] != "last_updated"
        ]
        client.create_table(**kwargs)
    pair = Pair(tmp_path, moto.url, 2, timedelta(0))
    pair.tick()
    pair.edit(1, "5E")
    pair.tick()
    report = pair.b.run_once()
    assert report.reconciled and report.pulled == 1 and not report.failed
    assert local_docs(pair.store_b) == local_docs(pair.store_a)
