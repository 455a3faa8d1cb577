"""Replaying the wizard's edits (``ui/wizard/edits.py``) on another copy, property-based: on a
copy equal to the one edited, replay reproduces the edited copy exactly; on a copy where the
other computer added co-applicants, every edit still lands on the person it was made to."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from desktop_app.domain.models import Application, Occupant, Person, Signature
from desktop_app.domain.paths import get_value
from desktop_app.ui.wizard.edits import AddRow, Edit, RemoveRow, Row, SetField, SetSignature, anchor, replay

LISTS = ["co_applicants", "primary_applicant.occupants"]
FIELDS = {"co_applicants": ["first_name", "email"], "primary_applicant.occupants": ["full_name", "relationship"]}
NAMES = st.sampled_from(["", "Ana", "Bo", "Cy"])  # few values: equal rows happen often

# An action: (kind, list, index seed, field seed, value)
ACTIONS = st.lists(
    st.tuples(st.sampled_from(["set", "add", "remove", "sign", "unit"]), st.sampled_from(LISTS),
              st.integers(0, 5), st.integers(0, 1), NAMES),
    max_size=25,
)


def act(app: Application, action: tuple) -> Edit | None:
    """Make one edit the way the wizard does (anchored before it changes the copy), apply it."""
    kind, list_path, i, f, value = action
    items = get_value(app, list_path)
    if kind == "unit":
        edit: Edit = SetField(anchor(app, "application_info.unit"), value)
    elif kind == "add":
        edit = AddRow(anchor(app, list_path), Person() if list_path == "co_applicants" else Occupant())
    elif not items and kind != "sign":
        return None
    elif kind == "set":
        path = f"{list_path}[{i % len(items)}].{FIELDS[list_path][f]}"
        edit = SetField(anchor(app, path), value)
    elif kind == "remove":
        edit = RemoveRow(anchor(app, list_path), Row.of(items, i % len(items)))
    else:
        people = [p for _, p in app.people()]
        person = people[i % len(people)]
        edit = SetSignature(person.id, Signature(person_id=person.id, signer_name="", image_png=value.encode()))
    edit.apply(app)
    return edit


def start() -> Application:
    app = Application(co_applicants=[Person(first_name="Ana")])
    app.primary_applicant.occupants = [Occupant(full_name="Bo"), Occupant()]
    return app


@settings(max_examples=150, deadline=None)
@given(ACTIONS)
def test_replay_on_the_same_copy_reproduces_the_edited_copy(actions) -> None:
    base = start()
    edited = base.model_copy(deep=True)
    edits = [e for e in (act(edited, a) for a in actions) if e is not None]
    kept, dropped = replay(base, edits)
    assert dropped == [] and len(kept) == len(edits)
    assert base == edited


@settings(max_examples=150, deadline=None)
@given(ACTIONS.map(lambda xs: [x for x in xs if x[1] == "co_applicants" or x[0] in ("unit", "sign")]),
       st.integers(1, 3))
def test_people_edits_land_on_the_same_person_after_the_other_computer_added_some(actions, added) -> None:
    base = start()
    edited = base.model_copy(deep=True)
    edits = [e for e in (act(edited, a) for a in actions) if e is not None]

    newer = base.model_copy(deep=True)
    others = [Person(first_name=f"Other {n}") for n in range(added)]
    newer.co_applicants[0:0] = others  # in front: every position moves
    kept, dropped = replay(newer, edits)

    assert dropped == []
    assert newer.co_applicants[:added] == others
    assert newer.co_applicants[added:] == edited.co_applicants
    assert newer.signatures == edited.signatures and newer.application_info == edited.application_info
