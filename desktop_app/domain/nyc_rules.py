"""NYC rules (docs/architecture.md, "Domain and NYC rules"): the application-fee cap and its
waiver, the broker-fee rule, and income qualification.

Income multiples (40× rent for applicants, 80× for guarantors) are a convention, not law, so
they are a per-building setting (``BuildingProfile``). Under lawful-source-of-income practice
a multiple applies only to the part of the rent the household pays (the tenant share): a
rental subsidy (the ``housing_voucher`` income entries) lowers the rent the multiple applies
to, while other benefits (SSI, SSDI, public assistance) count as income."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal, InvalidOperation, Overflow, localcontext

from pydantic import BaseModel, Field

from desktop_app.domain.fields import in_bounds
from desktop_app.domain.models import Application, BrokerEngagement, IncomeSource, Person
from desktop_app.i18n import _

#: NY Real Property Law §238-a: at most $20 for a background and credit check.
MAX_APPLICATION_FEE = Decimal("20")
#: The fee is waived when the applicant brings a report no older than this.
REPORT_MAX_AGE = timedelta(days=30)


def fee_errors(fee: Decimal | None, waived: bool, report_date: date | None, today: date) -> dict[str, str]:
    """Errors keyed by the ``application_info`` field they belong to."""
    errors: dict[str, str] = {}
    if fee is not None and fee > MAX_APPLICATION_FEE:
        errors["application_fee"] = (
            _("NYC caps the application fee at ${cap} (Real Property Law §238-a)").format(
                cap=MAX_APPLICATION_FEE
            )
        )
    if waived:
        if fee not in (None, Decimal(0)):
            errors["application_fee"] = (
                _("The fee is waived: the applicant brought a recent report, so charge $0")
            )
        if report_date is None:
            errors["report_date"] = _("Enter the date of the applicant's background/credit report")
        elif report_date > today:
            errors["report_date"] = _("The report date is in the future")
        elif today - report_date > REPORT_MAX_AGE:
            errors["report_date"] = (
                _("The report is older than 30 days, so the fee cannot be waived")
            )
    return errors


def broker_fee_errors(fee: Decimal | None, engaged_by: BrokerEngagement) -> dict[str, str]:
    """Errors keyed by the ``application_info`` field they belong to. Since 2025-06-11 (the
    FARE Act) a tenant in NYC does not pay the fee of a broker the landlord engaged."""
    if fee is None or not fee > 0:
        return {}
    if engaged_by is BrokerEngagement.LANDLORD:
        return {"broker_fee": _(
            "The landlord engaged the broker, so the applicant cannot be charged the broker's "
            "fee (NYC FARE Act)"
        )}
    if engaged_by is BrokerEngagement.NONE:
        return {"broker_engaged_by": _("Say who engaged the broker before charging a broker fee")}
    return {}


class BuildingProfile(BaseModel):
    """A building's local settings: address and income multiples."""

    name: str = ""
    address: str
    applicant_multiple: Decimal = Field(default=Decimal(40), gt=0)
    guarantor_multiple: Decimal = Field(default=Decimal(80), gt=0)


DEFAULT_PROFILE = BuildingProfile(name="Default", address="")


@dataclass(frozen=True)
class Qualification:
    monthly_rent: Decimal
    monthly_subsidy: Decimal  # the household's housing vouchers, per month
    tenant_share: Decimal  # the rent less the subsidy, never below 0: what the multiple applies to
    household_income: Decimal  # per year, applicants and co-applicants, every source but the subsidy
    required_income: Decimal  # the applicant multiple × the tenant share
    shortfall: Decimal  # 0 when the household qualifies
    guarantor_required_income: Decimal
    qualifying_guarantors: tuple[str, ...]  # ids of guarantors who meet their multiple

    @property
    def household_qualifies(self) -> bool:
        return self.shortfall == 0

    @property
    def qualifies(self) -> bool:
        return self.household_qualifies or bool(self.qualifying_guarantors)


def qualify(app: Application, profile: BuildingProfile = DEFAULT_PROFILE) -> Qualification:
    """Never raises: amounts out of bounds (flagged at their fields by validation) count as 0,
    and the arithmetic runs in a context that gives Infinity rather than raising."""
    with localcontext() as ctx:
        ctx.prec = 40
        ctx.traps[Overflow] = ctx.traps[InvalidOperation] = False
        return _qualify(app, profile)


def monthly_subsidy(person: Person) -> Decimal:
    """What ``person``'s housing vouchers pay toward the rent each month (amounts out of
    bounds count as 0)."""
    return sum(
        (in_bounds(i.monthly_amount) for i in person.other_income if i.source is IncomeSource.HOUSING_VOUCHER),
        Decimal(0),
    )


def income_besides_subsidy(person: Person) -> Decimal:
    """``person``'s yearly income from every source but housing vouchers."""
    return person.yearly_income() - monthly_subsidy(person) * 12


def _qualify(app: Application, profile: BuildingProfile) -> Qualification:
    rent = in_bounds(app.application_info.monthly_rent)
    applicants: list[Person] = [app.primary_applicant, *app.co_applicants]
    subsidy = sum((monthly_subsidy(p) for p in applicants), Decimal(0))
    share = max(Decimal(0), rent - subsidy)
    income = sum((income_besides_subsidy(p) for p in applicants), Decimal(0))
    required = share * profile.applicant_multiple
    g_required = share * profile.guarantor_multiple
    good = tuple(
        g.id for g in app.guarantors if share > 0 and income_besides_subsidy(g) >= g_required
    )
    return Qualification(
        monthly_rent=rent,
        monthly_subsidy=subsidy,
        tenant_share=share,
        household_income=income,
        required_income=required,
        shortfall=max(Decimal(0), required - income),
        guarantor_required_income=g_required,
        qualifying_guarantors=good,
    )
