"""What the agent is told when the sync engine replaced the copy an open wizard showed (a pull
or merge from their other computer): exactly which of their edits were applied to the new copy
and which were not — by step and field label, never by value — so it never claims more than
happened."""

from __future__ import annotations

from desktop_app.domain.models import Application
from desktop_app.domain.signing import changed_since_signed
from desktop_app.ui.wizard.edits import Edit, SetSignature

UPDATED = "This application was updated from your other computer; the latest version is shown"


def _labels(edits: list[Edit]) -> str:
    return "; ".join(dict.fromkeys(e.label for e in edits))


def replay_notice(
    before: Application, after: Application, kept: list[Edit], dropped: list[Edit],
    unreadable: list[str] = (),  # type: ignore[assignment]
) -> str:
    """``before``: the copy the window showed; ``after``: the new one with ``kept`` applied;
    ``unreadable``: labels of fields whose typed text could not be read (never saved)."""
    if after.is_read_only:
        text = UPDATED + ". It was submitted there and is read-only now"
        return text + (f"; not kept: {_labels(dropped)}." if dropped else ".")
    if not dropped:
        text = UPDATED + (" with your edits applied to it." if kept else ".")
    else:
        text = UPDATED + f". Not kept, because what they changed is no longer in it: {_labels(dropped)}."
        if kept:
            text += " Your other edits were applied to it."
    # A signature covers the content it was made over: one that matched this window's copy
    # but not the new one was kept, and now reads "changed since signed".
    resign = [
        e for e in kept
        if isinstance(e, SetSignature) and e.signature is not None
        and not changed_since_signed(before, e.signature) and changed_since_signed(after, e.signature)
    ]
    if unreadable and not after.is_read_only:
        text += (" Cleared, because what was typed could not be read: "
                 f"{'; '.join(dict.fromkeys(unreadable))}.")
    if resign:
        text += (f" Kept, but signed before the changes from the other computer, so to be "
                 f"signed again: {_labels(resign)}.")
    return text


def deleted_notice(dropped: list[Edit]) -> str:
    text = ("This application was deleted on your other computer; it is shown as it was and "
            "nothing typed here is saved")
    return text + (f". Not kept: {_labels(dropped)}." if dropped else ".")
