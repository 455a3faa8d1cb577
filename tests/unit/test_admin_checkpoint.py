"""The migration checkpoint journal: resumed after a kill, even one that cut a line short."""

from __future__ import annotations

import pytest

from desktop_app.admin.checkpoint import Checkpoint, CheckpointBusy

TARGETS = {"app": "app_nyc", "applicant": "applicant_nyc"}


def test_unfinished_run_is_resumed_with_what_it_journaled(tmp_path):
    first = Checkpoint.open(tmp_path, "legacy", TARGETS)
    first.record_backup({"path": "b.jsonl", "items": 3, "sha256": "x", "taken_at": "t"})
    first.record_checked("app", 0, {"absent": [("a#1", "a")], "present": [], "differing": []})
    first.record_written("app", [("a#1", "a")])
    first.close()

    again = Checkpoint.open(tmp_path, "legacy", TARGETS)
    assert again.resumed and again.run_id == first.run_id
    assert again.backup["path"] == "b.jsonl"
    assert again.checked[("app", 0)]["absent"] == [("a#1", "a")]
    assert again.written == {"app": {("a#1", "a")}}
    again.close()


def test_line_cut_short_by_a_kill_is_dropped_and_the_journal_stays_readable(tmp_path):
    first = Checkpoint.open(tmp_path, "legacy", TARGETS)
    first.record_written("app", [("a#1", "a")])
    first.close()
    with open(tmp_path / "checkpoint.jsonl", "a", encoding="utf-8") as journal:
        journal.write('{"written":"app","keys":[["a#2"')  # the kill landed mid-line

    resumed = Checkpoint.open(tmp_path, "legacy", TARGETS)
    assert resumed.written == {"app": {("a#1", "a")}}
    resumed.record_written("app", [("a#3", "a")])
    resumed.close()
    final = Checkpoint.open(tmp_path, "legacy", TARGETS)
    assert final.written == {"app": {("a#1", "a"), ("a#3", "a")}}
    final.close()


def test_finished_run_is_set_aside_and_a_new_run_starts(tmp_path):
    first = Checkpoint.open(tmp_path, "legacy", TARGETS)
    first.record_written("app", [("a#1", "a")])
    first.record_complete()
    first.close()

    second = Checkpoint.open(tmp_path, "legacy", TARGETS)
    assert not second.resumed and second.run_id != first.run_id
    assert second.written == {}
    assert (tmp_path / f"checkpoint-{first.run_id}.jsonl").exists()
    second.close()


def test_other_source_or_targets_start_a_new_run(tmp_path):
    first = Checkpoint.open(tmp_path, "legacy", TARGETS)
    first.close()
    other = Checkpoint.open(tmp_path, "legacy", {**TARGETS, "app": "staging-app_nyc"})
    assert not other.resumed
    other.close()


def test_second_migration_in_the_same_work_dir_is_refused(tmp_path):
    running = Checkpoint.open(tmp_path, "legacy", TARGETS)
    try:
        with pytest.raises(CheckpointBusy, match="another migration"):
            Checkpoint.open(tmp_path, "legacy", TARGETS)
    finally:
        running.close()


def test_a_refused_second_migration_leaves_the_running_ones_journal_alone(tmp_path):
    running = Checkpoint.open(tmp_path, "legacy", TARGETS)
    running.record_written("app", [("a#1", "a")])
    before = (tmp_path / "checkpoint.jsonl").read_bytes()
    try:
        with pytest.raises(CheckpointBusy):
            Checkpoint.open(tmp_path, "legacy", {"app": "other"})  # would set the run aside
        assert (tmp_path / "checkpoint.jsonl").read_bytes() == before
    finally:
        running.close()
