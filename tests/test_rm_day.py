"""An RM's day in a real headless Chromium, as issue 15's "Done when" tells it, step by step.

rm_alice, made as the demo makes her, signs in to a generated book embedded for real; clicks a
suggested prompt; judges two results; saves the results as a list; sets three statuses; watches
the progress bars; opens a customer's next best products and the lookalikes behind them; and sees
the list's progress on My book. No step may log a console error or a CSP violation.

``SCREENSHOTS_DIR=docs`` renews docs/rm-day/; otherwise the screenshots go to a temporary folder.
"""

import io
import os
from pathlib import Path

import pytest
from django.core.cache import cache
from django.core.management import call_command

from customers import services
from customers.models import Customer
from leads.models import LeadList, LeadListEntry
from search.models import SearchFeedback
from tests.search.test_browser import page  # noqa: F401 (a real headless Chromium page)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

BOOK_SIZE = 240  # split between rm_alice and rm_bob: big enough for suggestions and lookalikes
PASSWORD = "x-Strong-Pass-42"


@pytest.fixture
def demo_book(monkeypatch, tmp_path):
    """The demo's users and a generated book of BOOK_SIZE customers, every one embedded."""
    monkeypatch.setenv("DEMO_ADMIN_PASSWORD", PASSWORD + "-admin")
    monkeypatch.setenv("DEMO_RM_PASSWORD", PASSWORD)
    call_command(
        "setup_demo",
        customers=BOOK_SIZE,
        credentials_file=tmp_path / "demo.json",
        stdout=io.StringIO(),
    )
    report = services.embed_customers(customer_ids=list(Customer.objects.values_list("pk", flat=True)))
    assert Customer.objects.exclude(embedding_status="ready").count() == 0, report
    cache.clear()
    return Customer.objects.filter(relationship_manager__username="rm_alice")


@pytest.fixture
def shots(tmp_path) -> Path:
    folder = Path(os.environ.get("SCREENSHOTS_DIR", str(tmp_path))) / "rm-day"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def shoot(page, path: Path) -> None:  # noqa: F811
    """A full-page screenshot; for docs/, cut down to 256 colours so that each stays small."""
    page.screenshot(path=str(path), full_page=True)
    if os.environ.get("SCREENSHOTS_DIR"):
        from PIL import Image

        with Image.open(path) as image:
            small = image.quantize(colors=256, method=Image.Quantize.FASTOCTREE)
        small.save(path, optimize=True)


def watch_for_problems(page) -> list[str]:  # noqa: F811
    """Console errors (a CSP refusal is one), uncaught script errors, CSP violation events, 4xx/5xx."""
    problems: list[str] = []
    page.on("console", lambda m: m.type == "error" and problems.append(f"console: {m.text}"))
    page.on("pageerror", lambda e: problems.append(f"script: {e}"))
    page.on(
        "response",
        lambda r: r.status >= 400 and problems.append(f"{r.status} {r.url}"),
    )
    page.expose_function("reportCspViolation", lambda text: problems.append(f"csp: {text}"))
    page.add_init_script(
        "document.addEventListener('securitypolicyviolation',"
        " e => window.reportCspViolation(e.violatedDirective + ' ' + e.blockedURI));"
    )
    return problems


def progress(page, kind: str) -> tuple[int, int]:  # noqa: F811
    bar = page.locator(f".lead-progress progress.progress-{kind}").first
    return int(bar.get_attribute("value")), int(bar.get_attribute("max"))


