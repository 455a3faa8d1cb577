"""Three-way merge of applications, field by field, people by id."""

from __future__ import annotations

from decimal import Decimal

from desktop_app.domain.models import Application, Person
from desktop_app.sync.merge import app_doc, doc_to_application, resolve, three_way


def _base() -> Application:
    return Application(
        primary_applicant=Person(first_name="Alex", email="a@example.test"),
        co_applicants=[Person(first_name="Casey")],
    )


def _edit(app: Application, fn) -> dict:
    copy = app.model_copy(deep=True)
    fn(copy)
    return app_doc(copy)


def test_disjoint_edits_merge_and_overlapping_ones_conflict():
    base = _base()
    local = _edit(
        base,
        lambda a: (
            setattr(a.primary_applicant, "email", "l@example.test"),
            setattr(a.application_info, "unit", "3F"),
        ),
    )
    remote = _edit(
        base,
        lambda a: (
            setattr(a.primary_applicant, "email", "r@example.test"),
            setattr(a.application_info, "monthly_rent", Decimal(3000)),
        ),
    )
    result = three_way(app_doc(base), local, remote)
    assert [(c.path, c.base, c.local, c.remote) for c in result.conflicts] == [
        ("primary_applicant.email", "a@example.test", "l@example.test", "r@example.test")
    ]
    merged = doc_to_application(result.merged, base)
    assert merged.application_info.unit == "3F"
    assert merged.application_info.monthly_rent == Decimal(3000)
    assert merged.primary_applicant.email == "l@example.test"  # local kept until resolved
    chosen = doc_to_application(
        resolve(result.merged, "primary_applicant.email", "r@example.test"), base
    )
    assert chosen.primary_applicant.email == "r@example.test"


def test_same_change_on_both_sides_is_not_a_conflict():
    base = _base()
    both = _edit(base, lambda a: setattr(a.primary_applicant, "phone", "+1 212 555 0100"))
    assert three_way(app_doc(base), both, both).clean


def test_people_added_on_each_side_are_both_kept_in_order():
    base = _base()
    dana, eli = Person(first_name="Dana"), Person(first_name="Eli")
    local = _edit(base, lambda a: a.co_applicants.append(dana))
    remote = _edit(base, lambda a: a.co_applicants.append(eli))
    result = three_way(app_doc(base), local, remote)
    assert result.clean
    names = [p.first_name for p in doc_to_application(result.merged, base).co_applicants]
    assert names == ["Casey", "Dana", "Eli"]


def test_removed_on_one_side_untouched_on_the_other_is_removed():
    base = _base()
    local = _edit(base, lambda a: a.co_applicants.clear())
    result = three_way(app_doc(base), local, app_doc(base))
    assert result.clean and doc_to_application(result.merged, base).co_applicants == []


def test_removed_here_edited_there_is_one_whole_person_conflict():
    base = _base()
    casey = base.co_applicants[0].id
    local = _edit(base, lambda a: a.co_applicants.clear())
    remote = _edit(base, lambda a: setattr(a.co_applicants[0], "email", "c@example.test"))
    result = three_way(app_doc(base), local, remote)
    (c,) = result.conflicts
    assert c.path == f"co_applicants.@{casey}" and c.local is None
    assert c.remote["email"] == "c@example.test"
    kept = doc_to_application(resolve(result.merged, c.path, c.remote), base)
    assert kept.co_applicants[0].email == "c@example.test"


def test_money_formats_compare_by_value():
    base = _base()
    a = _edit(base, lambda x: setattr(x.application_info, "monthly_rent", Decimal("2500.00")))
    b = _edit(base, lambda x: setattr(x.application_info, "monthly_rent", Decimal(2500)))
    assert a == b
