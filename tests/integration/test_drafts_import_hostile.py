"""``desktop-app drafts import`` on hostile files: every one is refused with exit status 2, a
``record N: field: reason`` line or a plain file-level message that never quotes the value, and
the store exactly as it was (a real data dir, the data key in a real Secret Service)."""

import json
import random
from pathlib import Path

import pytest

from desktop_app.cli.main import main
from desktop_app.sampledata import synthetic_application

BASELINE_SEED = 17


def _record(**changes) -> dict:
    """A complete synthetic draft as the export writes it, with ``changes`` applied
    (``a.b`` keys reach into nested objects)."""
    raw = synthetic_application(random.Random(99), co_applicants=1, guarantors=0, occupants=0).model_dump(mode="json")
    for dotted, value in changes.items():
        node = raw
        *parents, last = dotted.split(".")
        for part in parents:
            node = node[int(part)] if isinstance(node, list) else node[part]
        node[last] = value
    return raw


def _file(*records: dict, documents=None) -> dict:
    return {"format": "leasedesk.applications", "version": 1,
            "applications": list(records), "documents": documents if documents is not None else {}}


def _write_json(path: Path, data) -> Path:
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


@pytest.fixture
def store_dir(tmp_path, capsys, secret_service):
    """A data dir holding one imported application, and the `drafts export` of it."""
    data = tmp_path / "data"
    base = synthetic_application(random.Random(BASELINE_SEED)).model_dump(mode="json")
    src = _write_json(tmp_path / "base.json", _file(base))
    assert main(["--data-dir", str(data), "drafts", "import", str(src)]) == 0
    capsys.readouterr()
    return data


def _export(data: Path, capsys) -> list:
    assert main(["--data-dir", str(data), "drafts", "export"]) == 0
    out = capsys.readouterr().out
    return json.loads(out)["applications"]


def _refused(data: Path, src: Path, capsys) -> str:
    before = _export(data, capsys)
    code = main(["--data-dir", str(data), "drafts", "import", str(src)])
    err = capsys.readouterr().err
    assert code == 2, err
    assert "Traceback" not in err
    assert _export(data, capsys) == before  # nothing written
    return err


# -- files the import used to crash on ------------------------------------------------------

def test_json_nested_200000_deep_is_a_file_level_refusal(tmp_path, store_dir, capsys):
    src = tmp_path / "deep.json"
    src.write_text("[" * 200_000 + "]" * 200_000, encoding="utf-8")
    err = _refused(store_dir, src, capsys)
    assert "nested too deeply" in err and "record" not in err


def test_a_folder_given_as_the_file_is_a_file_level_refusal(tmp_path, store_dir, capsys):
    folder = tmp_path / "a-folder"
    folder.mkdir()
    err = _refused(store_dir, folder, capsys)
    assert "is a folder" in err


def test_an_integer_literal_too_long_for_python_is_a_file_level_refusal(tmp_path, store_dir, capsys):
    src = tmp_path / "digits.json"
    text = json.dumps(_file(_record())).replace('"current_step": 1', '"current_step": ' + "9" * 5000)
    src.write_text(text, encoding="utf-8")
    err = _refused(store_dir, src, capsys)
    assert "9999" not in err


def test_documents_given_as_a_number_names_the_record_and_field(tmp_path, store_dir, capsys):
    src = _write_json(tmp_path / "docs.json", _file(_record(documents=5)))
    err = _refused(store_dir, src, capsys)
    assert "record 0: documents: " in err


def test_document_content_given_as_a_number_names_the_record_and_document(tmp_path, store_dir, capsys):
    rec = _record(documents=[{"id": "01JDOCUMENT0000000000000001", "kind": "pay_stub",
                              "file_name": "stub.pdf", "content_type": "application/pdf", "size": 4}])
    rec["documents"][0]["person_id"] = rec["primary_applicant"]["id"]
    src = _write_json(tmp_path / "content.json", _file(rec, documents={"01JDOCUMENT0000000000000001": 5}))
    err = _refused(store_dir, src, capsys)
    assert "record 0: documents[0]: " in err


@pytest.mark.parametrize("documents", [5, [["a", "b", "c"]], "text"])
def test_a_document_map_of_the_wrong_shape_is_a_file_level_refusal(tmp_path, store_dir, capsys, documents):
    src = _write_json(tmp_path / "map.json", _file(_record(), documents=documents))
    err = _refused(store_dir, src, capsys)
    assert "dictionary update sequence" not in err and "record -1" not in err
    assert '"documents"' in err


def test_current_step_of_10_to_the_30_names_the_field(tmp_path, store_dir, capsys):
    src = _write_json(tmp_path / "step.json", _file(_record(current_step=10**30)))
    err = _refused(store_dir, src, capsys)
    assert "record 0: current_step: " in err and "1000000" not in err


