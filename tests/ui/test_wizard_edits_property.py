"""Replaying the wizard's edits (``ui/wizard/edits.py``) on another copy, property-based: on a
copy equal to the one edited, replay reproduces the edited copy exactly; on a copy where the
other computer added co-applicants, every edit still lands on the person it was made to."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from desktop_app.domain.ids import new_id
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
        signature = Signature(person_id=person.id, signer_name="", image_png=value.encode())
        edit = SetSignature.of(app, person.id, signature, "")
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
       st.integers(0, 3), st.booleans())
def test_people_edits_land_on_the_same_person_after_the_other_computer_changed_the_list(
    actions, added, rekey
) -> None:
    """The other computer added people in front (every position moves), or the sync engine gave
    the people new ids (their remote keys were taken): each edit still finds its person."""
    base = start()
    edited = base.model_copy(deep=True)
    edits = [e for e in (act(edited, a) for a in actions) if e is not None]

    newer = base.model_copy(deep=True)
    others = [Person(first_name=f"Other {n}") for n in range(added if not rekey else 0)]
    newer.co_applicants[0:0] = others
    renamed = {}
    if rekey:
        for _, person in newer.people():
            renamed[person.id] = person.id = new_id()
    kept, dropped = replay(newer, edits)

    assert dropped == []
    assert newer.co_applicants[: len(others)] == others
    expected = edited.model_copy(deep=True)
    for _, person in expected.people():
        person.id = renamed.get(person.id, person.id)
    for sig in expected.signatures:
        sig.person_id = renamed.get(sig.person_id, sig.person_id)
    assert newer.co_applicants[len(others):] == expected.co_applicants
    assert sorted(s.person_id for s in newer.signatures) == sorted(s.person_id for s in expected.signatures)
    assert newer.application_info == edited.application_info
