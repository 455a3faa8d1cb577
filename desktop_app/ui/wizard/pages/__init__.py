"""One module per wizard step; ``PAGES`` maps each step to its page class."""

from desktop_app.ui.wizard.pages.app_info import AppInfoPage
from desktop_app.ui.wizard.pages.co_applicants import CoApplicantsPage, GuarantorsPage
from desktop_app.ui.wizard.pages.documents import DocumentsPage
from desktop_app.ui.wizard.pages.occupants import OccupantsPage
from desktop_app.ui.wizard.pages.primary import PrimaryApplicantPage
from desktop_app.ui.wizard.pages.review import ReviewPage
from desktop_app.ui.wizard.pages.signatures import SignaturesPage
from desktop_app.wizard import StepId

PAGES = {
    StepId.APPLICATION_INFO: AppInfoPage,
    StepId.PRIMARY_APPLICANT: PrimaryApplicantPage,
    StepId.OCCUPANTS: OccupantsPage,
    StepId.CO_APPLICANTS: CoApplicantsPage,
    StepId.GUARANTORS: GuarantorsPage,
    StepId.DOCUMENTS: DocumentsPage,
    StepId.SIGNATURES: SignaturesPage,
    StepId.REVIEW: ReviewPage,
}

__all__ = ["PAGES"]
