"""The core's messages in Spanish: field errors from validation, the NYC rules and the
document checks, the wizard's step titles and navigation, and sign-in errors, made in the
language set when they are made (a switch applies to the next validation)."""

from __future__ import annotations

import struct
import threading
from datetime import date
from decimal import Decimal

import pytest

from desktop_app import i18n
from desktop_app.auth.errors import NetworkUnavailable, WrongPassword
from desktop_app.domain.document_checks import check_bytes
from desktop_app.domain.models import Application, BrokerEngagement
from desktop_app.domain.validation import first_errors
from desktop_app.services.errors import NotSubmittable
from desktop_app.wizard.flow import NavigationError, WizardFlow
from desktop_app.wizard.steps import BY_ID, StepId, step_for_field
from tests.fixtures.i18n import compiled_i18n, core_catalogs  # noqa: F401

TODAY = date(2026, 3, 2)


def _bad_application() -> Application:
    app = Application()
    app.primary_applicant.email = "not-an-email"
    app.primary_applicant.phone = "12"
    app.primary_applicant.current_address.zip = "1"
    app.application_info.monthly_rent = Decimal("3000")
    app.application_info.broker_fee = Decimal("3000")
    app.application_info.broker_engaged_by = BrokerEngagement.LANDLORD
    return app


def _errors(app: Application) -> dict[str, str]:
    return first_errors(
        BY_ID[StepId.APPLICATION_INFO].validate(app, TODAY)
        + BY_ID[StepId.PRIMARY_APPLICANT].validate(app, TODAY)
    )


@pytest.mark.usefixtures("core_catalogs")
def test_field_errors_arrive_in_spanish_and_back_in_english() -> None:
    app = _bad_application()
    i18n.set_language("es")
    spanish = _errors(app)
    assert spanish["primary_applicant.first_name"] == "Nombre: obligatorio"
    assert spanish["primary_applicant.current_address.zip"].startswith("Use un código postal")
    assert spanish["primary_applicant.phone"].startswith("No es un número de teléfono")
    assert spanish["primary_applicant.email"].startswith("No es una dirección de correo")
    assert "Ley FARE" in spanish["application_info.broker_fee"]
    assert spanish["application_info.unit"] == "Unidad: obligatorio"

    i18n.set_language("en")
    english = _errors(app)
    assert english["primary_applicant.first_name"] == "First name is required"
    assert english["application_info.broker_fee"].endswith("(NYC FARE Act)")
    assert english.keys() == spanish.keys()


@pytest.mark.usefixtures("core_catalogs")
def test_every_message_of_a_bad_application_is_translated() -> None:
    """No English sentence slips through: each Spanish message differs from its English one."""
    app = _bad_application()
    i18n.set_language("en")
    english = _errors(app)
    i18n.set_language("es")
    spanish = _errors(app)
    same = {path: text for path, text in spanish.items() if text == english[path]}
    assert same == {}


@pytest.mark.usefixtures("core_catalogs")
def test_document_refusals_and_step_titles_in_spanish() -> None:
    i18n.set_language("es")
    program = check_bytes("nómina.pdf", b"MZ" + b"\0" * 100)
    assert program.reason == "nómina.pdf: es un programa, no un documento; no se puede adjuntar"
    truncated = check_bytes("lease.pdf", b"%PDF-1.7\n" + b"x" * 100)
    assert truncated.reason is not None and "dañado o incompleto" in truncated.reason
    assert BY_ID[StepId.REVIEW].title == "Revisar y enviar"
    assert step_for_field("co_applicants[1].email") == "4 Cosolicitantes"
    i18n.set_language("en")
    assert BY_ID[StepId.REVIEW].title == "Review & submit"


@pytest.mark.usefixtures("core_catalogs")
def test_navigation_sign_in_and_submit_errors_in_spanish() -> None:
    i18n.set_language("es")
    flow = WizardFlow(Application(), today=lambda: TODAY)
    with pytest.raises(NavigationError) as blocked:
        flow.next()
    assert str(blocked.value) == "Corrija los campos resaltados para continuar"
    assert str(WrongPassword()).startswith("El nombre de usuario o la contraseña")
    assert "servicio de inicio de sesión" in str(NetworkUnavailable())
    assert str(NotSubmittable([object()] * 2)).startswith("2 campos aún requieren")  # type: ignore[list-item]
    assert str(NotSubmittable([object()])).startswith("1 campo aún requiere")  # type: ignore[list-item]


