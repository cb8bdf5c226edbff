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
    relationship_manager = factory.LazyFunction(lambda: default_manager())
    last_contact_date = None

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        return services.customer_save(customer=model_class(*args, **kwargs))


def default_manager():
    """The test RM (the ``user`` fixture): factory customers are in their book unless told otherwise."""
    from django.contrib.auth import get_user_model

    return get_user_model().objects.get_or_create(username="rm_test")[0]


def user_in_role(username: str, group: str, **extra):
    """A user with a password, in one of the role groups of ``customers.access``."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    user, _ = get_user_model().objects.get_or_create(username=username, defaults=extra)
    user.set_password("x-Strong-Pass-42")
    user.save()
    user.groups.add(Group.objects.get(name=group))
    return user


def years_ago(years: int, today: date | None = None) -> date:
    today = today or date.today()
    return today.replace(year=today.year - years, day=min(today.day, 28))
