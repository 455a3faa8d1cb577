"""The core's message catalog (docs/i18n.md): Python's ``gettext`` with English as the msgid,
Qt-free, so the domain, the wizard's flow, the services, sync and sign-in can speak the agent's
language without importing Qt.

Messages are translated when they are made (``_("Email is required")`` inside the validator),
so :func:`set_language` applies to the next validation, sync report or sign-in error. A
message defined at import time (a table of titles) is marked with :func:`N_` and translated
where it is shown, with ``_(title)``.

The catalogs are ``resources/i18n/<language>/LC_MESSAGES/leasedesk.mo``, compiled from the
``.po`` sources by ``scripts/build-translations``. A language without a compiled catalog falls
back to English (the msgids) and says so once in the log."""

from __future__ import annotations

import gettext
import logging
import os
import struct
import sys
import threading
from collections.abc import Mapping
from pathlib import Path

log = logging.getLogger(__name__)

DOMAIN = "leasedesk"
#: The languages LeaseDesk ships, by code, with their names in themselves (the Settings switch).
LANGUAGES: dict[str, str] = {"en": "English", "es": "Español"}
DEFAULT = "en"
#: The setting's value meaning "follow the system locale".
SYSTEM = "system"

_lock = threading.Lock()
#: (language, catalog); None until the first message or :func:`set_language` (then the system's).
_state: tuple[str, gettext.NullTranslations] | None = None


def locale_dir() -> Path:
    """``resources/i18n``: inside the bundle, else beside the sources."""
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle and (Path(bundle) / "resources" / "i18n").is_dir():
        return Path(bundle) / "resources" / "i18n"
    return Path(__file__).resolve().parents[1] / "resources" / "i18n"


def system_language(env: Mapping[str, str] | None = None) -> str:
    """The first shipped language the system locale names (``LANGUAGE``, ``LC_ALL``,
    ``LC_MESSAGES``, ``LANG``, as gettext reads them); English when none matches."""
    env = os.environ if env is None else env
    for var in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(var, "")
        if not value:
            continue
        for part in value.split(":"):
            code = part.split(".")[0].split("@")[0].split("_")[0].split("-")[0].lower()
            if code in LANGUAGES:
                return code
            if code in ("c", "posix"):
                return DEFAULT
        return DEFAULT  # the first variable set decides, as in gettext
    return DEFAULT


def resolve(code: str | None) -> str:
    """A setting's value (None, "", "system", a language code or a locale such as
    ``es_US.UTF-8``) as one of :data:`LANGUAGES`."""
    if not code or code == SYSTEM:
        return system_language()
    short = code.split(".")[0].split("_")[0].split("-")[0].lower()
    return short if short in LANGUAGES else DEFAULT


def set_language(code: str | None, directory: Path | None = None) -> str:
    """Speak ``code`` from the next message on (see :func:`resolve`); returns the language
    now in use. Safe to call while another thread (the sync worker) is making messages: each
    message is made with either the old catalog or the new one, never a mix."""
    language = resolve(code)
    translations: gettext.NullTranslations = gettext.NullTranslations()
    if language != DEFAULT:
        folder = directory or locale_dir()
        try:
            with (folder / language / "LC_MESSAGES" / f"{DOMAIN}.mo").open("rb") as fh:
                translations = gettext.GNUTranslations(fh)
        # Missing, not a catalog, or cut short (struct.error) — a damaged file never stops the app.
        except (OSError, ValueError, UnicodeDecodeError, LookupError, struct.error) as exc:
            log.warning(
                "no compiled %s catalog (%s); run scripts/build-translations",
                language,
                type(exc).__name__,
            )
    global _state
    with _lock:
        _state = (language, translations)
    return language


def _current() -> tuple[str, gettext.NullTranslations]:
    state = _state
    if state is None:
        set_language(None)
        state = _state
    assert state is not None
    return state


def current_language() -> str:
    return _current()[0]


def _(message: str) -> str:
    """``message`` (English) in the current language."""
    return _current()[1].gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """The form of ``singular``/``plural`` for ``n`` in the current language."""
    return _current()[1].ngettext(singular, plural, n)


def N_(message: str) -> str:  # noqa: N802 — gettext's own name for the marker
    """Mark ``message`` for the catalog without translating it now (translate it where it is
    shown, with ``_``)."""
    return message
