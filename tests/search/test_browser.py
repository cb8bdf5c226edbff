"""The RM's path in a real headless Chromium: log in, ask a question or click a suggested one, see results."""

import os
import shutil

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]


@pytest.fixture
def page(monkeypatch):
    from playwright.sync_api import sync_playwright

    assert os.path.exists(CHROMIUM), "Chromium is missing; bin/test installs it (apt: chromium)"
    # Playwright runs an event loop in this thread; the ORM calls of the fixtures are still sync.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        yield page
        browser.close()


def test_an_rm_logs_in_asks_a_question_and_sees_results(live_server, page, user, book, tmp_path):
    page.goto(f"{live_server.url}/search/")
    assert "/login/" in page.url

    page.fill("#id_username", "rm_test")
    page.fill("#id_password", "x-Strong-Pass-42")
    page.click("button[type=submit]")
    page.wait_for_url("**/search/")

    page.fill("#id_q", "Customers with credit score over 750 interested in investment products")
    page.click("form.search-form button[type=submit]")
    page.wait_for_selector("table.results tbody tr")
    rows = page.locator("table.results tbody tr")
    # Only the two customers over 750 qualify; the investor, who wants to invest, comes first.
    assert rows.count() == 2
    assert book["investor"].last_name in rows.first.inner_text()
    assert "interested in investing" in rows.first.inner_text()
    assert "credit score" in page.inner_text("table.results thead").lower()
    assert (
        page.input_value("#id_q") == "Customers with credit score over 750 interested in investment products"
    )
    chip = page.locator(".chip", has_text="credit score over 750")
    assert chip.is_visible()

    # Removing the condition searches again without it: everyone, investors first.
    chip.locator(".chip-remove").click()
    page.wait_for_selector(".chip >> nth=0")
    assert page.locator(".chip", has_text="credit score over 750").count() == 0
    assert rows.count() == 5
    assert book["investor"].last_name in rows.first.inner_text()
    page.screenshot(path=str(tmp_path / "search.png"), full_page=True)

    rows.first.locator("a").click()
    page.wait_for_selector("text=Similar customers")


def test_an_rm_clicks_a_suggested_question_opens_a_customer_and_their_book(
    live_server, page, user, book, tmp_path
):
    from django.core.cache import cache

    cache.clear()
    shots = os.environ.get("SCREENSHOTS_DIR", str(tmp_path))  # SCREENSHOTS_DIR=docs renews docs/
    page.goto(f"{live_server.url}/login/")
    page.fill("#id_username", "rm_test")
    page.fill("#id_password", "x-Strong-Pass-42")
    page.click("button[type=submit]")
    page.wait_for_url("**/search/")

    suggestion = page.locator("a.suggestion").first
    count = int(suggestion.get_attribute("data-count"))
    suggestion.click()
    page.wait_for_selector("#match-count")
    assert page.inner_text("#match-count").startswith(f"{count} match")
    assert page.locator("figure.chart").count() == 3
    page.screenshot(path=f"{shots}/search-suggested.png", full_page=True)

    page.locator("table.results tbody tr a").first.click()
    page.wait_for_selector("#next-products")
    assert "Next best products" in page.inner_text("#next-products")
    page.screenshot(path=f"{shots}/customer-next-products.png", full_page=True)

    page.click("nav >> text=My book")
    page.wait_for_selector("#not-contacted")
    assert page.locator("figure.chart").count() == 3
    assert "5 customers" in page.inner_text("h1")
    page.screenshot(path=f"{shots}/my-book.png", full_page=True)


def test_an_rm_marks_results_useful_in_place_and_admin_charts_the_day(
    live_server, page, user, book, django_user_model, tmp_path
):
    from search.models import SearchFeedback
    from search.monitoring import record_daily_figures

    problems = []
    page.on(
        "console",
        lambda m: m.type == "error" and "Failed to load resource" not in m.text and problems.append(m.text),
    )  # a CSP violation or a script error
    page.on(
        "response",
        lambda r: r.status >= 400 and "favicon" not in r.url and problems.append(f"{r.status} {r.url}"),
    )
    page.goto(f"{live_server.url}/login/")
    page.fill("#id_username", "rm_test")
    page.fill("#id_password", "x-Strong-Pass-42")
    page.click("button[type=submit]")
    page.wait_for_url("**/search/")
    page.fill("#id_q", "customers who want to build their credit")
    page.click(".query-row button[type=submit]")
    page.wait_for_selector("table.results tbody tr")
    url = page.url

    first, second = page.locator("form.feedback").nth(0), page.locator("form.feedback").nth(1)
    first.locator("input[name=reason]").fill("Asked about a secured card")
    first.locator("button[value='1']").click()
    page.wait_for_selector("form.feedback.judged-useful")
    second.locator("button[value='0']").click()
    page.wait_for_selector("form.feedback.judged-not-useful")
    assert first.locator(".feedback-status").inner_text() == "Marked useful"
    assert page.url == url  # judged in place: the search was not run again
    judged = {f.customer_id: (f.useful, f.reason) for f in SearchFeedback.objects.all()}
    assert judged[book["student"].pk] == (True, "Asked about a secured card")
    assert sorted(useful for useful, _ in judged.values()) == [False, True]
    assert problems == []

    record_daily_figures()
    django_user_model.objects.create_superuser("admin_test", password="x-Strong-Pass-42")
    page.click(".topbar button.link")  # log out
    page.wait_for_url("**/login/")
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", "admin_test")
    page.fill("#id_password", "x-Strong-Pass-42")
    page.click("input[type=submit]")
    page.goto(f"{live_server.url}/admin/search/dailyfigures/")
    assert page.locator("svg.figure-chart").count() == 7
    assert page.locator("svg.figure-chart").first.bounding_box()["width"] > 300
    page.screenshot(path=str(tmp_path / "monitoring.png"), full_page=True)
    assert problems == []
