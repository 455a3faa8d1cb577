"""The wizard's navigation, with no Qt at all."""

import random
from datetime import date

import pytest

from desktop_app.domain.models import Application, Status
from desktop_app.domain.signing import sign
from desktop_app.sampledata import synthetic_application
from desktop_app.wizard import STEPS, NavigationError, Step, StepId, WizardFlow

TODAY = date(2026, 11, 26)


def complete_app() -> Application:
    app = synthetic_application(random.Random(7), today=TODAY)
    for _, person in app.people():
        app.signatures.append(sign(app, person.id, b"png"))
    return app


def flow(app: Application) -> WizardFlow:
    return WizardFlow(app, today=lambda: TODAY)


def test_steps_are_in_the_documented_order():
    assert [s.id for s in flow(Application()).steps()] == [
        StepId.APPLICATION_INFO, StepId.PRIMARY_APPLICANT, StepId.OCCUPANTS, StepId.CO_APPLICANTS,
        StepId.GUARANTORS, StepId.DOCUMENTS, StepId.SIGNATURES, StepId.REVIEW]
    assert [s.number for s in STEPS] == list(range(1, 9))


def test_next_is_gated_by_the_steps_errors():
    f = flow(Application())
    assert not f.can_go_next()
    with pytest.raises(NavigationError) as exc:
        f.next()
    assert any(e.path == "application_info.building_address" for e in exc.value.errors)
    assert f.current.id is StepId.APPLICATION_INFO


def test_walks_forward_and_back_and_records_current_step():
    app = complete_app()
    f = flow(app)
    while not f.is_last:
        f.next()
    assert f.current.id is StepId.REVIEW and app.current_step == 8
    assert f.can_submit()
    assert f.back().id is StepId.SIGNATURES and app.current_step == 7


def test_resumes_at_current_step():
    app = complete_app()
    app.current_step = 5
    assert flow(app).current.id is StepId.GUARANTORS


def test_jump_back_is_free_but_forward_needs_valid_predecessors():
    app = complete_app()
    email = app.primary_applicant.email
    app.primary_applicant.email = "broken"
    f = flow(app)
    with pytest.raises(NavigationError, match="Primary applicant"):
        f.jump(StepId.REVIEW)
    app.primary_applicant.email = email
    assert f.jump(StepId.REVIEW).id is StepId.REVIEW
    assert f.jump(StepId.OCCUPANTS).id is StepId.OCCUPANTS
    assert f.back().id is StepId.REVIEW  # Back returns to where the edit link came from


def test_submit_only_when_every_step_validates():
    app = complete_app()
    app.signatures.pop()
    f = flow(app)
    assert list(f.all_errors()) == [StepId.SIGNATURES]
    with pytest.raises(NavigationError, match="Signatures"):
        f.jump(StepId.REVIEW)
    f.jump(StepId.SIGNATURES)
    assert not f.can_go_next() and not f.can_submit()


def test_a_step_that_does_not_apply_is_skipped():
    table = list(STEPS)
    table[4] = Step(StepId.GUARANTORS, 5, "Guarantors", table[4].validate, applies=lambda a: bool(a.guarantors))
    app = complete_app()
    app.guarantors = []
    app.signatures = [s for s in app.signatures if app.person(s.person_id)]
    app.current_step = 4
    f = WizardFlow(app, steps=table, today=lambda: TODAY)
    assert f.next().id is StepId.DOCUMENTS
    app.current_step = 5  # stored on a step that no longer applies: resume just before it
    assert WizardFlow(app, steps=table, today=lambda: TODAY).current.id is StepId.CO_APPLICANTS


def test_read_only_application_can_be_browsed_but_not_submitted():
    app = complete_app()
    app.status = Status.SUBMITTED
    app.current_step = 8
    f = flow(app)
    assert f.jump(StepId.APPLICATION_INFO).id is StepId.APPLICATION_INFO
    assert app.current_step == 8  # browsing a submitted application changes nothing
    assert not flow(app).can_submit()


def test_an_edit_after_signing_is_flagged_and_blocks_submit_until_re_signed():
    app = complete_app()
    f = flow(app)
    assert f.can_submit() is False  # not on the last step yet
    f.jump(StepId.REVIEW)
    assert f.can_submit()
    app.application_info.monthly_rent += 100
    errors = f.all_errors()[StepId.SIGNATURES]
    assert len(errors) == len(app.people()) and all("Changed since" in e.message for e in errors)
    assert not f.can_submit()
    app.signatures = [sign(app, p.id, b"png") for _, p in app.people()]
    assert f.can_submit()


def test_moving_between_steps_or_storing_documents_remotely_keeps_signatures_valid():
    from desktop_app.domain.models import Document, StorageMode

    app = complete_app()
    app.documents.append(Document(person_id=app.primary_applicant.id, file_name="id.pdf",
                                  content_type="application/pdf", size=10, sha256="ab"))
    app.signatures = [sign(app, p.id, b"png") for _, p in app.people()]
    app.current_step = 3
    app.documents[0].storage_mode = StorageMode.S3
    app.documents[0].s3_key = "id/app/doc"
    assert StepId.SIGNATURES not in flow(app).all_errors()
