"""The language of the running app (docs/i18n.md): one call, :func:`apply_language`, switches
the UI's Qt catalog (``resources/i18n/leasedesk_<lang>.qm``) and Qt's own
(``qtbase_<lang>.qm``, the standard buttons), the default ``QLocale`` (dates, money, phone
numbers), and the core's gettext catalog (``desktop_app.i18n``), then retranslates what is
open — no restart.

Retranslating open windows: Qt sends every widget a ``LanguageChange`` event when a translator
is installed or removed. What a widget built with ``tr()`` shows does not change by itself, so
after the switch each open widget's static texts (labels, buttons, group and window titles,
menus, actions, tooltips, placeholders, combo items, tabs, tree headers) are looked up in the
catalogs: a text that is a known English source, or a known translation of one, is replaced
by its translation in the new language. Item views are told their header data changed, so
models that call ``tr()`` in ``headerData`` repaint. Texts made from values (counts, names)
are not in a catalog: the code that writes them writes them again on its next update, and a
widget may define ``retranslate_ui()`` to redo them at once. A new window or wizard page
is built in the new language from the start.

The choice is stored in the window settings (``QSettings``, key ``language``: ``system``,
``en`` or ``es``) and applied at start before the first window exists."""

from __future__ import annotations

import logging
from functools import cache
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, Qt, QTranslator
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QComboBox,
    QGroupBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QTabWidget,
    QTreeWidget,
    QWidget,
)

from desktop_app import i18n

log = logging.getLogger(__name__)

SETTING_KEY = "language"
#: The QLocale each language formats dates, money and phone numbers with (New York's).
LOCALES = {"en": "en_US", "es": "es_US"}
QM_NAME = "leasedesk_{lang}"

_installed: list[QTranslator] = []


def translations_dir() -> Path | None:
    from desktop_app.ui.launch import resources_dir

    folder = resources_dir()
    return folder / "i18n" if folder is not None else None


# -- the setting ---------------------------------------------------------------------------
def stored_language() -> str:
    """The Settings switch's value: ``system`` (the default), or a language code."""
    from desktop_app.ui.window_state import app_settings

    value = app_settings().value(SETTING_KEY, i18n.SYSTEM)
    return value if isinstance(value, str) and value in (i18n.SYSTEM, *i18n.LANGUAGES) else i18n.SYSTEM


def store_language(code: str) -> None:
    from desktop_app.ui.window_state import app_settings

    if code not in (i18n.SYSTEM, *i18n.LANGUAGES):
        raise ValueError(f"not a language LeaseDesk ships: {code!r}")
    settings = app_settings()
    settings.setValue(SETTING_KEY, code)
    settings.sync()


# -- the catalogs --------------------------------------------------------------------------
@cache
def _ts_pairs(path: Path, mtime: float) -> dict[str, str]:  # noqa: ARG001 — part of the key
    """translation -> source and source -> source of one ``.ts`` (finished messages only)."""
    import xml.etree.ElementTree as ET  # only when a catalog is read: not on the start path

    pairs: dict[str, str] = {}
    try:
        root = ET.parse(path).getroot()
    except (OSError, ET.ParseError):
        return pairs
    for message in root.iter("message"):
        source = message.findtext("source") or ""
        translation = message.find("translation")
        if not source or translation is None or translation.get("type"):
            continue
        if message.get("numerus") == "yes":
            continue
        pairs.setdefault(source, source)
        if translation.text:
            pairs.setdefault(translation.text, source)
    return pairs


def _sources() -> dict[str, str]:
    """Every shown text the catalogs know (English or translated) -> its English source."""
    folder = translations_dir()
    out: dict[str, str] = {}
    if folder is None:
        return out
    for ts in sorted(folder.glob("*.ts")):
        try:
            out.update(_ts_pairs(ts, ts.stat().st_mtime))
        except OSError:
            continue
    return out


@cache
def _contexts(path: Path, mtime: float) -> dict[str, list[str]]:  # noqa: ARG001
    """source -> the contexts it is translated in, in one ``.ts``."""
    import xml.etree.ElementTree as ET

    out: dict[str, list[str]] = {}
    try:
        root = ET.parse(path).getroot()
    except (OSError, ET.ParseError):
        return out
    for context in root.iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            source = message.findtext("source") or ""
            if source:
                out.setdefault(source, []).append(name)
    return out


def _source_contexts() -> dict[str, list[str]]:
    folder = translations_dir()
    out: dict[str, list[str]] = {}
    if folder is None:
        return out
    for ts in sorted(folder.glob("*.ts")):
        try:
            for source, names in _contexts(ts, ts.stat().st_mtime).items():
                out.setdefault(source, []).extend(names)
        except OSError:
            continue
    return out


