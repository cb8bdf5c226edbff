import re
from datetime import date, timedelta

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from customers import services
from customers.access import issue_service_token, revoke_service_token
from search.models import DailyFigures, SearchLog
from search.monitoring import record_daily_figures
from search.tasks import record_daily_figures_task
from tests.factories import CustomerFactory, user_in_role

pytestmark = pytest.mark.django_db

FEEDBACK = "/api/v1/search/feedback/"


def _search(client, query, **extra):
    response = client.post("/api/v1/search/", {"query": query, **extra}, format="json")
    assert response.status_code == 200
    return response.json()


@pytest.fixture
def a_day_of_use(api_client, client, user, book):
    """Three searches through the API (one finds nobody), one on the page, three judgments."""
    found = _search(api_client, "customers who want to build their credit", limit=3)
    _search(api_client, "retirees interested in estate planning")
    assert _search(api_client, "anyone", filters={"state": ["AK"]})["count"] == 0
    client.force_login(user)
    assert client.get("/search/", {"q": "young professionals"}).status_code == 200
    for result, useful in zip(found["results"], [True, True, False], strict=True):
        body = {"query": "customers who want to build their credit", "useful": useful}
        response = api_client.post(FEEDBACK, {**body, "customer_id": result["customer"]["id"]}, format="json")
        assert response.status_code == 201
    return found


def test_each_search_leaves_one_log_row_written_by_one_insert(api_client, book):
    with CaptureQueriesContext(connection) as queries:
        answer = _search(api_client, "customers who want to build their credit", limit=3)
    inserts = [q["sql"] for q in queries if q["sql"].startswith("INSERT INTO search_searchlog")]
    assert len(inserts) == 1
    row = SearchLog.objects.get()
    assert row.via == "api" and row.result_count == 3 and row.encoder_version == 1
    assert row.top_score == pytest.approx(answer["results"][0]["similarity"], abs=1e-5)
    assert row.duration_ms > 0 and row.user.username == "rm_test"


@pytest.mark.django_db(transaction=True)
def test_outside_a_transaction_the_log_commits_alone_without_changing_the_session():
    from search.monitoring import log_search
    from search.selectors import SearchOutcome
    from search.understanding import ParsedQuery

    assert not connection.in_atomic_block
    log_search(
        user=None,
        outcome=SearchOutcome([], ParsedQuery(query="x"), encoder_version=2),
        duration_ms=3.5,
        via="api",
    )
    row = SearchLog.objects.get()
    assert (row.result_count, row.top_score, row.duration_ms, row.encoder_version) == (0, None, 3.5, 2)
    with connection.cursor() as cursor:
        cursor.execute("SHOW synchronous_commit")
        assert cursor.fetchone()[0] == "on"


def test_a_log_the_database_refuses_does_not_break_the_search(api_client, book, monkeypatch):
    import search.apis

    class TooLong:
        API = "api-but-longer-than-the-column"

    before = _search(api_client, "customers who want to build their credit", limit=3)
    monkeypatch.setattr(search.apis, "SearchVia", TooLong)
    after = _search(api_client, "customers who want to build their credit", limit=3)
    assert [r["customer"]["id"] for r in after["results"]] == [r["customer"]["id"] for r in before["results"]]
    assert SearchLog.objects.count() == 1  # the transaction is still usable after the refused INSERT


def test_daily_figures_come_from_the_day_s_searches_book_and_feedback(a_day_of_use, book):
    failed, _pending = CustomerFactory(), CustomerFactory()  # queued after commit: never, in a test
    services.mark_embedding_failed(customer_ids=[failed.pk])
    figures = record_daily_figures()
    assert figures.day == timezone.localdate()
    assert figures.searches == 4
    assert figures.zero_result_rate == pytest.approx(0.25)
    similarities = list(SearchLog.objects.exclude(top_score=None).values_list("top_score", flat=True))
    assert len(similarities) == 3 and min(similarities) <= figures.median_top_score <= max(similarities)
    api_ms = sorted(SearchLog.objects.filter(via="api").values_list("duration_ms", flat=True))
    assert figures.api_p50_ms == pytest.approx(api_ms[1])
    assert api_ms[1] <= figures.api_p95_ms <= api_ms[2]
    assert (figures.embedding_failures, figures.pending, figures.stale) == (1, 1, 0)
    assert figures.active_version == 1
    assert figures.feedback == 3
    assert figures.useful_share == pytest.approx(2 / 3)
    assert figures.useful_share_by_version == {"1": pytest.approx(2 / 3)}


def test_recording_again_updates_the_day_s_one_row(a_day_of_use, api_client):
    first = record_daily_figures()
    assert record_daily_figures().searches == first.searches == 4
    assert DailyFigures.objects.count() == 1
    _search(api_client, "savers in Texas")
    again = record_daily_figures()
    assert again.pk == first.pk and again.searches == 5 and again.recorded_at >= first.recorded_at


def test_a_past_day_counts_its_own_searches_and_keeps_the_book_state_it_had(a_day_of_use):
    yesterday = timezone.localdate() - timedelta(days=1)
    moved = SearchLog.objects.filter(via="page")
    moved.update(at=timezone.now() - timedelta(days=1))
    past = record_daily_figures(day=yesterday)
    assert past.searches == 1 and past.api_p50_ms is None and past.feedback == 0 and past.useful_share is None
    assert past.pending is None and past.active_version is None  # not recorded on that day
    assert record_daily_figures().searches == 3


