"""The reading-only report: judges the parser's conditions against a rule over a generated book."""

from datetime import date

import pytest

from search.understanding import parse_query
from search.understanding.shorthand import write_out
from search.understanding_report import generated_rows, score_reading

TODAY = date(2026, 11, 26)


@pytest.fixture(scope="module")
def rows():
    return generated_rows(2000, seed=7, today=TODAY)


def read(query):
    return parse_query(query, today=TODAY)


def test_a_right_reading_scores_one(rows):
    entry = {"id": "x", "query": "retired customers in Florida",
             "relevant": {"all": [{"field": "employment_status", "op": "eq", "value": "retired"},
                                  {"field": "state", "op": "eq", "value": "FL"}]}}  # fmt: skip
    score = score_reading(entry, rows, understand=read, today=TODAY)
    assert score.relevant > 10
    assert score.precision == score.recall == score.expected_precision == 1.0


def test_a_reversed_comparison_scores_zero(rows):
    entry = {"id": "x", "query": "credit score under 600",
             "relevant": {"field": "credit_score", "op": "gt", "value": 600}}  # fmt: skip
    assert score_reading(entry, rows, understand=read, today=TODAY).expected_precision == 0.0


def test_a_reading_of_nothing_scores_zero(rows):
    entry = {"id": "x", "query": "zzz qqq", "relevant": {"field": "credit_score", "op": "gt", "value": 600}}
    score = score_reading(entry, rows, understand=read, today=TODAY)
    assert score.admitted == 0 and score.expected_precision == 0.0


@pytest.mark.parametrize(
    ("typed", "written"),
    [
        ("25-35 yr olds w/ an auto loan", "25-35 year olds with an auto loan"),
        ("w/o a mtg, 20+ yrs w/ the bank", "without a mortgage, 20+ years with the bank"),
        ("dont have a CD", "don't have a CD"),
        ("MO customers", "MO customers"),
        ("customers who don\u2019t have a CD", "customers who don't have a CD"),
    ],
)
def test_shorthand_is_written_out_before_reading(typed, written):
    assert write_out(typed) == written


def test_shorthand_reads_like_the_words(rows):
    assert {c.key for c in read("clients w/ a mtg and 20+ yrs w/ the bank").conditions} == {
        c.key for c in read("clients with a mortgage and 20+ years with the bank").conditions
    }
