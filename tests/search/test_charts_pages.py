"""The search page's match count, charts and pages, and the "My book" page, per role."""

import re
from datetime import date, timedelta

import pytest
from django.core.cache import cache

from customers.models import Team
from tests.factories import CustomerFactory, user_in_role

pytestmark = pytest.mark.django_db


BAR = re.compile(r'data-label="([^"]+)" data-count="(\d+)"')


def _bars(html: str) -> dict[str, int]:
    return {label: int(count) for label, count in BAR.findall(html)}


def _no_inline_code(html: str) -> None:
    assert " style=" not in html and "<style" not in html
    assert not re.findall(r"<script(?![^>]*\bsrc=)[^>]*>", html)  # scripts come from files only


def test_the_page_says_how_many_match_and_how_they_split(client, user, book):
    client.force_login(user)
    html = client.get("/search/", {"q": "customers with a credit score over 700"}).content.decode()
    # The retiree (790), the owner (705) and the investor (780): the parent's 700 is not over 700.
    assert "<strong>3</strong> matches; the best 3 first." in html
    bars = _bars(html)
    assert bars["High net worth"] == 1 and bars["Mass affluent"] == 2 and bars["Affluent"] == 0
    assert bars["Checking account"] == 3 and bars["Brokerage account"] == 1
    assert (bars["30 to 44"], bars["60 to 74"], bars["75 and over"]) == (2, 1, 0)
    assert 'class="fill w-67"' in html  # two of three: the bar's width is a class
    _no_inline_code(html)


def names(html: str) -> list[str]:
    return re.findall(r'<td><a href="/customers/(\d+)/">', html)


def test_the_page_pages_through_more_than_the_first_results(client, user, book):
    client.force_login(user)
    first = client.get("/search/", {"q": "customers interested in anything", "limit": 2}).content.decode()
    assert "<strong>5</strong> matches; the best 2 first." in first
    assert 'href="?q=customers+interested+in+anything&amp;limit=2&amp;page=2" rel="next"' in first
    second = client.get(
        "/search/", {"q": "customers interested in anything", "limit": 2, "page": 2}
    ).content.decode()
    assert "3 to 4 of the best 5" in second and 'rel="prev"' in second
    third = client.get(
        "/search/", {"q": "customers interested in anything", "limit": 2, "page": 3}
    ).content.decode()
    assert "5 to 5 of the best 5" in third and 'rel="next"' not in third

    past_the_end = client.get(
        "/search/", {"q": "customers interested in anything", "limit": 2, "page": 9}
    ).content.decode()
    assert names(past_the_end) == names(third)
    seen = names(first) + names(second) + names(third)
    assert sorted(seen) == sorted(str(c.pk) for c in book.values())


def test_a_bad_page_number_is_shown_not_answered(client, user, book):
    client.force_login(user)
    html = client.get("/search/", {"q": "retirees", "page": "0"}).content.decode()
    assert "page: Ensure this value is greater than or equal to 1." in html


def test_a_book_without_suggestions_shows_the_sample_questions(client, db):
    cache.clear()
    client.force_login(user_in_role("rm_empty", "Relationship managers"))
    html = client.get("/search/").content.decode()
    assert 'class="sample"' in html and "Young professionals with good credit scores" in html


@pytest.fixture
def two_books(db):
    cache.clear()
    alice = user_in_role("rm_alice", "Relationship managers")
    bob = user_in_role("rm_bob", "Relationship managers")
    long_ago = date.today() - timedelta(days=200)
    for assets in (50_000, 150_000, 2_000_000):
        CustomerFactory(
            relationship_manager=alice,
            investable_assets=assets,
            products=["checking", "brokerage"],
            interests=["investing", "travel"],
            last_contact_date=long_ago,
        )
    for _ in range(2):
        CustomerFactory(relationship_manager=bob, products=["checking"], last_contact_date=date.today())
    lead = user_in_role("lead_carol", "Team leads")
    team = Team.objects.create(name="Books")
    team.members.add(alice, bob)
    team.leads.add(lead)
    return {"alice": alice, "bob": bob, "lead": lead}


def test_my_book_shows_each_rm_their_own_book_against_the_bank(client, two_books):
    client.force_login(two_books["alice"])
    html = client.get("/book/").content.decode()
    assert 'href="/book/">My book</a>' in html
    assert "<small>3 customers</small>" in html
    bars = _bars(html)
    assert (bars["Mass market"], bars["Mass affluent"], bars["High net worth"]) == (1, 1, 1)
    assert bars["Investing"] == 3 and bars["Travel"] == 3
    # Every one of Alice's customers has brokerage, against 3 in 5 across the bank.
    assert "100% / 60%" in html
    assert "<strong>3</strong> customers not contacted in 90 days" in html
    assert "q=customers+not+contacted+in+the+last+90+days" in html
    assert 'id="lead-lists"' in html
    _no_inline_code(html)

    client.force_login(two_books["bob"])
    html = client.get("/book/").content.decode()
    assert "<small>2 customers</small>" in html and "<strong>0</strong> customers not contacted" in html
    assert "0% / 60%" in html

    client.force_login(two_books["lead"])
    assert "<small>5 customers</small>" in client.get("/book/").content.decode()


def test_my_book_needs_a_login(client):
    response = client.get("/book/")
    assert response.status_code == 302 and "/login/" in response["Location"]
