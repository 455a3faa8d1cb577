"""The details pane shows its sections (needs you, sync, deliveries, audit trail) only while an
application is selected: with none, the invitation stands alone instead of empty headings."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel

from desktop_app.ui.details_pane import DetailsPane


def visible_texts(pane: DetailsPane) -> list[str]:
    return [label.text() for label in pane.findChildren(QLabel) if label.isVisibleTo(pane)]


def test_with_nothing_selected_only_the_invitation_shows(qtbot):
    pane = DetailsPane()
    qtbot.addWidget(pane)
    pane.show()
    texts = visible_texts(pane)
    assert texts == ["Select an application to see its details."]
    assert not any("Audit trail" in t or "Deliveries" in t for t in texts)
