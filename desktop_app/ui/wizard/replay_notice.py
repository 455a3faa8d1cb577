"""What the agent is told when the sync engine replaced the copy an open wizard showed (a pull
or merge from their other computer): exactly which of their edits were applied to the new copy
and which were not — by step and field label, never by value — so it never claims more than
happened."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from desktop_app.domain.models import Application
from desktop_app.domain.signing import changed_since_signed
from desktop_app.ui.wizard.edits import Edit, SetSignature

UPDATED = QT_TRANSLATE_NOOP(
    "ReplayNotice",
    "This application was updated from your other computer; the latest version is shown",
)


def _tr(text: str) -> str:
    return QCoreApplication.translate("ReplayNotice", text)


def _labels(edits: list[Edit]) -> str:
    return "; ".join(dict.fromkeys(e.label for e in edits))


def replay_notice(
    before: Application, after: Application, kept: list[Edit], dropped: list[Edit],
    unreadable: list[str] = (),  # type: ignore[assignment]
) -> str:
    """``before``: the copy the window showed; ``after``: the new one with ``kept`` applied;
    ``unreadable``: labels of fields whose typed text could not be read (never saved)."""
    updated = _tr(UPDATED)
    if after.is_read_only:
        text = updated + _tr(". It was submitted there and is read-only now")
        return text + (_tr("; not kept: {labels}.").format(labels=_labels(dropped))
                       if dropped else ".")
    if not dropped:
        text = updated + (_tr(" with your edits applied to it.") if kept else ".")
    else:
        text = updated + _tr(". Not kept, because what they changed is no longer in it: "
                             "{labels}.").format(labels=_labels(dropped))
        if kept:
            text += _tr(" Your other edits were applied to it.")
    # A signature covers the content it was made over: one that matched this window's copy
    # but not the new one was kept, and now reads "changed since signed".
    resign = [
        e for e in kept
        if isinstance(e, SetSignature) and e.signature is not None
        and not changed_since_signed(before, e.signature) and changed_since_signed(after, e.signature)
    ]
    if unreadable and not after.is_read_only:
        text += _tr(" Cleared, because what was typed could not be read: {labels}.").format(
            labels="; ".join(dict.fromkeys(unreadable)))
    if resign:
        text += _tr(" Kept, but signed before the changes from the other computer, so to be "
                    "signed again: {labels}.").format(labels=_labels(resign))
    return text


def deleted_notice(dropped: list[Edit]) -> str:
    text = _tr("This application was deleted on your other computer; it is shown as it was and "
               "nothing typed here is saved")
    return text + (_tr(". Not kept: {labels}.").format(labels=_labels(dropped))
                   if dropped else ".")
