"""The UI's Qt catalog (resources/i18n/leasedesk_es.ts) against the code: lupdate over
desktop_app/ui (``build-translations --update``) finds nothing new or unfinished, so every
text the UI marks has its Spanish; the update reads the shorthands the UI uses (a module's
``_tr()``, ``w.tr()`` on a typed window, ``plural()``); a translation that adds or drops a
placeholder is refused, since ``.format()`` would raise or lose the value."""

from __future__ import annotations

import importlib.machinery
import importlib.util
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path
from types import ModuleType

import pytest

from tests.fixtures.i18n import ROOT, SCRIPT, build_translations

TS = "leasedesk_es.ts"


@pytest.fixture
def sources(tmp_path: Path) -> Path:
    folder = tmp_path / "i18n"
    shutil.copytree(ROOT / "resources" / "i18n", folder,
                    ignore=shutil.ignore_patterns("*.mo", "*.qm"))
    return folder


def script() -> ModuleType:
    loader = importlib.machinery.SourceFileLoader("build_translations", str(SCRIPT))
    spec = importlib.util.spec_from_loader(loader.name, loader)
    assert spec is not None
    module = importlib.util.module_from_spec(spec)
    loader.exec_module(module)
    return module


def messages(ts: Path) -> dict[tuple[str, str], str]:
    out = {}
    for context in ET.parse(ts).getroot().iter("context"):
        for message in context.iter("message"):
            out[(context.findtext("name") or "", message.findtext("source") or "")] = (
                message.find("translation").get("type", "finished"))
    return out


def test_the_shipped_catalog_is_current_with_the_code_and_finished(sources: Path) -> None:
    before = messages(sources / TS)
    done = build_translations(sources, "--update")
    assert done.returncode == 0, done.stderr  # nothing the code marks is left untranslated
    assert f"{TS}: " in done.stdout and " 0 unfinished" in done.stdout
    after = messages(sources / TS)
    assert set(after) == set(before), set(after) ^ set(before)


def test_the_update_reads_the_ui_shorthands(tmp_path: Path, monkeypatch) -> None:
    module = script()
    monkeypatch.setattr(module, "ROOT", tmp_path)
    source = tmp_path / "desktop_app" / "ui" / "sample.py"
    source.parent.mkdir(parents=True)
    source.write_text(
        "from PySide6.QtCore import QCoreApplication\n\n\n"
        "def _tr(text: str) -> str:\n"
        '    return QCoreApplication.translate("SamplePane", text)\n\n\n'
        "def build(w: MainWindow) -> None:\n"
        '    w.setWindowTitle(_tr("Sample title"))\n'
        '    w.menu.setTitle(w.tr("&Sample menu"))\n'
        '    w.status(plural("SamplePane", 2, "%n sample", "%n samples"))\n'
        '    w.other.tr("not a typed parameter")\n',
        encoding="utf-8",
    )
    read = module._for_lupdate(source, tmp_path / "copy")
    assert read != source
    text = read.read_text(encoding="utf-8")
    assert 'QCoreApplication.translate("SamplePane", "Sample title")' in text
    assert 'QCoreApplication.translate("MainWindow", "&Sample menu")' in text
    assert "QT_TRANSLATE_NOOP('SamplePane', '%n sample')" in text
    assert "QT_TRANSLATE_NOOP('SamplePane', '%n samples')" in text
    assert 'w.other.tr("not a typed parameter")' in text  # left as it was
    plain = tmp_path / "desktop_app" / "ui" / "plain.py"
    plain.write_text('x = 1\n', encoding="utf-8")
    assert module._for_lupdate(plain, tmp_path / "copy") == plain  # nothing to spell out


@pytest.mark.parametrize("translation", ["Abrir {archivo}", "Abrir", "Abrir {file_name"])
def test_a_translation_with_other_placeholders_is_refused(sources: Path, translation: str) -> None:
    ts = sources / TS
    text = ts.read_text(encoding="utf-8")
    old = "<translation>Abrir {file_name}</translation>"
    assert old in text
    ts.write_text(text.replace(old, f"<translation>{translation}</translation>", 1),
                  encoding="utf-8")
    done = build_translations(sources)
    assert done.returncode == 1
    assert "placeholders differ" in done.stderr and "Open {file_name}" in done.stderr
    assert not (sources / "leasedesk_es.qm").exists()
