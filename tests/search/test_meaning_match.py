"""The meaning match, with the real model: words the parser's tables do not list, read by meaning."""

import pytest

from search.conditions import rule_q
from search.ground_truth import predicate
from search.meaning_lexicon import default_lexicon, plain_phrases
from search.meaning_match import (
    DEFAULT_THRESHOLD,
    LexiconEntry,
    build_matcher,
    infer_conditions,
    leftover_chunks,
)

SYNONYMS = [
    # (words an RM wrote, the concept, the one leaf they mean)
    ("out of a job", "employment_status", ("employment_status", "eq", "unemployed")),
    ("prefer the telephone", "preferred_channel", ("preferred_channel", "eq", "phone")),
    ("earning a modest wage", "annual_income", ("annual_income", "lte", 40000)),
    ("always pop into the branch", "preferred_channel", ("preferred_channel", "eq", "branch")),
]


@pytest.mark.parametrize(("words", "concept", "leaf"), SYNONYMS, ids=[s[0] for s in SYNONYMS])
def test_a_synonym_not_in_the_lexicon_is_read_as_its_concept(words, concept, leaf):
    assert words not in {entry.phrase for entry in default_lexicon()}
    payload = (dict(zip(("field", "op", "value"), leaf, strict=True)),)
    [match] = infer_conditions([words], stated_concepts=[])
    assert (match.concept, match.payload, match.phrase_in_question) == (concept, payload, words)
    assert match.score >= DEFAULT_THRESHOLD


@pytest.mark.parametrize(
    "words", ["purple elephants dancing", "the weather in spring", "quarterly report", "asap"]
)
def test_unrelated_words_infer_nothing(words):
    assert infer_conditions([words], stated_concepts=[]) == []


def test_a_stated_concept_is_never_overridden():
    assert infer_conditions(["out of a job"], stated_concepts=["employment_status"]) == []
    # age stated as a date of birth is still age
    assert infer_conditions(["senior citizens"], stated_concepts=["date_of_birth"]) == []
    [match] = infer_conditions(["out of a job", "senior citizens"], stated_concepts=["date_of_birth"])
    assert match.concept == "employment_status"


def test_words_about_a_concept_it_cannot_read_infer_nothing_else():
    """ "never contacted" is about contact recency, which needs a date: not a phone preference."""
    assert infer_conditions(["never contacted"], stated_concepts=[]) == []


def test_the_caller_brings_its_own_lexicon():
    payload = ({"field": "risk_tolerance", "op": "eq", "value": "conservative"},)
    matcher = build_matcher(
        [
            LexiconEntry("risk averse investor", "risk_tolerance", payload),
            LexiconEntry("lives in Texas", "state", ({"field": "state", "op": "eq", "value": "TX"},)),
        ],
        threshold=0.5,
    )
    [match] = matcher.infer(["afraid of losing money on investments", "blue umbrella"], stated_concepts=[])
    assert (match.lexicon_phrase, match.payload) == ("risk averse investor", payload)


def test_leftover_chunks_keep_the_rms_wording_and_break_at_what_was_read():
    filler = {"customers", "who", "us", "to", "it", "and", "in", "like"}
    chunks = leftover_chunks(
        "customers who ring us up and like to play it safe in Texas", "ring up play safe", filler
    )
    assert chunks == ["ring us up", "play it safe"]


def test_table_patterns_become_plain_phrases():
    assert plain_phrases(r"risk[- ]averse|low[- ]risk|cautious") == ["risk averse", "low risk", "cautious"]
    assert plain_phrases(r"mortgages?|home loans?") == ["mortgage", "home loan"]
    assert plain_phrases(r"donat\w+") == []  # a cut-off stem is not a phrase


def test_every_default_payload_is_a_valid_rule():
    for entry in default_lexicon():
        for leaf in entry.payload:
            rule_q(leaf)
            predicate(leaf)


@pytest.mark.django_db
def test_the_report_tallies_inferences_and_scores_with_them(book, tmp_path):
    import json
    from io import StringIO

    from django.core.management import call_command

    from tests.factories import CustomerFactory

    CustomerFactory(employment_status="unemployed", occupation="Between jobs", annual_income=0)
    path = tmp_path / "q.json"
    rule = {"field": "employment_status", "op": "eq", "value": "unemployed"}
    path.write_text(json.dumps([{"id": "u", "query": "clients who are out of a job", "relevant": rule}]))
    out = StringIO()
    call_command(
        "meaning_match_report",
        str(path),
        "--thresholds",
        "0.55,0.99",
        "--repeats",
        "1",
        "--score",
        stdout=out,
    )
    lines = out.getvalue().splitlines()
    assert "     0.55      1      0      1  <- default" in lines
    assert "     0.99      0      0      0" in lines
    assert any("with inference: precision@10" in line for line in lines)


def test_odd_input_is_answered_not_raised():
    huge = "lorem ipsum dolor " * 6000  # about 100 KB
    chunks = leftover_chunks(huge + "\x00\x1f", huge, filler=())
    assert infer_conditions(chunks, stated_concepts=[]) == []
    assert isinstance(
        infer_conditions(["顧客 リスク 回避", "клиенты без детей", "", "   "], stated_concepts=[]), list
    )
    assert infer_conditions([], stated_concepts=[]) == []


def test_a_lexicon_phrase_means_the_same_whatever_lines_stand_beside_it():
    payload = ({"field": "risk_tolerance", "op": "eq", "value": "conservative"},)
    shared = LexiconEntry("risk averse investor", "risk_tolerance", payload)
    others = [
        LexiconEntry(f"a much longer phrase about something else, number {n}", "state", ()) for n in range(20)
    ]
    alone = build_matcher([shared], threshold=0.5)
    beside = build_matcher([shared, *others], threshold=0.5)
    assert (alone.matrix()[0] == beside.matrix()[0]).all()


def test_a_chunk_means_the_same_whatever_chunks_stand_beside_it():
    payload = ({"field": "risk_tolerance", "op": "eq", "value": "conservative"},)
    alone = build_matcher([LexiconEntry("risk averse investor", "risk_tolerance", payload)], threshold=0.5)
    beside = build_matcher([LexiconEntry("risk averse investor", "risk_tolerance", payload)], threshold=0.5)
    long_chunk = "a much longer run of words about golf, boats, grandchildren and the weather in spring"
    assert (
        alone.chunk_vectors(["plays it safe"])[0] == beside.chunk_vectors([long_chunk, "plays it safe"])[1]
    ).all()
