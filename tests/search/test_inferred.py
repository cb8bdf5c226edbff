"""Conditions inferred by meaning from words the parser does not read, as the RM sees them."""

import pytest
from django.test import override_settings

from search.selectors import interpret

pytestmark = pytest.mark.django_db

UNREAD = "customers who are out of a job"  # no reader reads "out of a job"; the meaning match does


def _employment(parsed):
    return [c for c in parsed.conditions if c.concept == "employment_status"]


def test_words_no_reader_reads_become_an_inferred_condition_with_their_phrase():
    [condition] = _employment(interpret(UNREAD))
    assert (condition.value, condition.inferred, condition.source_phrase) == (
        "unemployed",
        True,
        "out of a job",
    )


def test_a_stated_condition_on_the_same_concept_beats_an_inferred_one():
    for question in ("retired customers who are out of a job", "out of a job, retirees"):
        [condition] = _employment(interpret(question))
        assert (condition.value, condition.inferred) == (["retired"], False)


def test_an_explicit_filter_wins_over_an_inferred_condition():
    assert _employment(interpret(UNREAD, filters={"employment_status": ["student"]})) == []


def test_the_setting_switches_the_meaning_match_off():
    with override_settings(SEARCH_MEANING_MATCH=False):
        parsed = interpret(UNREAD)
    assert _employment(parsed) == [] and parsed.by_meaning_alone


def test_an_inferred_chip_shows_on_the_page_and_can_be_removed(client, user, book):
    client.force_login(user)
    html = client.get("/search/", {"q": UNREAD}).content.decode()
    assert 'class="chip inferred"' in html and "from “out of a job”" in html
    key = "employment_status.eq.unemployed"
    assert f'data-key="{key}"' in html
    html = client.get("/search/", {"q": UNREAD, "ignore": key}).content.decode()
    assert "chip inferred" not in html and "Restore all conditions" in html


def test_the_api_shows_an_inferred_condition_with_its_phrase_and_honours_ignore(api_client, book):
    body = api_client.post("/api/v1/search/", {"query": UNREAD}, format="json").json()
    [inferred] = [f for f in body["interpretation"]["filters"] if f.get("inferred")]
    assert (
        inferred["source_phrase"] == "out of a job" and inferred["key"] == "employment_status.eq.unemployed"
    )
    assert body["interpretation"]["by_meaning_alone"] is False
    body = api_client.post(
        "/api/v1/search/", {"query": UNREAD, "ignore": [inferred["key"]]}, format="json"
    ).json()
    assert not any(f.get("inferred") for f in body["interpretation"]["filters"])


@pytest.mark.parametrize("question", ["purple elephants dancing", "zxqv blorf"])
def test_a_question_of_only_unknown_words_says_it_is_searched_by_meaning_alone(
    api_client, client, user, book, question
):
    response = api_client.post("/api/v1/search/", {"query": question}, format="json")
    assert response.status_code == 200
    interpretation = response.json()["interpretation"]
    assert interpretation["filters"] == [] and interpretation["by_meaning_alone"] is True
    assert any("by meaning alone" in note for note in interpretation["notes"])
    client.force_login(user)
    assert "ranked by meaning alone" in client.get("/search/", {"q": question}).content.decode()


def test_a_question_read_by_the_parser_is_not_by_meaning_alone():
    parsed = interpret("retired customers in Florida")
    assert not parsed.by_meaning_alone and parsed.notes == ()


@pytest.mark.parametrize(
    "question",
    ["affluent retired clients who want to set up a trust for their heirs", "retirees looking to get going"],
)
def test_light_verbs_left_around_what_was_read_infer_nothing(question):
    assert not any(c.inferred for c in (*interpret(question).conditions, *interpret(question).signals))
