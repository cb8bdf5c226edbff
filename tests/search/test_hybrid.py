"""The question's conditions hold for every result; what it wishes for decides the order."""

import pytest

from search.selectors import search_customers
from tests.factories import CustomerFactory, years_ago

pytestmark = pytest.mark.django_db


def ids(outcome):
    return [r.customer.pk for r in outcome.results]


def test_hard_conditions_hold_for_every_result_and_the_named_interest_comes_first(user, book):
    outcome = search_customers(
        user=user, query="customers with credit score over 750 interested in investing"
    )
    assert ids(outcome)[0] == book["investor"].pk
    assert set(ids(outcome)) == {book["investor"].pk, book["retiree"].pk}
    assert all(r.customer.credit_score > 750 for r in outcome.results)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("retired customers in Florida", ["retiree"]),
        ("students in Texas", ["student"]),
        ("business owners without a business loan", ["owner"]),
        ("parents with three or more kids", ["parent"]),
        ("clients in their 30s earning over $150k", ["investor"]),
        ("customers holding a brokerage account", ["investor"]),
        ("high net worth clients", ["retiree"]),
    ],
)
def test_a_question_of_conditions_returns_exactly_the_customers_that_meet_them(user, book, query, expected):
    assert ids(search_customers(user=user, query=query)) == [book[name].pk for name in expected]


def test_the_customer_whose_notes_match_ranks_first_among_equals(user, book):
    extra = CustomerFactory(
        occupation="Registered Nurse",
        date_of_birth=years_ago(45),
        interests=["education_savings"],
        dependents=2,
        notes="Asked about a 529 plan for the twins.",
    )
    from customers import services

    services.embed_customers(customer_ids=[extra.pk])
    outcome = search_customers(user=user, query="parents worried about university tuition")
    assert ids(outcome)[0] == book["parent"].pk
    assert set(ids(outcome)) == {book["parent"].pk, extra.pk}


def test_each_result_says_why_it_matched(user, book):
    outcome = search_customers(user=user, query="students in Texas who want to build credit history")
    (result,) = outcome.results
    assert "students" in result.reasons
    assert "in Texas" in result.reasons
    assert "interested in credit building" in result.reasons
    assert any(reason.startswith("notes: ") and "«credit» «history»" in reason for reason in result.reasons)


def test_an_empty_result_names_the_condition_that_rules_out_most_and_what_relaxing_brings(user, book):
    outcome = search_customers(user=user, query="retirees in Texas with credit over 700")
    assert outcome.results == []
    assert outcome.emptied_by.label == "in Texas"
    assert {r.condition.label: r.count for r in outcome.relaxations} == {"in Texas": 1}


def test_when_no_single_relaxation_helps_the_first_emptying_condition_is_named(user, book):
    outcome = search_customers(user=user, query="students in Florida with excellent credit")
    assert outcome.results == [] and outcome.relaxations == []
    assert outcome.emptied_by.label == "excellent credit"  # nobody in the book has 800


def test_an_explicit_filter_wins_over_the_question(user, book):
    outcome = search_customers(user=user, query="customers in Florida", filters={"state": ["TX"]})
    assert ids(outcome) == [book["student"].pk]
    assert outcome.interpretation.conditions == ()


def test_conditions_can_be_ignored_or_the_parse_switched_off(user, book):
    question = "retired customers in Florida"
    parsed = search_customers(user=user, query=question).interpretation
    state_key = next(c.key for c in parsed.conditions if c.field == "state")
    outcome = search_customers(
        user=user, query="retired customers in Texas", ignore=[state_key.replace("FL", "TX")]
    )
    assert ids(outcome) == [book["retiree"].pk]
    outcome = search_customers(user=user, query=question, parse=False, limit=5)
    assert len(outcome.results) == 5 and outcome.interpretation.conditions == ()


@pytest.mark.django_db(transaction=True)
def test_the_keyword_list_is_found_on_another_connection_with_the_same_answer(user, book, monkeypatch):
    import threading
    import time

    from django.db import connection, transaction

    from search import ranking

    threads, backends = [], []

    def keyword_ids(*args, **kwargs):
        threads.append(threading.current_thread())
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_backend_pid()")
            backends.append(cursor.fetchone()[0])
        return original(*args, **kwargs)

    original = ranking.keyword_ids
    monkeypatch.setattr(ranking, "keyword_ids", keyword_ids)
    query = "students in Texas who want to build credit history"

    alongside = ids(search_customers(user=user, query=query))
    assert threads and threading.main_thread() not in threads
    other_backend = backends[0]
    threads.clear()
    with transaction.atomic():  # another connection could not see this transaction's rows
        inline = ids(search_customers(user=user, query=query))
    assert set(threads) == {threading.main_thread()}
    assert alongside == inline == [book["student"].pk]

    def still_connected() -> bool:
        with connection.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM pg_stat_activity WHERE pid = %s", [other_backend])
            return cursor.fetchone()[0] > 0

    deadline = time.monotonic() + 5  # the server ends a closed session's backend a moment later
    while still_connected() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not still_connected(), "the keyword thread kept its connection with CONN_MAX_AGE 0"