def test_a_lone_surrogate_in_a_name_names_the_field(tmp_path, store_dir, capsys):
    src = tmp_path / "surrogate.json"
    text = json.dumps(_file(_record(**{"primary_applicant.first_name": "Ana"})), ensure_ascii=True)
    src.write_text(text.replace('"first_name": "Ana"', '"first_name": "An\\ud800a"', 1), encoding="utf-8")
    err = _refused(store_dir, src, capsys)
    assert "record 0: primary_applicant.first_name: " in err


# -- values the import used to accept -------------------------------------------------------

@pytest.mark.parametrize("bad_id", ["", "A" * 100_000, "../../etc/passwd", "a/b", "01J\x00"],
                         ids=["empty", "100000-chars", "path", "slash", "nul"])
def test_an_empty_huge_or_path_like_application_id_is_refused(tmp_path, store_dir, capsys, bad_id):
    src = _write_json(tmp_path / "id.json", _file(_record(id=bad_id)))
    err = _refused(store_dir, src, capsys)
    assert "record 0: id: " in err
    assert len(err) < 2000


@pytest.mark.parametrize("step", [-1, 0, 9])
def test_a_current_step_outside_the_steps_is_refused(tmp_path, store_dir, capsys, step):
    src = _write_json(tmp_path / "step.json", _file(_record(current_step=step)))
    assert "record 0: current_step: " in _refused(store_dir, src, capsys)


def test_a_nul_in_a_name_is_refused(tmp_path, store_dir, capsys):
    src = _write_json(tmp_path / "nul.json", _file(_record(**{"primary_applicant.last_name": "Ri\x00vera"})))
    assert "record 0: primary_applicant.last_name: " in _refused(store_dir, src, capsys)


def test_50_mb_of_notes_is_refused(tmp_path, store_dir, capsys):
    src = _write_json(tmp_path / "notes.json", _file(_record(**{"application_info.notes": "n" * 50_000_000})))
    err = _refused(store_dir, src, capsys)
    assert "record 0: application_info.notes: " in err and len(err) < 2000


def test_the_same_person_as_applicant_and_co_applicant_is_refused(tmp_path, store_dir, capsys):
    rec = _record()
    rec["co_applicants"][0]["id"] = rec["primary_applicant"]["id"]
    src = _write_json(tmp_path / "twice.json", _file(rec))
    assert "record 0: co_applicants[0].id: " in _refused(store_dir, src, capsys)


@pytest.mark.parametrize("rent", ["9" * 39, "1e999999999", "100000000.01", "-1e-999999999", "NaN"])
def test_a_rent_without_bounds_is_refused(tmp_path, store_dir, capsys, rent):
    src = _write_json(tmp_path / "rent.json", _file(_record(**{"application_info.monthly_rent": rent})))
    err = _refused(store_dir, src, capsys)
    assert "record 0: application_info.monthly_rent: " in err and "999999" not in err


@pytest.mark.parametrize("income", ["9" * 39, "1e999999999", "1E+38"])
def test_an_income_without_bounds_is_refused(tmp_path, store_dir, capsys, income):
    src = _write_json(tmp_path / "income.json", _file(_record(**{"primary_applicant.annual_income": income})))
    assert "record 0: primary_applicant.annual_income: " in _refused(store_dir, src, capsys)


def test_invalid_records_exit_2_with_every_problem_listed(tmp_path, store_dir, capsys):
    src = _write_json(tmp_path / "two.json", _file(
        _record(**{"primary_applicant.email": "not-an-email"}),
        _record(id="01JAAAAAAAAAAAAAAAAAAAAAAB", **{"application_info.monthly_rent": "-5"}),
    ))
    err = _refused(store_dir, src, capsys)
    assert "record 0: primary_applicant.email: " in err
    assert "record 1: application_info.monthly_rent: " in err


@pytest.mark.parametrize("text", ["5", '"applications"', '{"applications": 5}', "null",
                                  '{"format": "something-else", "applications": []}'])
def test_a_file_of_the_wrong_shape_is_a_plain_file_level_refusal(tmp_path, store_dir, capsys, text):
    src = tmp_path / "shape.json"
    src.write_text(text, encoding="utf-8")
    err = _refused(store_dir, src, capsys)
    assert "record" not in err.split("nothing was imported")[0].replace("records", "")


def test_a_file_larger_than_the_import_limit_is_refused_before_reading(tmp_path, store_dir, capsys):
    from desktop_app.services.drafts_io import MAX_IMPORT_BYTES

    src = tmp_path / "huge.json"
    with src.open("wb") as fh:  # sparse: no disk space used, and never read
        fh.truncate(MAX_IMPORT_BYTES + 1)
    err = _refused(store_dir, src, capsys)
    assert "larger than" in err


def test_a_pipe_given_as_the_file_is_refused_without_waiting_on_it(tmp_path, store_dir, capsys):
    import os

    fifo = tmp_path / "pipe.json"
    os.mkfifo(fifo)
    assert "not a regular file" in _refused(store_dir, fifo, capsys)
