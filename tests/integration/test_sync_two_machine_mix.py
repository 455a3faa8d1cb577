"""Two machines of one agent edit the same 52 applications apart, in a seeded random mix: one
side only, both sides on different fields, both on the same field (to different values, or to
the same one), each adding a person, a person removed here and edited there, and a draft
deleted there and left alone or edited here. Then they sync, one after the other, in both
orders. Every overlap is detected (exactly the overlapping fields, nothing else), the remote
never loses the first machine's value to the second without the agent, what did not overlap is
merged, and once the agent chooses, both machines and the remote agree.

moto over HTTP at concurrency 1 (its transactions race under concurrency). ``pytest -s`` prints
the figures: applications, scenarios, conflicts detected of expected."""

from __future__ import annotations

import itertools
import random
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from desktop_app.services.autosave import AutosaveService
from desktop_app.services.sync_service import SyncService
from desktop_app.storage.store import Store
from desktop_app.sync import outcome as oc
from desktop_app.sync.merge import flatten
from tests.fixtures.remote_view import remote_view
from tests.fixtures.sync_setup import (
    add_apps,
    boto_remote,
    create_tables,
    engine,
    local_docs,
    new_store,
    person,
    synthetic_application,
)

N_APPS = 52
SEED = 20261201
_tags = itertools.count(1)

#: Fields the machines edit (autosave paths) and a new, distinct value for each edit.
FIELDS: dict[str, Any] = {
    "application_info.unit": lambda n: f"{n}M",
    "application_info.monthly_rent": lambda n: Decimal(2000 + n),
    "application_info.notes": lambda n: f"synthetic note {n}",
    "primary_applicant.email": lambda n: f"edited{n}@example.test",
    "primary_applicant.phone": lambda n: f"+1 212 555 {n:04d}",
    "primary_applicant.last_name": lambda n: f"Testedit{n}",
    "co_applicants[0].first_name": lambda n: f"Casey{n}",
    "guarantors[0].email": lambda n: f"guarantor{n}@example.test",
}
SCENARIOS = (
    "untouched",
    "first_only",
    "second_only",
    "different_fields",
    "same_field",
    "same_field_same_value",
    "overlap_and_more",
    "each_adds_a_person",
    "removed_there_edited_here",
    "removed_there_other_field_here",
    "deleted_there",
    "deleted_there_edited_here",
)


@dataclass
class Machine:
    name: str
    store: Store
    edit: AutosaveService
    sync: SyncService

    def docs(self) -> dict[str, dict]:
        return local_docs(self.store)


def machine(tmp_path, name: str, url: str) -> Machine:
    store = new_store(tmp_path / name, full_pulls=True)
    eng = engine(store, boto_remote(url))
    edit = AutosaveService(store)
    return Machine(name, store, edit, SyncService(store, lambda: eng, autosave=edit))


def merge_path(m: Machine, app_id: str, path: str) -> str:
    """The merge's (and the conflict's) path of an autosave path: people by id, not position."""
    app = m.edit.load(app_id)
    for name in ("co_applicants", "guarantors"):
        if path.startswith(f"{name}[0]."):
            return f"{name}.@{getattr(app, name)[0].id}.{path.split('.', 1)[1]}"
    return path


def value_at(doc: dict, mpath: str) -> Any:
    return flatten(doc).get(mpath)


@dataclass
class Expected:
    """What a round should end with."""

    #: app id -> the merge paths both sides changed to different values (None: the whole
    #: application, deleted there and changed here).
    conflicts: dict[str, set[str] | None] = field(default_factory=dict)
    #: (app id, merge path) -> the value every side holds once the round is over.
    values: dict[tuple[str, str], Any] = field(default_factory=dict)
    #: (app id, merge path) -> (first machine's value, second machine's value) of a conflict.
    sides: dict[tuple[str, str], tuple[Any, Any]] = field(default_factory=dict)
    #: app id -> person ids every side holds in the end, by list.
    people: dict[str, dict[str, set[str]]] = field(default_factory=dict)
    deleted: set[str] = field(default_factory=set)
    scenarios: Counter = field(default_factory=Counter)
    scenario_of: dict[str, str] = field(default_factory=dict)

    def named(self, app_ids: set[str]) -> list[tuple[str, str]]:
        """(scenario, app id) of ``app_ids``, for a failure to say which kind went wrong."""
        return sorted((self.scenario_of.get(i, "?"), i) for i in app_ids)


def edit_field(m: Machine, app_id: str, path: str, value: Any = None) -> Any:
    """Set ``path`` (to a new distinct value unless given); the value as documents hold it."""
    mpath = merge_path(m, app_id, path)
    m.edit.save_field(app_id, path, FIELDS[path](next(_tags)) if value is None else value)
    return value_at(m.docs()[app_id], mpath)


