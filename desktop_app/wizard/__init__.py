"""The application wizard's flow, without Qt."""

from desktop_app.wizard.flow import NavigationError, WizardFlow
from desktop_app.wizard.steps import BY_ID, BY_NUMBER, STEPS, Step, StepId

__all__ = ["BY_ID", "BY_NUMBER", "STEPS", "NavigationError", "Step", "StepId", "WizardFlow"]
