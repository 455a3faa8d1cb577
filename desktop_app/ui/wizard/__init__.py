"""The application wizard's Qt layer: a page per step over the Qt-free ``desktop_app.wizard``
flow, autosaving every edit on the database worker."""

from desktop_app.ui.wizard.window import WizardWindow

__all__ = ["WizardWindow"]
