import logging

from desktop_app.logs import redact, setup_logging


def test_ssn_email_and_account_numbers_are_redacted():
    text = redact("ssn 912-77-4321 or 912774321, mail zoe@example.com, acct 123456789012")
    assert "912-77" not in text and "91277" not in text and "***-**-4321" in text
    assert "zoe@example.com" not in text and "123456789012" not in text


def test_log_file_never_holds_the_ssn_even_in_an_exception(tmp_path):
    path = setup_logging(tmp_path)
    log = logging.getLogger("desktop_app.test")
    log.warning("saving %s", "912-77-4321")
    try:
        raise ValueError("bad value 912-77-4321 for applicant")
    except ValueError:
        log.exception("save failed")
    for h in logging.getLogger().handlers:
        h.flush()
    text = path.read_text(encoding="utf-8")
    assert "912-77-4321" not in text and "***-**-4321" in text and "ValueError" in text
    assert logging.getLogger("botocore").level == logging.WARNING
    setup_logging(tmp_path / "other")  # a second data dir replaces the handler, never piles up
    ours = [h for h in logging.getLogger().handlers if getattr(h, "baseFilename", "").endswith("desktop_app.log")]
    assert len(ours) == 1 and str(tmp_path / "other") in ours[0].baseFilename
    logging.getLogger().removeHandler(ours[0])
    ours[0].close()