def plan_round(rng: random.Random, first: Machine, second: Machine, ids: list[str]) -> Expected:
    """Make the round's edits on both machines (apart: neither has synced them) and say what
    the sync must end with."""
    exp = Expected()
    scenarios = list(SCENARIOS) * (len(ids) // len(SCENARIOS) + 1)
    rng.shuffle(scenarios)
    for app_id, scenario in zip(ids, scenarios, strict=False):
        app = first.edit.load(app_id)  # as the second machine holds it too, at the start
        if scenario.startswith("removed_there") and not app.co_applicants:
            scenario = "first_only"  # its co-applicant went in the earlier round
        exp.scenarios[scenario] += 1
        exp.scenario_of[app_id] = scenario
        fields = [
            f
            for f in sorted(FIELDS)
            if not f.startswith(("co_applicants[0]", "guarantors[0]"))
            or getattr(app, f.split("[")[0])
        ]
        f1, f2, f3 = rng.sample(fields, 3)
        if scenario == "first_only":
            exp.values[(app_id, merge_path(first, app_id, f1))] = edit_field(first, app_id, f1)
        elif scenario == "second_only":
            exp.values[(app_id, merge_path(second, app_id, f1))] = edit_field(second, app_id, f1)
        elif scenario == "different_fields":
            exp.values[(app_id, merge_path(first, app_id, f1))] = edit_field(first, app_id, f1)
            exp.values[(app_id, merge_path(second, app_id, f2))] = edit_field(second, app_id, f2)
        elif scenario in ("same_field", "overlap_and_more"):
            mpath = merge_path(first, app_id, f1)
            exp.sides[(app_id, mpath)] = (
                edit_field(first, app_id, f1),
                edit_field(second, app_id, f1),
            )
            exp.conflicts[app_id] = {mpath}
            if scenario == "overlap_and_more":
                exp.values[(app_id, merge_path(first, app_id, f2))] = edit_field(first, app_id, f2)
                exp.values[(app_id, merge_path(second, app_id, f3))] = edit_field(
                    second, app_id, f3
                )
        elif scenario == "same_field_same_value":
            # plus a field of its own on the first machine, so the two differ and merge
            value = FIELDS[f1](next(_tags))
            edit_field(first, app_id, f1, value)
            exp.values[(app_id, merge_path(first, app_id, f2))] = edit_field(first, app_id, f2)
            exp.values[(app_id, merge_path(second, app_id, f1))] = edit_field(
                second, app_id, f1, value
            )
        elif scenario == "each_adds_a_person":
            kept = {
                "co_applicants": {p.id for p in first.edit.load(app_id).co_applicants},
                "guarantors": {p.id for p in first.edit.load(app_id).guarantors},
            }
            for m, name in ((first, "co_applicants"), (second, "guarantors")):
                copy = m.edit.load(app_id)
                added = person("Added", lean=True)
                getattr(copy, name).append(added)
                m.edit.save(copy)
                kept[name].add(added.id)
            exp.people[app_id] = kept
        elif scenario.startswith("removed_there"):
            copy = first.edit.load(app_id)
            removed = copy.co_applicants.pop(0)
            first.edit.save(copy)
            if scenario == "removed_there_edited_here":
                edit_field(second, app_id, "co_applicants[0].first_name")
                exp.conflicts[app_id] = {f"co_applicants.@{removed.id}"}
            else:
                field_ = rng.choice([f for f in fields if "[0]" not in f])
                exp.values[(app_id, field_)] = edit_field(second, app_id, field_)
                exp.people[app_id] = {
                    "co_applicants": {p.id for p in copy.co_applicants},
                    "guarantors": {p.id for p in copy.guarantors},
                }
        elif scenario.startswith("deleted_there"):
            first.edit.delete_draft(app_id)
            if scenario == "deleted_there_edited_here":
                edit_field(second, app_id, "application_info.unit")
                exp.conflicts[app_id] = None
            else:
                exp.deleted.add(app_id)
    return exp


@dataclass
class Figures:
    conflicts_expected: int = 0
    conflicts_detected: int = 0
    false_conflicts: int = 0
    overwritten: int = 0
    scenarios: Counter = field(default_factory=Counter)


def run_round(
    rng: random.Random, first: Machine, second: Machine, moto: Any, figures: Figures
) -> None:
    ids = sorted(set(first.docs()) & set(second.docs()))
    exp = plan_round(rng, first, second, ids)
    figures.scenarios.update(exp.scenarios)
    remote = boto_remote(moto.url)

    report = first.sync.sync_once()
    assert not report.failed, report.summary()
    report = second.sync.sync_once()
    outcomes = {o.application_id: o.result for o in report.outcomes}

    # Every overlap detected, and nothing else: the conflicted applications and their fields.
    detected = {app_id for app_id in ids if second.sync.conflicts(app_id)}
    figures.conflicts_expected += len(exp.conflicts)
    figures.conflicts_detected += len(detected & set(exp.conflicts))
    figures.false_conflicts += len(detected - set(exp.conflicts))
    assert exp.named(detected - set(exp.conflicts)) == [], "conflicts where nothing overlapped"
    assert exp.named(set(exp.conflicts) - detected) == [], "overlaps not detected"
    for app_id, paths in exp.conflicts.items():
        found = second.sync.conflicts(app_id)
        assert outcomes.get(app_id) in (oc.CONFLICT, None), (app_id, outcomes.get(app_id))
        if paths is not None:
            assert {c.path for c in found} == paths, app_id
        else:
            assert found, app_id
    for (app_id, mpath), (first_value, second_value) in exp.sides.items():
        (c,) = [c for c in second.sync.conflicts(app_id) if c.path == mpath]
        assert (c.local, c.remote) == (second_value, first_value), (app_id, mpath)
    assert all(o.result not in (oc.RETRY_LATER, oc.NEEDS_ATTENTION) for o in report.outcomes), (
        report.summary()
    )

    # No silent overwrite: the remote holds the first machine's side of every conflict (and
    # still lacks what it deleted); the second machine keeps its own.
    view, second_docs = remote_view(remote), second.docs()
    for (app_id, mpath), (first_value, second_value) in exp.sides.items():
        if value_at(view.docs[app_id], mpath) != first_value:
            figures.overwritten += 1
        assert value_at(view.docs[app_id], mpath) == first_value, (app_id, mpath)
        assert value_at(second_docs[app_id], mpath) == second_value, (app_id, mpath)
    for app_id, paths in exp.conflicts.items():
        if paths is None:
            assert app_id not in view.docs, "re-created over the other machine's deletion"
            assert app_id in second_docs
    # What did not overlap is merged, and the remote holds the merge.
    for app_id in set(ids) - set(exp.conflicts) - exp.deleted:
        assert view.docs[app_id] == second_docs[app_id], app_id

    # The agent chooses, side by side; then both machines sync and agree with the remote.
    for app_id in sorted(exp.conflicts):
        choices = {c.path: rng.choice(["local", "remote"]) for c in second.sync.conflicts(app_id)}
        for c in second.sync.conflicts(app_id):
            if (app_id, c.path) in exp.sides:
                first_value, second_value = exp.sides[(app_id, c.path)]
                chosen = second_value if choices[c.path] == "local" else first_value
                exp.values[(app_id, c.path)] = chosen
            if exp.conflicts[app_id] is None and choices[c.path] == "remote":
                exp.deleted.add(app_id)
        assert second.sync.resolve(app_id, choices) == 0
    for m in (second, first, second):
        report = m.sync.sync_once()
        assert not report.failed, (m.name, report.summary())
    view = remote_view(remote)
    docs_first, docs_second = first.docs(), second.docs()
    assert sorted(exp.deleted & (set(view.docs) | set(docs_first) | set(docs_second))) == []
    assert view.strays == []
    assert docs_first == view.docs
    assert docs_second == view.docs
    for (app_id, mpath), value in exp.values.items():
        assert value_at(view.docs[app_id], mpath) == value, (app_id, mpath)
    for app_id, kept in exp.people.items():
        for name, person_ids in kept.items():
            assert {p["id"] for p in view.docs[app_id][name]} == person_ids, (app_id, name)


def test_random_mix_of_overlapping_and_separate_edits_on_two_machines(moto, tmp_path):
    create_tables(moto)
    rng = random.Random(SEED)
    a = machine(tmp_path, "a", moto.url)
    b = machine(tmp_path, "b", moto.url)
    add_apps(a.store, [synthetic_application(1, 1, lean=True) for _ in range(N_APPS)])
    assert not a.sync.sync_once().failed
    report = b.sync.sync_once()
    assert report.pulled == N_APPS and not report.failed
    figures = Figures()

    run_round(rng, a, b, moto, figures)  # A syncs first, B finds the overlaps
    run_round(rng, b, a, moto, figures)  # and the other way round

    print(
        f"\ntwo-machine mix: {N_APPS} apps, 2 rounds, scenarios {dict(figures.scenarios)}; "
        f"conflicts detected {figures.conflicts_detected} of {figures.conflicts_expected} "
        f"expected, false {figures.false_conflicts}, silently overwritten {figures.overwritten}"
    )
    assert figures.conflicts_detected == figures.conflicts_expected > 0
