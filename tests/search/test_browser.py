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
