"""The consent text applicants sign (docs/architecture.md, "Domain and NYC rules"): the
authorization to obtain consumer reports, the accuracy attestation, the §238-a fee notice and
the FARE Act broker-fee notice, as versioned texts per language under ``resources/consent``
(``<language>/v<version>.md`` and ``manifest.toml`` naming the current version).

A signature records the version and language it was made under and its hash covers the text
(``domain/signing.py``), so a published version is never edited: a brokerage's counsel adds the
next version beside it (resources/README.md) and signatures made under earlier versions still
verify against the text they were shown."""

from __future__ import annotations

import hashlib
import re
import sys
import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from desktop_app.domain.models import Signature
from desktop_app.i18n import _

#: A text larger than this is refused: a consent is a page or two, not a book.
MAX_TEXT_BYTES = 200_000
#: A language tag as a folder name ("en", "es", "zh-Hant"); anything else (a path, a
#: value another system wrote) is never looked up on disk.
_LANGUAGE = re.compile(r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?$")
_FILE = re.compile(r"^v([1-9][0-9]{0,5})\.md$")


class ConsentError(Exception):
    """The consent texts cannot be read: a message for the agent, naming no person."""


@dataclass(frozen=True)
class ConsentText:
    version: int
    language: str
    text: str

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()


class ConsentLibrary:
    """The texts in one folder. Reads lazily and keeps what it read."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self._texts: dict[tuple[int, str], ConsentText] = {}

    def _manifest(self) -> tuple[int, str]:
        path = self.root / "manifest.toml"
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
            raise ConsentError(
                _("The consent texts' manifest cannot be read ({path}): {error}").format(
                    path=path, error=error
                )
            ) from error
        current, language = data.get("current"), data.get("default_language", "en")
        if not isinstance(current, int) or isinstance(current, bool) or current < 1:
            raise ConsentError(
                _("{path}: 'current' must be a version number (1, 2, …)").format(path=path)
            )
        if not isinstance(language, str) or not _LANGUAGE.match(language):
            raise ConsentError(
                _("{path}: 'default_language' must be a language code such as \"en\"").format(
                    path=path
                )
            )
        return current, language

    @property
    def current_version(self) -> int:
        return self._manifest()[0]

    @property
    def default_language(self) -> str:
        return self._manifest()[1]

    def languages(self, version: int) -> list[str]:
        """The languages ``version`` is available in, the default first."""
        found = sorted(
            d.name for d in self._dirs() if _LANGUAGE.match(d.name) and (d / f"v{version}.md").is_file()
        )
        default = self.default_language
        return sorted(found, key=lambda lang: lang != default)

    def versions(self, language: str) -> list[int]:
        if not _LANGUAGE.match(language):
            return []
        folder = self.root / language
        names = [p.name for p in folder.iterdir()] if folder.is_dir() else []
        return sorted(int(m.group(1)) for n in names if (m := _FILE.match(n)))

    def _dirs(self) -> list[Path]:
        try:
            return [d for d in self.root.iterdir() if d.is_dir()]
        except OSError:
            return []

    def get(self, version: int, language: str) -> ConsentText:
        """The text of ``version`` in ``language``; ``ConsentError`` when this build lacks it."""
        key = (version, language)
        if key in self._texts:
            return self._texts[key]
        if not _LANGUAGE.match(language) or isinstance(version, bool) or not 1 <= version <= 999_999:
            raise ConsentError(_("No consent text of that version and language"))
        path = self.root / language / f"v{version}.md"
        try:
            if path.stat().st_size > MAX_TEXT_BYTES:
                raise ConsentError(
                    _("{path} is larger than {size} kB").format(
                        path=path, size=MAX_TEXT_BYTES // 1000
                    )
                )
            text = path.read_text(encoding="utf-8")
        except FileNotFoundError as error:
            raise ConsentError(
                _("Consent text version {version} ({language}) is not in {root}").format(
                    version=version, language=language, root=self.root
                )
            ) from error
        except (OSError, UnicodeDecodeError) as error:
            raise ConsentError(
                _("{path} cannot be read: {error}").format(path=path, error=error)
            ) from error
        if not text.strip():
            raise ConsentError(_("{path} is empty").format(path=path))
        found = ConsentText(version, language, text)
        self._texts[key] = found
        return found

    def current(self, language: str | None = None) -> ConsentText:
        """What a signature made now shows and records (the default language when none is
        given, or when the current version lacks ``language``)."""
        version, default = self._manifest()
        if language is None or language not in self.languages(version):
            language = default
        return self.get(version, language)


def bundled_root() -> Path:
    """``resources/consent``: inside the bundle, else beside the sources."""
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle and (Path(bundle) / "resources" / "consent").is_dir():
        return Path(bundle) / "resources" / "consent"
    return Path(__file__).resolve().parents[2] / "resources" / "consent"


@cache
def _bundled() -> ConsentLibrary:
    return ConsentLibrary(bundled_root())


_override: list[ConsentLibrary] = []


def library() -> ConsentLibrary:
    """The library signatures are made and checked with."""
    return _override[-1] if _override else _bundled()


def use_library(lib: ConsentLibrary | None) -> None:
    """Check and make signatures with ``lib`` from now on (None: the bundled texts again)."""
    _override.clear()
    if lib is not None:
        _override.append(lib)


def text_for(signature: Signature, lib: ConsentLibrary | None = None) -> ConsentText | None:
    """The consent text ``signature`` was made under; None when it recorded none. Raises
    ``ConsentError`` when this build lacks that version."""
    if signature.consent_version is None:
        return None
    return (lib or library()).get(signature.consent_version, signature.consent_language)