def test_an_rm_day_from_sign_in_to_my_book(live_server, page, demo_book, shots):  # noqa: F811
    alice_book = set(demo_book.values_list("pk", flat=True))
    assert len(alice_book) == BOOK_SIZE // 2
    problems = watch_for_problems(page)

    # 1. Sign in: the search page sends a stranger to the login page first.
    page.goto(f"{live_server.url}/search/")
    page.wait_for_url("**/login/**")
    page.fill("#id_username", "rm_alice")
    page.fill("#id_password", PASSWORD)
    shoot(page, shots / "1-sign-in.png")
    page.click("button[type=submit]")
    page.wait_for_url("**/search/")
    assert page.inner_text(".topbar .who") == "rm_alice"

    # 2. Click a suggested prompt: the count it promised is the count the search finds.
    suggestions = page.locator("a.suggestion")
    assert suggestions.count() >= 2
    shoot(page, shots / "2-suggested-prompts.png")
    suggestion = suggestions.first
    count = int(suggestion.get_attribute("data-count"))
    assert count >= 3
    suggestion.click()
    page.wait_for_selector("#match-count")
    query = page.input_value("#id_q")
    assert query
    assert page.inner_text("#match-count").startswith(f"{count} match")
    rows = page.locator("table.results tbody tr")
    assert rows.count() == min(count, 20)

    # 3. Mark two results: one useful, with a reason, and one not useful; both are stored.
    first, second = page.locator("form.feedback").nth(0), page.locator("form.feedback").nth(1)
    first_id = int(first.locator("input[name=customer]").input_value())
    second_id = int(second.locator("input[name=customer]").input_value())
    first.locator("input[name=reason]").fill("Asked about this last week")
    first.locator("button[value='1']").click()
    page.wait_for_selector("form.feedback.judged-useful")
    second.locator("button[value='0']").click()
    page.wait_for_selector("form.feedback.judged-not-useful")
    assert first.locator(".feedback-status").inner_text() == "Marked useful"
    assert second.locator(".feedback-status").inner_text() == "Marked not useful"
    thumbs = page.locator("form.feedback button.thumb img")
    assert thumbs.evaluate_all("icons => icons.every(i => i.complete && i.naturalWidth > 0)")
    judged = {f.customer_id: f for f in SearchFeedback.objects.filter(user__username="rm_alice")}
    assert set(judged) == {first_id, second_id}
    assert (judged[first_id].useful, judged[first_id].reason) == (True, "Asked about this last week")
    assert (judged[second_id].useful, judged[second_id].reason) == (False, "")
    assert all(f.query == query and f.encoder_version is not None for f in judged.values())
    shoot(page, shots / "3-results-judged.png")

    # 4. Save the results shown ("these customers") as a named list, in the order shown.
    shown = [
        int(v)
        for v in page.locator("form.feedback input[name=customer]").evaluate_all("e => e.map(i => i.value)")
    ]
    page.fill("#id_list_name", "Tuesday calls")
    page.click("form.save-list button[type=submit]")
    page.wait_for_selector("table.lead-entries")
    lead_list = LeadList.objects.get(owner__username="rm_alice", name="Tuesday calls")
    assert lead_list.query == query
    listed = list(LeadListEntry.objects.filter(lead_list=lead_list).values_list("customer_id", flat=True))
    assert listed == shown and set(listed) <= alice_book
    assert "Tuesday calls" in page.inner_text("h1")
    assert progress(page, "called") == (0, len(listed))
    assert progress(page, "converted") == (0, len(listed))
    shoot(page, shots / "4-list-saved.png")

    # 5. Three statuses: one by itself, with a note, then two in bulk; the bars follow.
    entries = page.locator("table.lead-entries tbody tr")
    entries.nth(0).locator("select[name=status]").select_option("interested")
    entries.nth(0).locator("input[name=note]").fill("Call back after payday")
    entries.nth(0).locator("button", has_text="Save").click()
    page.wait_for_selector(".lead-progress progress.progress-called[value='1']")
    assert progress(page, "called") == (1, len(listed))
    assert progress(page, "converted") == (0, len(listed))
    entries.nth(1).locator("input[type=checkbox]").check()
    entries.nth(2).locator("input[type=checkbox]").check()
    page.select_option("#bulk-status", "converted")
    page.click("form.bulk-form button[type=submit]")
    page.wait_for_selector(".lead-progress progress.progress-converted[value='2']")
    assert progress(page, "called") == (3, len(listed))
    assert progress(page, "converted") == (2, len(listed))
    assert page.locator(".lead-progress .progress-count").first.inner_text() == f"3 of {len(listed)}"
    statuses = sorted(
        s
        for s in LeadListEntry.objects.filter(lead_list=lead_list).values_list("status", flat=True)
        if s != "to_call"
    )
    assert statuses == ["converted", "converted", "interested"]
    shoot(page, shots / "5-statuses-and-progress.png")

    # 6. Open a customer from the list: next best products, and the lookalikes that hold them.
    entries.nth(0).locator("td a").first.click()
    page.wait_for_selector("#next-products")
    offers = page.locator("#next-products table.offers tbody tr")
    assert offers.count() >= 1, page.inner_text("#next-products")
    assert "Lookalikes: the" in page.inner_text("#next-products")
    holders = page.locator("#next-products td.holders a")
    assert holders.count() >= 1
    holder_ids = {int(h.get_attribute("href").rstrip("/").rsplit("/", 1)[1]) for h in holders.all()}
    assert holder_ids <= alice_book  # only lookalikes in her own book are named
    shoot(page, shots / "6-next-best-products.png")
    holders.first.click()  # a lookalike behind the offer opens, too
    page.wait_for_selector("#next-products")

    # 7. My book shows the list's progress.
    page.click("nav >> text=My book")
    page.wait_for_selector("#lead-lists")
    row = page.locator("#lead-lists tbody tr", has_text="Tuesday calls")
    assert row.count() == 1
    assert row.locator("progress.progress-called").get_attribute("value") == "3"
    assert row.locator("progress.progress-converted").get_attribute("value") == "2"
    assert row.locator("progress.progress-called").get_attribute("max") == str(len(listed))
    assert f"{len(alice_book)} customers" in page.inner_text("h1")
    shoot(page, shots / "7-my-book.png")

    assert problems == []
