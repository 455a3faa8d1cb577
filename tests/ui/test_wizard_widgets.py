"""The wizard's small parts on their own: typed values read back for the model, and the
signature pad taking touch as well as mouse input."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint
from PySide6.QtTest import QTest

from desktop_app.ui.wizard.binding import ParseError, parse_date, parse_money
from desktop_app.ui.wizard.signature_pad import SignaturePad
from tests.ui.wizard_helpers import sign


@pytest.mark.parametrize(
    ("typed", "iso"),
    [("03/15/1990", "1990-03-15"), ("3/5/1990", "1990-03-05"), ("1990-03-15", "1990-03-15"), ("  ", "")],
)
def test_dates_are_read_as_month_day_year_or_iso(typed: str, iso: str) -> None:
    assert parse_date(typed) == iso


@pytest.mark.parametrize("typed", ["15/03/1990", "02/30/2024", "March 3", "1990-3-15"])
def test_impossible_or_unreadable_dates_say_what_to_type(typed: str) -> None:
    with pytest.raises(ParseError, match="03/15/1990"):
        parse_date(typed)


@pytest.mark.parametrize(("typed", "value"), [("$2,500.00", "2500.00"), ("2500", "2500"), ("", "")])
def test_money_accepts_dollar_signs_and_thousands_separators(typed: str, value: str) -> None:
    assert parse_money(typed) == value


@pytest.mark.parametrize("typed", ["lots", "1e3", "12.3.4", "NaN"])
def test_money_that_is_not_an_amount_says_what_to_type(typed: str) -> None:
    with pytest.raises(ParseError, match="dollars"):
        parse_money(typed)


def test_signature_pad_takes_touch_strokes(qtbot) -> None:
    pad = SignaturePad("Signature of Zoë")
    qtbot.addWidget(pad)
    pad.resize(300, 120)
    pad.show()
    finished: list[bool] = []
    pad.stroke_finished.connect(lambda: finished.append(True))
    touch = QTest.createTouchDevice()
    QTest.touchEvent(pad, touch).press(0, QPoint(10, 60), pad).commit()
    QTest.touchEvent(pad, touch).move(0, QPoint(80, 40), pad).commit()
    QTest.touchEvent(pad, touch).release(0, QPoint(150, 70), pad).commit()
    assert finished == [True] and len(pad.strokes) == 1
    assert pad.to_png().startswith(b"\x89PNG")


def test_a_stored_signature_shows_until_cleared(qtbot) -> None:
    pad = SignaturePad()
    qtbot.addWidget(pad)
    pad.resize(300, 120)
    pad.show()
    sign(qtbot, pad)
    png = pad.to_png()
    other = SignaturePad()
    qtbot.addWidget(other)
    other.set_png(png)
    assert not other.is_empty() and not other.can_undo()
    other.clear()
    assert other.is_empty()
