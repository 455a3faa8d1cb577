from datetime import date
from decimal import Decimal

import pytest

from desktop_app.domain.canonical import canonical_json, content_hash
from desktop_app.domain.models import Application, Person
from desktop_app.domain.paths import FieldPathError, get_value, set_value


def test_set_value_coerces_to_the_field_type():
    app = Application(co_applicants=[Person()])
    set_value(app, "application_info.monthly_rent", "2500.50")
    set_value(app, "co_applicants[0].date_of_birth", "1990-04-14")
    set_value(app, "co_applicants[0].first_name", "李")
    assert app.application_info.monthly_rent == Decimal("2500.50")
    assert app.co_applicants[0].date_of_birth == date(1990, 4, 14)
    assert get_value(app, "co_applicants[0].first_name") == "李"


def test_empty_string_clears_an_optional_value():
    app = Application()
    set_value(app, "application_info.monthly_rent", "")
    assert app.application_info.monthly_rent is None


@pytest.mark.parametrize("path,value", [("application_info.monthly_rent", "lots"),
                                        ("co_applicants[3].email", "x"), ("nope", 1)])
def test_bad_paths_and_values_raise_a_field_error(path, value):
    with pytest.raises(FieldPathError) as exc:
        set_value(Application(), path, value)
    assert exc.value.path == path


def test_content_hash_ignores_versions_and_timestamps_and_number_spelling():
    a = {"appid": "x", "rent": Decimal("2500.00"), "version": 1, "last_updated": "t1"}
    b = {"appid": "x", "rent": 2500, "version": 2, "last_updated": "t2"}
    assert content_hash(a) == content_hash(b)
    assert content_hash(a) != content_hash({**a, "rent": Decimal("2500.01")})
    assert canonical_json({"b": 1, "a": [Decimal("1.50")]}) == '{"a":["1.5"],"b":"1"}'