@pytest.mark.usefixtures("core_catalogs")
def test_a_message_made_on_another_thread_follows_the_switch() -> None:
    """The sync worker makes messages while the GUI thread switches: the next one it makes
    after the switch is in the new language."""
    made: list[str] = []
    go, switched = threading.Event(), threading.Event()

    def worker() -> None:
        made.append(str(WrongPassword()))
        go.set()
        switched.wait(10)
        made.append(str(WrongPassword()))

    i18n.set_language("en")
    thread = threading.Thread(target=worker)
    thread.start()
    go.wait(10)
    i18n.set_language("es")
    switched.set()
    thread.join(10)
    assert made[0].startswith("The user name") and made[1].startswith("El nombre de usuario")


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        ({"LANG": "es_US.UTF-8"}, "es"),
        ({"LANG": "es_ES.UTF-8", "LC_ALL": "C"}, "en"),
        ({"LANGUAGE": "fr:es", "LANG": "en_US.UTF-8"}, "es"),
        ({"LANG": "de_DE.UTF-8"}, "en"),
        ({}, "en"),
    ],
)
def test_the_system_locale_picks_the_language(env: dict[str, str], expected: str) -> None:
    assert i18n.system_language(env) == expected


def test_a_missing_catalog_falls_back_to_english(tmp_path, monkeypatch, caplog) -> None:
    monkeypatch.setattr(i18n, "locale_dir", lambda: tmp_path)
    try:
        assert i18n.set_language("es") == "es"
        assert str(WrongPassword()).startswith("The user name")
        assert "run scripts/build-translations" in caplog.text
        (tmp_path / "es" / "LC_MESSAGES").mkdir(parents=True)
        mo = tmp_path / "es" / "LC_MESSAGES" / "leasedesk.mo"
        mo.write_bytes(b"not a catalog")
        i18n.set_language("es")
        assert str(WrongPassword()).startswith("The user name")
        mo.write_bytes(struct.pack("<Iiiiii", 0x950412DE, 0, 5, 28, 60, 0))  # cut short
        i18n.set_language("es")
        assert str(WrongPassword()).startswith("The user name")
    finally:
        i18n.set_language("en")


def test_the_consent_ships_in_spanish_beside_english() -> None:
    """Every shipped version has a Spanish text with the same four sections."""
    from desktop_app.domain.consent import ConsentLibrary, bundled_root

    lib = ConsentLibrary(bundled_root())
    for version in lib.versions("en"):
        assert lib.languages(version) == ["en", "es"]
        english, spanish = lib.get(version, "en").text, lib.get(version, "es").text
        assert spanish != english
        assert spanish.count("\n## ") == english.count("\n## ") == 4
        assert "Ley FARE" in spanish and "§238-a" in spanish
    assert lib.current("es").language == "es"


@pytest.mark.usefixtures("core_catalogs")
def test_a_sync_refusal_that_reaches_the_agent_is_in_spanish() -> None:
    from desktop_app.sync.envelope import KmsEnvelope
    from desktop_app.sync.errors import Permanent

    envelope = KmsEnvelope(kms=None, key_id="alias/synthetic", identity_id="us-east-1:0")
    i18n.set_language("es")
    with pytest.raises(Permanent) as refused:
        envelope.open_blob("app-1", b"not sealed", "aad")
    assert str(refused.value) == "un documento del servidor no está en el formato cifrado de LeaseDesk"
    i18n.set_language("en")
    with pytest.raises(Permanent) as refused:
        envelope.open_blob("app-1", b"not sealed", "aad")
    assert str(refused.value) == "a document on the server is not in LeaseDesk's encrypted format"


@pytest.mark.usefixtures("core_catalogs")
def test_a_building_profiles_file_is_refused_in_spanish() -> None:
    from desktop_app.services.profile_file import parse_profiles

    i18n.set_language("es")
    _profiles, errors = parse_profiles('[{"address": "", "colour": 1}]')
    assert [str(e) for e in errors] == [
        "Entrada 1, colour: Campo desconocido (se esperaba uno de name, address, "
        "applicant_multiple, guarantor_multiple)",
        "Entrada 1, address: Indique la dirección del edificio",
    ]
    _profiles, errors = parse_profiles("{")
    assert str(errors[0]).startswith("No es JSON válido (línea 1, columna 2)")
