import pytest

from customers.selectors import InvalidFilters
from search.selectors import NotEmbedded, search_customers, similar_customers
from tests.factories import CustomerFactory

pytestmark = pytest.mark.django_db


def top(user, query, **kwargs):
    return [r.customer for r in search_customers(user=user, query=query, **kwargs).results]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("retirees thinking about leaving money to their grandchildren and charity", "retiree"),
        ("students who want to build their credit", "student"),
        ("entrepreneurs expanding their shop who might need a business loan", "owner"),
        ("people interested in environmentally responsible investing", "investor"),
        ("parents saving for their children's college", "parent"),
    ],
)
def test_the_semantically_right_customer_comes_first(user, book, query, expected):
    assert top(user, query, limit=3)[0] == book[expected]


def test_scores_fall_down_the_list_and_similarities_are_cosines(user, book):
    results = search_customers(user=user, query="saving for college tuition", limit=5).results
    scores = [r.score for r in results]
    assert scores == sorted(scores, reverse=True)
    assert all(-1 <= r.similarity <= 1 for r in results if r.similarity is not None)
    assert len(results) == 5


def test_filters_hold_for_every_result(user, book):
    results = top(user, "anyone", filters={"credit_score_min": ["750"]}, limit=10)
    assert set(results) == {book["retiree"], book["investor"]}

    results = top(user, "anyone", filters={"state": ["TX", "CA"], "age_max": ["30"]}, limit=10)
    assert results == [book["student"]]

    results = top(user, "anyone", filters={"products_not_held": ["mortgage", "brokerage"]}, limit=10)
    assert book["parent"] not in results and book["investor"] not in results
    assert len(results) == 3

    results = top(user, "anyone", filters={"interests": ["investing", "estate_planning"]}, limit=10)
    assert set(results) == {book["retiree"], book["investor"]}

    results = top(user, "anyone", filters={"segment": ["high_net_worth"], "employment_status": ["retired"]})
    assert results == [book["retiree"]]


def test_a_selective_filter_still_returns_every_match(user, book):
    extra = [CustomerFactory(state="NV", notes=f"Customer number {i}") for i in range(12)]
    from customers import services

    services.embed_customers(customer_ids=[c.pk for c in extra])
    assert len(top(user, "retirement", filters={"state": ["NV"]}, limit=100)) == 12


def test_unknown_filters_and_bad_values_name_the_filter(user, book):
    with pytest.raises(InvalidFilters) as error:
        search_customers(user=user, query="x", filters={"credit_scor_min": ["700"], "state": ["Texas"]})
    assert set(error.value.errors) == {"credit_scor_min", "state"}


def test_similar_customers_exclude_the_customer_itself(user, book):
    results = similar_customers(user=user, customer=book["investor"], limit=4)
    assert book["investor"] not in [r.customer for r in results]
    assert len(results) == 4


def test_similar_needs_an_embedding(user, db):
    with pytest.raises(NotEmbedded):
        similar_customers(user=user, customer=CustomerFactory(), limit=3)


def test_a_filter_that_can_match_nothing_gives_no_results_not_an_error(user, book):
    """An empty filter (a list of nothing to match) has no plan to read: the answer is simply none."""
    from django.db.models import Q

    from customers.embeddings import encode_query
    from customers.models import Customer
    from search.ranking import nearest_ids

    nothing = Customer.objects.filter(Q(pk__in=[]))
    assert nearest_ids(nothing, encode_query("saving for college"), 10) == []
    assert search_customers(user=user, query="college", filters={"state": []}).results is not None
