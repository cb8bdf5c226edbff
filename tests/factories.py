from datetime import date
from decimal import Decimal

import factory

from customers import services
from customers.models import Customer


class CustomerFactory(factory.Factory):
    """Builds a valid customer and saves it the way the app does (profile text, embedding status)."""

    class Meta:
        model = Customer

    external_id = factory.Sequence(lambda n: f"TEST-{n:05d}")
    first_name = "Dana"
    last_name = factory.Sequence(lambda n: f"Tester{n}")
    email = factory.LazyAttribute(lambda c: f"{c.last_name.lower()}@example.com")
    phone = "(512) 555-0142"
    date_of_birth = date(1980, 5, 17)
    city = "Austin"
    state = "TX"
    occupation = "Accountant"
    employment_status = "employed"
    annual_income = Decimal("85000")
    investable_assets = Decimal("120000")
    credit_score = 720
    risk_tolerance = "moderate"
    dependents = 0
    customer_since = date(2012, 3, 1)
    preferred_channel = "mobile"
    products = factory.LazyFunction(lambda: ["checking", "savings"])
    interests = factory.LazyFunction(lambda: ["saving"])
    notes = ""
    relationship_manager = None
    last_contact_date = None

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        return services.customer_save(customer=model_class(*args, **kwargs))


def years_ago(years: int, today: date | None = None) -> date:
    today = today or date.today()
    return today.replace(year=today.year - years, day=min(today.day, 28))
