"""Settings › Language: System (the computer's language), English or Español. The choice is
stored at once and applied without a restart (``ui/language.py``)."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QApplication, QComboBox, QFormLayout, QGroupBox, QLabel, QWidget

from desktop_app import i18n
from desktop_app.ui.language import apply_language, store_language, stored_language


class LanguageGroup(QGroupBox):
    #: The language now in use ("en", "es") after the agent picked one.
    language_applied = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Language"), parent)
        form = QFormLayout(self)
        self.choice = QComboBox(self)
        self.choice.setAccessibleName(self.tr("Language"))
        system_name = i18n.LANGUAGES[i18n.system_language()]
        self.choice.addItem(self.tr("System ({language})").format(language=system_name), i18n.SYSTEM)
        for code, name in i18n.LANGUAGES.items():
            self.choice.addItem(name, code)  # each language in its own words: never translated
        current = self.choice.findData(stored_language())
        self.choice.setCurrentIndex(max(current, 0))
        form.addRow(self.tr("&Language:"), self.choice)
        self.note = QLabel(
            self.tr("Also the language of the core's messages, dates, amounts and phone numbers."),
            self,
        )
        self.note.setWordWrap(True)
        form.addRow(self.note)
        self.choice.currentIndexChanged.connect(self._chosen)

    def _chosen(self, index: int) -> None:
        code = self.choice.itemData(index)
        if not isinstance(code, str):
            return
        store_language(code)
        self.language_applied.emit(apply_language(QApplication.instance(), code))

    def retranslate_ui(self) -> None:
        """The "System (…)" entry is made from a value: write it again."""
        system_name = i18n.LANGUAGES[i18n.system_language()]
        self.choice.setItemText(0, self.tr("System ({language})").format(language=system_name))
