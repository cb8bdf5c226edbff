"""Conditions as database filters (search/conditions.py), checked against rows in PostgreSQL."""

import pytest

from customers.models import Customer
from search.conditions import condition_q
from tests.factories import CustomerFactory

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