def _install_translators(app: Any, language: str) -> None:
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    if language == i18n.DEFAULT:
        return
    candidates: list[tuple[str, str]] = []
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    candidates.append((f"qtbase_{language}", qt_dir))
    folder = translations_dir()
    if folder is not None:
        candidates.append((QM_NAME.format(lang=language), str(folder)))
    for name, directory in candidates:
        translator = QTranslator(app)
        if translator.load(name, directory):
            app.installTranslator(translator)
            _installed.append(translator)
        else:
            log.warning("no %s.qm in the translations; run scripts/build-translations", name)


# -- applying ------------------------------------------------------------------------------
def apply_language(app: Any, code: str | None) -> str:
    """Speak ``code`` (``system``/None follows the system locale) from now on, in the open
    windows too; returns the language in use (``en`` or ``es``)."""
    language = i18n.set_language(code)
    QLocale.setDefault(QLocale(LOCALES.get(language, "en_US")))
    _install_translators(app, language)
    retranslate_open_widgets(app)
    return language


def _translate(
    text: str, contexts: list[str], sources: dict[str, str], where: dict[str, list[str]]
) -> str:
    source = sources.get(text)
    if source is None:
        return text
    known = where.get(source, [])
    preferred = [c for c in contexts if c in known] + [c for c in known if c not in contexts]
    for context in preferred:
        translated = QCoreApplication.translate(context, source)
        if translated != source:
            return translated
    return source  # English, or no translation in the new language


def translate_known(text: str) -> str:
    """``text``, an English source of any context in the catalogs (a word another module
    shows too, such as a document kind), in the current language; itself when unknown."""
    return _translate(text, [], _sources(), _source_contexts()) if text else text


def _widget_contexts(widget: QWidget) -> list[str]:
    """The tr() contexts that may have made ``widget``'s texts: its class and its ancestors'."""
    names: list[str] = []
    current: Any = widget
    while current is not None:
        for klass in type(current).__mro__:
            name = klass.__name__
            if name not in names and not name.startswith("Q"):
                names.append(name)
        current = current.parent() if hasattr(current, "parent") else None
    return names


def retranslate_open_widgets(app: Any) -> None:
    """Put every open widget's static texts in the current language (see the module's doc)."""
    if not app.allWidgets():
        return  # at start, before the first window: nothing to read the catalogs for
    sources, where = _sources(), _source_contexts()
    for widget in list(app.allWidgets()):
        contexts = _widget_contexts(widget)

        def tr(text: str, *, _c: list[str] = contexts) -> str:
            return _translate(text, _c, sources, where) if text else text

        _retranslate_widget(widget, tr)
        for action in widget.actions():
            for getter, setter in (
                (action.text, action.setText),
                (action.toolTip, action.setToolTip),
                (action.statusTip, action.setStatusTip),
            ):
                value = getter()
                new = tr(value)
                if new != value:
                    setter(new)
        if isinstance(widget, QAbstractItemView):
            _refresh_headers(widget)
    for widget in list(app.allWidgets()):
        hook = getattr(widget, "retranslate_ui", None)
        if callable(hook):
            try:
                hook()
            except Exception:  # noqa: BLE001 — one widget's hook never stops the switch
                log.exception("retranslating %s failed", type(widget).__name__)


def _refresh_headers(view: QAbstractItemView) -> None:
    """Tell a table's or tree's model its column titles changed (``headerData`` calls tr())."""
    find = getattr(view, "horizontalHeader", None) or getattr(view, "header", None)
    header = find() if callable(find) else None
    model = header.model() if header is not None else None
    if header is None or model is None or isinstance(view, QHeaderView) or not header.count():
        return
    model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, header.count() - 1)


def _retranslate_widget(widget: QWidget, tr: Any) -> None:
    pairs: list[tuple[Any, Any]] = [
        (widget.windowTitle, widget.setWindowTitle),
        (widget.toolTip, widget.setToolTip),
        (widget.statusTip, widget.setStatusTip),
        (widget.accessibleName, widget.setAccessibleName),
    ]
    if isinstance(widget, (QLabel, QAbstractButton)):
        pairs.append((widget.text, widget.setText))
    if isinstance(widget, QGroupBox):
        pairs.append((widget.title, widget.setTitle))
    if isinstance(widget, QMenu):
        pairs.append((widget.title, widget.setTitle))
    if isinstance(widget, QLineEdit):
        pairs.append((widget.placeholderText, widget.setPlaceholderText))
    for getter, setter in pairs:
        value = getter()
        new = tr(value)
        if new != value:
            setter(new)
    if isinstance(widget, QComboBox):
        for i in range(widget.count()):
            value = widget.itemText(i)
            if (new := tr(value)) != value:
                widget.setItemText(i, new)
    if isinstance(widget, QTabWidget):
        for i in range(widget.count()):
            value = widget.tabText(i)
            if (new := tr(value)) != value:
                widget.setTabText(i, new)
    if isinstance(widget, QTreeWidget):
        header = widget.headerItem()
        for i in range(header.columnCount()):
            value = header.text(i)
            if (new := tr(value)) != value:
                header.setText(i, new)
