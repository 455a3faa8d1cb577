import logging
import sys
import threading

import pytest

from desktop_app.logs import _AppFileHandler, describe_exception, redact, setup_logging


def test_ssn_email_and_account_numbers_are_redacted():
    text = redact("ssn 912-77-4321 or 912774321, mail zoe@example.com, acct 123456789012")
    assert "912-77" not in text and "91277" not in text and "***-**-4321" in text
    assert "zoe@example.com" not in text and "123456789012" not in text


@pytest.mark.parametrize(
    "secret",
    [
        "ssn912-77-4321",
        "SSN912774321x",
        "id=912-77-4321;",
        "itin 912 77 4321",
        "a912774321b",
        "912.77.4321",
        "912\u201377\u20134321",
        "ssn_912_77_4321",
    ],
)
def test_an_ssn_glued_to_letters_or_punctuation_is_redacted(secret):
    text = redact(f"value {secret} end")
    assert "912-77" not in text and "91277" not in text and "912 77" not in text
    assert "***-**-4321" in text


@pytest.mark.parametrize(
    ("shape", "secret"),
    [
        ("iso date", "1961-03-17"),
        ("us date", "03/17/1961"),
        ("us date, short year", "3/7/61"),
        ("slashed iso date", "1961/03/17"),
        ("date glued to letters", "dob1961-03-17"),
        ("dotted date", "17.03.1961"),
        ("month name", "March 17, 1961"),
        ("short month name", "17 Mar 1961"),
        ("month name, no comma", "Mar 17th 1961"),
        ("dollars", "$1,234.56"),
        ("dollars, no cents", "$85000"),
        ("dollars, spaced", "$ 85,000"),
        ("thousands", "85,000"),
        ("bare decimal with cents", "987654.32"),
        ("decimal repr", "Decimal('987654.32')"),
        ("phone, international", "+1 212 555 0100"),
        ("phone, parentheses", "(212) 555-0100"),
        ("phone, dots", "212.555.0100"),
        ("phone, dashes", "212-555-0100"),
        ("phone, bare", "2125550100"),
        ("phone, glued", "tel2125550100"),
        ("phone, +1 dashes", "+1-212-555-0100"),
        ("bank account", "00123456789"),
        ("seven digit account", "4455667"),
    ],
)
def test_pii_shapes_are_redacted(shape, secret):
    text = redact(f"the value {secret}, and more")
    digits = "".join(c for c in secret if c.isdigit())
    assert secret not in text, shape
    assert digits not in "".join(c for c in text if c.isdigit()), shape
    assert text.startswith("the value ") and text.endswith(", and more"), shape


@pytest.mark.parametrize(
    "kept",
    [
        "01JDXK4M7Q2ZP3R8T5V6W9Y0AB",  # ULID
        "01H0000000000000000000000Z",  # ULID with a long digit run
        "us-east-1:3f2a9c4e-1b7d-4e8a-9c61-2d5f0b7a1234",  # identity id (UUID)
        "2026-12-01T13:54:44.123456+00:00",  # ISO timestamp
        "2026-12-01T13:54Z",
        "2026-12-01 13:54:44,123",
        "co_applicants[0].ssn",
        "guarantors[12].bank_accounts[3].account_number",
        "occupants[0].date_of_birth",
        "sync.py:123",
        "3 application(s) in 1.5s",
        "Python 3.11.4",
        "127.0.0.1:8080",
        "round 12 of 50",
    ],
)
def test_ids_timestamps_and_field_paths_pass_unchanged(kept):
    line = f"application {kept} saved"
    assert redact(line) == line


def test_a_date_alone_is_redacted_even_next_to_a_kept_timestamp():
    text = redact("at 2026-12-01T13:54:44Z dob 1961-03-17 id 01JDXK4M7Q2ZP3R8T5V6W9Y0AB")
    assert text == "at 2026-12-01T13:54:44Z dob <date> id 01JDXK4M7Q2ZP3R8T5V6W9Y0AB"