def test_the_beat_task_drops_the_search_log_past_its_retention_not_the_figures(db, settings):
    settings.SEARCH_LOG_RETENTION_DAYS = 30
    for days in (31, 29):
        SearchLog.objects.create(via="api", result_count=1, duration_ms=5.0)
        SearchLog.objects.filter(at__gt=timezone.now() - timedelta(minutes=1)).update(
            at=timezone.now() - timedelta(days=days)
        )
    old_day = timezone.localdate() - timedelta(days=31)
    assert record_daily_figures(day=old_day).searches == 1
    record_daily_figures_task.delay()
    assert SearchLog.objects.count() == 1
    assert DailyFigures.objects.get(day=old_day).searches == 1


def test_the_command_and_the_beat_task_record_figures(db, capsys):
    call_command("record_daily_figures", "--day", "2026-01-02")
    out = capsys.readouterr().out
    assert "searches" in out and DailyFigures.objects.filter(day=date(2026, 1, 2), searches=0).exists()
    with pytest.raises(CommandError, match="not a date"):
        call_command("record_daily_figures", "--day", "yesterday")
    record_daily_figures_task.delay()
    today = timezone.localdate()
    assert set(DailyFigures.objects.values_list("day", flat=True)) >= {today, today - timedelta(days=1)}
    schedule = settings.CELERY_BEAT_SCHEDULE["record-daily-figures"]
    assert schedule["task"] == "search.tasks.record_daily_figures_task"


def test_the_admin_charts_the_figures_for_admins_and_compliance(
    client, a_day_of_use, user, django_user_model
):
    record_daily_figures()
    earlier = timezone.localdate() - timedelta(days=2)
    DailyFigures.objects.create(
        day=earlier, searches=9, zero_result_rate=0.5, median_top_score=0.41, api_p50_ms=80, api_p95_ms=140,
        embedding_failures=0, pending=3, stale=1, active_version=1, feedback=2, useful_share=0.5,
    )  # fmt: skip
    admin = django_user_model.objects.create_superuser("admin_test", password="x-Strong-Pass-42")
    officer = user_in_role("compliance_ann", "Compliance officers", is_staff=True)
    for reader in (admin, officer):
        client.force_login(reader)
        response = client.get("/admin/search/dailyfigures/")
        assert response.status_code == 200, reader
        html = response.content.decode()
        svgs = re.findall(r"<svg [^>]*class=\"figure-chart\".*?</svg>", html, flags=re.S)
        assert len(svgs) == 7
        assert all("style" not in svg and "<script" not in svg for svg in svgs)
        searches = svgs[0]
        assert "Searches" in searches and searches.count("<polyline") == 1
        assert f"{earlier.isoformat()}: 9</title>" in searches
        assert f"{timezone.localdate().isoformat()}: 4</title>" in searches
        assert "Zero-result rate" in svgs[1] and ": 25%</title>" in svgs[1]
        assert "unsafe-inline" not in response["Content-Security-Policy"]
        assert "admin-monitoring.css" in html
    client.force_login(user)  # an RM: not staff
    assert client.get("/admin/search/dailyfigures/").status_code == 302
    user.is_staff = True
    user.save()
    assert client.get("/admin/search/dailyfigures/").status_code == 403


def _metrics(key=None, **headers):
    from rest_framework.test import APIClient

    client = APIClient()
    if key:
        client.credentials(HTTP_AUTHORIZATION=f"Bearer {key}")
    return client.get("/metrics", **headers)


def test_metrics_serves_today_s_figures_to_a_token_with_the_metrics_scope(a_day_of_use):
    from prometheus_client.parser import text_string_to_metric_families

    _, key = issue_service_token(name="prometheus", scopes=["metrics"])
    response = _metrics(key, HTTP_ACCEPT="application/openmetrics-text;q=0.5,text/plain;version=0.0.4;q=0.4")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; version=0.0.4; charset=utf-8"
    samples = {
        (s.name, tuple(sorted(s.labels.items()))): s.value
        for family in text_string_to_metric_families(response.content.decode())
        for s in family.samples
    }
    assert samples[("bankcrm_searches_today", ())] == 4
    assert samples[("bankcrm_search_zero_result_ratio_today", ())] == pytest.approx(0.25)
    assert 0 < samples[("bankcrm_search_top_similarity_median_today", ())] <= 1
    p50 = samples[("bankcrm_search_api_latency_seconds_today", (("quantile", "0.5"),))]
    p95 = samples[("bankcrm_search_api_latency_seconds_today", (("quantile", "0.95"),))]
    assert 0 < p50 <= p95
    assert samples[("bankcrm_search_useful_ratio_today", (("version", "1"),))] == pytest.approx(2 / 3)
    assert samples[("bankcrm_customers_by_embedding_status", (("status", "ready"),))] == 5
    assert samples[("bankcrm_customers_by_embedding_status", (("status", "pending"),))] == 0
    assert samples[("bankcrm_encoder_active_version", ())] == 1


def test_metrics_refuses_everyone_else(client, db, django_user_model):
    assert _metrics().status_code == 401
    _, key = issue_service_token(name="search-only", scopes=["search", "customers:read"])
    refused = _metrics(key, HTTP_ACCEPT="text/plain")
    assert refused.status_code == 403 and refused.json() == {
        "detail": "This token lacks the 'metrics' scope."
    }
    admin = django_user_model.objects.create_superuser("admin_test", password="x-Strong-Pass-42")
    client.force_login(admin)
    assert client.get("/metrics").status_code == 401  # a signed-in person is not a scraper
    metrics_token, metrics_key = issue_service_token(name="prometheus", scopes=["metrics"])
    revoke_service_token(token=metrics_token)
    assert _metrics(metrics_key).status_code == 401


def test_metrics_is_in_the_api_schema(api_client):
    operation = api_client.get("/api/schema/?format=json").json()["paths"]["/metrics"]["get"]
    assert "text/plain" in operation["responses"]["200"]["content"]
    assert {"401", "403"} <= set(operation["responses"])
