"""What an operation changed reaches the change bus through the task runner: before the
operation's success callback, never for a failed one."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator

import pytest

from desktop_app.services.changes import OpChanges
from desktop_app.ui.context import AppContext
from tests.ui.wizard_helpers import open_context


@pytest.fixture
def context(tmp_path, qapp) -> Iterator[AppContext]:
    ctx = open_context(tmp_path)
    yield ctx
    ctx.close()


def _record(ctx: AppContext) -> list[tuple[str, ...]]:
    seen: list[tuple[str, ...]] = []
    ctx.bus.application_changed.connect(lambda app_id: seen.append(("changed", app_id)))
    ctx.bus.profiles_changed.connect(lambda: seen.append(("profiles",)))
    return seen


def test_a_new_draft_is_told_to_the_bus_before_the_success_callback(qtbot, context) -> None:
    seen = _record(context)
    with qtbot.waitCallback(timeout=30_000) as done:
        context.tasks.db(context.autosave.create_draft).changes(
            lambda app: OpChanges.application(app.id)
        ).success(lambda app: (seen.append(("success", app.id)), done(app))).run()
    app_id = done.args[0].id
    assert seen == [("changed", app_id), ("success", app_id)]
    assert [row.id for row in context.services.summaries.list()] == [app_id]


def test_a_failed_operation_tells_the_bus_nothing(qtbot, context) -> None:
    seen = _record(context)
    missing = "01J0000000000000000000000Z"

    def delete_missing() -> None:
        context.autosave.delete_draft(missing)

    with qtbot.waitCallback(timeout=30_000) as failed:
        context.tasks.db(delete_missing).changes(
            OpChanges(applications=(missing,), profiles=True)
        ).failure(failed).run()
    assert isinstance(failed.args[0], Exception)
    # A later operation's changes arrive: the failed one's would have come first.
    with qtbot.waitCallback(timeout=30_000) as done:
        context.tasks.db(lambda: None).changes(OpChanges(profiles=True)).success(done).run()
    assert seen == [("profiles",)]


def test_the_context_has_typed_fields_and_no_grab_bag_dict() -> None:
    types = {f.name: str(f.type) for f in dataclasses.fields(AppContext)}
    assert not [name for name, kind in types.items() if "dict" in kind.lower()]
    assert types["services"] == "Services"
