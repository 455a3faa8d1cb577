"""scripts/build-translations on copies of the real sources: it reports 0 unfinished and
compiles, and refuses (writing nothing) a fuzzy, empty or placeholder-losing entry and an
unfinished Qt message; the Spanish catalog covers every message the core's code marks."""

from __future__ import annotations

import gettext
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from tests.fixtures.i18n import ROOT, build_translations

PO = Path("es") / "LC_MESSAGES" / "leasedesk.po"
MO = PO.with_suffix(".mo")


@pytest.fixture
def sources(tmp_path: Path) -> Path:
    folder = tmp_path / "i18n"
    shutil.copytree(
        ROOT / "resources" / "i18n", folder, ignore=shutil.ignore_patterns("*.mo", "*.qm")
    )
    return folder


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_the_real_catalog_compiles_with_nothing_unfinished(sources: Path) -> None:
    done = build_translations(sources)
    assert done.returncode == 0, done.stderr
    assert "es/LC_MESSAGES/leasedesk.po:" in done.stdout and " 0 unfinished" in done.stdout
    with (sources / MO).open("rb") as fh:
        catalog = gettext.GNUTranslations(fh)
    assert catalog.gettext("This is the first step") == "Este es el primer paso"


@pytest.mark.parametrize(
    ("old", "new", "said"),
    [
        ('msgid "This is the first step"', '#, fuzzy\nmsgid "This is the first step"', "fuzzy"),
        ('msgstr "Este es el primer paso"', 'msgstr ""', "unfinished"),
        ('msgstr "{name}: el archivo está vacío"', 'msgstr "el archivo está vacío"', "placeholders"),
        ('msgstr "{name}: el archivo está vacío"', 'msgstr "{name}: el {archivo"', "placeholders"),
    ],
)
def test_a_fuzzy_empty_or_broken_entry_fails_and_writes_nothing(
    sources: Path, old: str, new: str, said: str
) -> None:
    _replace(sources / PO, old, new)
    done = build_translations(sources)
    assert done.returncode == 1
    assert said in done.stderr and "1 unfinished" in done.stdout
    assert not (sources / MO).exists()


def test_an_unfinished_qt_message_fails(sources: Path) -> None:
    (sources / "leasedesk_xx.ts").write_text(
        '<?xml version="1.0" encoding="utf-8"?><!DOCTYPE TS><TS version="2.1" language="es">'
        "<context><name>MainWindow</name>"
        "<message><source>&amp;File</source><translation>&amp;Archivo</translation></message>"
        '<message><source>&amp;Quit</source><translation type="unfinished"/></message>'
        '<message><source>Gone</source><translation type="vanished">Ido</translation></message>'
        "</context></TS>",
        encoding="utf-8",
    )
    done = build_translations(sources)
    assert done.returncode == 1
    assert "leasedesk_xx.ts: 1 finished, 1 unfinished" in done.stdout
    assert "&Quit" in done.stderr
    assert not (sources / "leasedesk_xx.qm").exists()


@pytest.mark.parametrize(
    "content", [b'msgid "x"\nmsgstr "y\n', b'msgid "x"\nmsgstr "\xff\xfe"\n', b"\x00" * 64]
)
def test_a_damaged_po_fails_and_writes_nothing(sources: Path, content: bytes) -> None:
    (sources / PO).write_bytes(content)
    done = build_translations(sources)
    assert done.returncode == 1, done.stdout
    assert not (sources / MO).exists()


def test_the_catalogs_cover_every_message_the_code_marks(tmp_path: Path) -> None:
    """A message added to the core without a translation fails here (docs/i18n.md says how
    to update the catalogs)."""
    pot = tmp_path / "fresh.pot"
    subprocess.run(
        [
            str(Path(sys.executable).parent / "pybabel"), "extract",
            "-F", "resources/i18n/babel.cfg", "-k", "N_", "-k", "ngettext:1,2",
            "-o", str(pot), "desktop_app",
        ],
        cwd=ROOT, check=True, capture_output=True, timeout=300,
    )
    with pot.open("rb") as fh:
        marked = {m.id if isinstance(m.id, str) else m.id[0] for m in read_po(fh) if m.id}
    with (ROOT / "resources" / "i18n" / PO).open("rb") as fh:
        translated = {
            m.id if isinstance(m.id, str) else m.id[0] for m in read_po(fh) if m.id and m.string
        }
    with (ROOT / "resources" / "i18n" / "leasedesk.pot").open("rb") as fh:
        template = {m.id if isinstance(m.id, str) else m.id[0] for m in read_po(fh) if m.id}
    assert sorted(marked - translated) == []
    assert sorted(marked - template) == []
