"""Conditions (search/conditions.py) as database filters, checked against rows in PostgreSQL, and
their round trips through filter parameters."""

from datetime import date
from decimal import Decimal

import pytest
from django.http import QueryDict
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from customers.fields import ATTRIBUTES, NUMERIC, Kind
from customers.filters import CustomerFilter
from customers.models import Customer
from search.conditions import Condition, InvalidRule, Op, condition_q, from_filter_params, to_filter_params
from tests.factories import CustomerFactory, years_ago

pytestmark = pytest.mark.django_db


def test_an_occupation_matches_any_of_the_words_anywhere_in_it_whatever_the_case():
    dentist = CustomerFactory(occupation="Dentist")
    pediatric = CustomerFactory(occupation="pediatric DENTIST")
    backend = CustomerFactory(occupation="Engineer (Back-end) & Lead")
    CustomerFactory(occupation="Teacher")
    CustomerFactory(occupation="Engineering manager")

    def found(words):
        return set(Customer.objects.filter(condition_q("occupation", "icontains_any", words)))

    assert found(["dentist"]) == {dentist, pediatric}
    # Regex characters in a word are matched as themselves.
    assert found(["dentist", "engineer (back-end) &"]) == {dentist, pediatric, backend}
    assert found(["(back-end"]) == {backend}
    assert found([".*"]) == set()
    assert found([]) == set()


# ---------------------------------------------------------------------------------------------
# Round trips: a condition, as filter parameters, read back; and as an ORM filter against the
# filter set that the parameters drive.

NUMBER_OPS = [Op.GT, Op.GTE, Op.LT, Op.LTE, Op.EQ, Op.BETWEEN]


def _values(attribute):
    lo, hi = attribute.bounds
    if attribute.kind == Kind.MONEY:  # cents, up to ten million dollars
        return st.integers(min_value=0, max_value=1_000_000_000).map(lambda c: Decimal(c) / 100)
    return st.integers(min_value=int(lo), max_value=int(hi))


@st.composite
def number_conditions(draw):
    attribute = draw(st.sampled_from(NUMERIC))
    op = draw(st.sampled_from(NUMBER_OPS))
    values = _values(attribute)
    value = sorted([draw(values), draw(values)]) if op == Op.BETWEEN else draw(values)
    if attribute.kind == Kind.MONEY:
        # Exclusive bounds on the edges of what a customer can have have no filter twin.
        value = value if op == Op.BETWEEN else max(value, Decimal("0.01"))
    return Condition(attribute.name, op, value, "x"), attribute


def admits(condition: Condition, value) -> bool:
    """A plain Python reading of a number condition, to compare two conditions by what they admit."""
    v, op = condition.value, condition.op
    if op == Op.BETWEEN:
        return Decimal(str(v[0])) <= value <= Decimal(str(v[1]))
    v = Decimal(str(v))
    return {"gt": value > v, "gte": value >= v, "lt": value < v, "lte": value <= v, "eq": value == v}[op]


@settings(max_examples=300, deadline=None)
@given(number_conditions(), st.data())
def test_a_number_condition_as_filter_parameters_and_back_admits_the_same_values(drawn, data):
    condition, attribute = drawn
    params = to_filter_params(condition)
    lo, hi = attribute.bounds
    if params is None:  # only a condition no customer can meet has no filter twin
        assert not any(
            admits(condition, v) for v in (Decimal(lo), Decimal(str(condition.value)), Decimal(hi))
        )
        return
    (back,) = from_filter_params(params)
    assert back.field == condition.field
    for _ in range(20):
        value = Decimal(str(data.draw(_values(attribute))))
        assert admits(back, value) == admits(condition, value), (condition, params, back, value)
    edge = Decimal(str(condition.value[0] if condition.op == Op.BETWEEN else condition.value))
    for value in (edge - attribute.step, edge, edge + attribute.step):
        assert admits(back, value) == admits(condition, value), (condition, params, back, value)


CODE_ATTRIBUTES = [a for a in ATTRIBUTES.values() if a.kind == Kind.CODE]


@st.composite
def code_conditions(draw):
    attribute = draw(st.sampled_from([*CODE_ATTRIBUTES, ATTRIBUTES["products"], ATTRIBUTES["interests"]]))
    codes = draw(st.lists(st.sampled_from(attribute.codes), min_size=1, max_size=4, unique=True))
    if attribute.kind == Kind.CODE:
        return Condition(attribute.name, Op.IN, codes, "x")
    if attribute.name == "interests":
        return Condition("interests", Op.CONTAINS_ANY, codes, "x")
    op = draw(st.sampled_from([Op.CONTAINS, Op.CONTAINS_ALL, Op.NOT_CONTAINS_ANY]))
    if op == Op.CONTAINS or (op == Op.CONTAINS_ALL and len(codes) == 1):
        return Condition("products", Op.CONTAINS, codes[0], "x")
    return Condition("products", op, codes, "x")


@settings(max_examples=300, deadline=None)
@given(code_conditions())
def test_a_code_condition_as_filter_parameters_and_back_is_the_same_condition(condition):
    (back,) = from_filter_params(to_filter_params(condition))
    assert (back.field, back.op, back.value) == (condition.field, condition.op, condition.value)


@settings(max_examples=200, deadline=None)
@given(st.one_of(number_conditions().map(lambda drawn: drawn[0]), code_conditions()))
def test_filter_parameters_read_as_conditions_give_the_same_parameters(condition):
    params = to_filter_params(condition)
    if params is None:
        return
    assert to_filter_params(from_filter_params(params)[0]) == params


def test_parameters_that_are_not_numbers_are_refused():
    with pytest.raises(InvalidRule):
        from_filter_params({"credit_score_min": ["lots"]})


@pytest.fixture
def varied_book(db):
    """Customers on and around the edges the generated conditions test."""
    people = []
    for i, (score, income, age, years, kids) in enumerate(
        [(300, 0, 18, 0, 0), (579, 39_999.99, 35, 1, 1), (580, 40_000, 36, 9, 2), (700, 150_000, 55, 10, 3),
         (750, 150_000.01, 67, 20, 8), (800, 1_000_000, 90, 40, 0), (850, 2_500_000, 120, 60, 5)]
    ):  # fmt: skip
        people.append(
            CustomerFactory(
                credit_score=score,
                annual_income=income,
                investable_assets=income * 2,
                date_of_birth=years_ago(age),
                customer_since=max(years_ago(years), years_ago(age)),
                dependents=kids,
                products=[["checking"], ["mortgage", "credit_card"], ["savings", "mortgage"], []][i % 4],
                interests=[["travel"], ["investing", "saving"], []][i % 3],
                state=["TX", "FL", "CA"][i % 3],
                risk_tolerance=["conservative", "moderate", "aggressive"][i % 3],
            )
        )
    return people


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(condition=st.one_of(number_conditions().map(lambda drawn: drawn[0]), code_conditions()))
def test_a_condition_as_an_orm_filter_finds_who_its_filter_parameters_find(varied_book, condition):
    params = to_filter_params(condition)
    if params is None:
        assert not Customer.objects.filter(condition.q()).exists()
        return
    data = QueryDict(mutable=True)
    for name, values in params.items():
        data.setlist(name, [str(v) for v in values])
    filterset = CustomerFilter(data=data, queryset=Customer.objects.all())
    assert filterset.is_valid(), filterset.errors
    by_condition = set(Customer.objects.filter(condition.q(today=date.today())).values_list("pk", flat=True))
    assert by_condition == set(filterset.qs.values_list("pk", flat=True)), (condition, params)
