"""What the bank offers whom: the interest-to-products table and the eligibility rules of
``shared/spec/domain.md``, in one place that suggestions and next-best products both read.

Each rule exists twice, as a Python check on a loaded customer and as a database filter, so that a
count in SQL and an offer on one customer can never disagree.
"""

from datetime import date
from decimal import Decimal

from django.db.models import Q

from customers.choices import EmploymentStatus as ES
from customers.choices import Interest as IT
from customers.choices import Product as P
from customers.filters import birth_date_bounds
from customers.models import Customer

INTEREST_PRODUCTS: dict[str, tuple[str, ...]] = {
    IT.RETIREMENT_PLANNING: (P.RETIREMENT_IRA, P.WEALTH_MANAGEMENT),
    IT.INVESTING: (P.BROKERAGE, P.WEALTH_MANAGEMENT),
    IT.WEALTH_MANAGEMENT: (P.WEALTH_MANAGEMENT,),
    IT.HOME_BUYING: (P.MORTGAGE,),
    IT.EDUCATION_SAVINGS: (P.SAVINGS, P.BROKERAGE),
    IT.TRAVEL: (P.PREMIUM_CREDIT_CARD,),
    IT.SMALL_BUSINESS: (P.BUSINESS_CHECKING, P.BUSINESS_LOAN),
    IT.DEBT_CONSOLIDATION: (P.PERSONAL_LOAN, P.HOME_EQUITY_LINE),
    IT.INSURANCE: (P.LIFE_INSURANCE,),
    IT.ESTATE_PLANNING: (P.WEALTH_MANAGEMENT, P.LIFE_INSURANCE),
    IT.TAX_PLANNING: (P.RETIREMENT_IRA, P.WEALTH_MANAGEMENT),
    IT.CREDIT_BUILDING: (P.CREDIT_CARD,),
    IT.SAVING: (P.SAVINGS, P.MONEY_MARKET, P.CERTIFICATE_OF_DEPOSIT),
    IT.PHILANTHROPY: (P.WEALTH_MANAGEMENT,),
    IT.REAL_ESTATE_INVESTING: (P.MORTGAGE, P.HOME_EQUITY_LINE),
    IT.SUSTAINABLE_INVESTING: (P.BROKERAGE, P.WEALTH_MANAGEMENT),
}
INTEREST_PRODUCTS = {str(k): tuple(str(p) for p in v) for k, v in INTEREST_PRODUCTS.items()}

# Everyone has or is offered these at the counter: never a suggestion.
NEVER_SUGGESTED = frozenset({P.CHECKING.value, P.SAVINGS.value})

BUSINESS = (ES.SELF_EMPLOYED.value, ES.BUSINESS_OWNER.value)
LIFE_INSURANCE_MAX_AGE = 75


def _credit(minimum: int) -> Q:
    return Q(credit_score__gte=minimum)


def eligibility_q(product: str, *, today: date | None = None) -> Q:
    """The customers who meet ``product``'s least requirements (not counting holding it)."""
    if product == P.LIFE_INSURANCE:
        earliest, _ = birth_date_bounds(min_age=None, max_age=LIFE_INSURANCE_MAX_AGE, today=today)
        return Q(date_of_birth__gte=earliest)
    return {
        P.CREDIT_CARD: _credit(580),
        P.PREMIUM_CREDIT_CARD: _credit(700) & Q(annual_income__gte=75_000),
        P.PERSONAL_LOAN: _credit(640),
        P.AUTO_LOAN: _credit(600),
        P.MORTGAGE: _credit(620),
        P.HOME_EQUITY_LINE: Q(products__contains=[P.MORTGAGE.value]) & _credit(680),
        P.BUSINESS_CHECKING: Q(employment_status__in=BUSINESS),
        P.BUSINESS_LOAN: Q(employment_status__in=BUSINESS) & _credit(680),
        P.WEALTH_MANAGEMENT: Q(investable_assets__gte=250_000),
        P.RETIREMENT_IRA: Q(annual_income__gt=0) | Q(employment_status=ES.RETIRED.value),
    }.get(product, Q())


def is_eligible(customer: Customer, product: str) -> bool:
    """Whether ``product`` may be offered to ``customer``: never one held, never checking or
    savings, and only where the bank's least requirements are met."""
    if product in NEVER_SUGGESTED or product in customer.products:
        return False
    credit, income = customer.credit_score, Decimal(customer.annual_income)
    rules = {
        P.CREDIT_CARD: credit >= 580,
        P.PREMIUM_CREDIT_CARD: credit >= 700 and income >= 75_000,
        P.PERSONAL_LOAN: credit >= 640,
        P.AUTO_LOAN: credit >= 600,
        P.MORTGAGE: credit >= 620,
        P.HOME_EQUITY_LINE: P.MORTGAGE.value in customer.products and credit >= 680,
        P.BUSINESS_CHECKING: customer.employment_status in BUSINESS,
        P.BUSINESS_LOAN: customer.employment_status in BUSINESS and credit >= 680,
        P.WEALTH_MANAGEMENT: Decimal(customer.investable_assets) >= 250_000,
        P.RETIREMENT_IRA: income > 0 or customer.employment_status == ES.RETIRED,
        P.LIFE_INSURANCE: customer.age <= LIFE_INSURANCE_MAX_AGE,
    }
    return rules.get(product, True)