def test_an_exception_is_described_by_types_and_frames_never_its_message():
    def inner():
        raise ValueError("Canaryname Doe 912-77-4321")

    try:
        try:
            inner()
        except ValueError as exc:
            raise RuntimeError("wrapped Canaryname") from exc
    except RuntimeError as exc:
        text = describe_exception(exc)
    assert "Canaryname" not in text and "912" not in text
    assert text.startswith("RuntimeError at ") and "<- ValueError at " in text
    assert "in inner" in text and "test_log_redaction.py:" in text


@pytest.fixture
def app_log(tmp_path):
    hooks = sys.excepthook, threading.excepthook
    yield setup_logging(tmp_path)
    sys.excepthook, threading.excepthook = hooks
    root = logging.getLogger()
    for handler in list(root.handlers):
        if isinstance(handler, _AppFileHandler):
            root.removeHandler(handler)
            handler.close()


def _flushed(path) -> str:
    for h in logging.getLogger().handlers:
        h.flush()
    return path.read_text(encoding="utf-8")


def test_log_file_never_holds_the_ssn_even_in_an_exception(tmp_path, app_log):
    path = app_log
    log = logging.getLogger("desktop_app.test")
    log.warning("saving %s", "912-77-4321")
    try:
        raise ValueError("bad value 912-77-4321 for applicant Canaryname")
    except ValueError:
        log.exception("save failed")
    try:
        raise KeyError("Canaryname")
    except KeyError as exc:
        log.error("failed: %s", exc)  # careless: the exception as an argument
        log.error(exc)  # or as the message
    text = _flushed(path)
    assert "912-77-4321" not in text and "***-**-4321" in text and "ValueError" in text
    assert "failed: KeyError" in text and "KeyError at " in text
    assert "Canaryname" not in text, "an exception's message reached the log"
    assert logging.getLogger("botocore").level == logging.WARNING
    setup_logging(tmp_path / "other")  # a second data dir replaces the handler, never piles up
    ours = [h for h in logging.getLogger().handlers if isinstance(h, _AppFileHandler)]
    assert len(ours) == 1 and str(tmp_path / "other") in ours[0].baseFilename


# The uncaught exceptions raised here on purpose are not the test's failures.
@pytest.mark.qt_no_exception_capture
@pytest.mark.filterwarnings("ignore::pytest.PytestUnhandledThreadExceptionWarning")
def test_an_uncaught_exception_is_logged_without_its_message(app_log, capsys):
    path = app_log
    try:
        raise KeyError("Canaryname 1961-03-17")
    except KeyError:
        sys.excepthook(*sys.exc_info())
    worker = threading.Thread(target=lambda: 1 / 0 if "Canaryname" else None)
    worker.start()
    worker.join()
    text = _flushed(path)
    err = capsys.readouterr().err
    assert "KeyError at " in text and "ZeroDivisionError at " in text
    assert "KeyError" in err
    for blob in (text, err):
        assert "Canaryname" not in blob and "1961" not in blob


@pytest.mark.qt_no_exception_capture
def test_a_hook_installed_on_purpose_still_sees_uncaught_exceptions(tmp_path, capsys):
    hooks = sys.excepthook, threading.excepthook
    seen = []
    sys.excepthook = lambda t, e, tb: seen.append(t)  # a debugger's or a harness's hook
    try:
        path = setup_logging(tmp_path)
        setup_logging(tmp_path)  # again: the hooks are not stacked twice
        try:
            raise KeyError("Canaryname")
        except KeyError:
            sys.excepthook(*sys.exc_info())
    finally:
        sys.excepthook, threading.excepthook = hooks
        for h in [h for h in logging.getLogger().handlers if isinstance(h, _AppFileHandler)]:
            logging.getLogger().removeHandler(h)
            h.close()
    assert seen == [KeyError]
    assert path.read_text(encoding="utf-8").count("uncaught exception: KeyError") == 1
    assert "Canaryname" not in capsys.readouterr().err
