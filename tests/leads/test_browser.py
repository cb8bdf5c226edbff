"""An RM's lead list in a real headless Chromium: save the results, set three statuses, see the bars."""

import os
import shutil

import pytest

from leads.models import LeadListEntry

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_an_rm_saves_results_as_a_list_sets_statuses_and_sees_progress(
    live_server, page, user, book, tmp_path
):
    refused = []
    page.on(
        "console",
        lambda message: refused.append(message.text) if "Content Security" in message.text else None,
    )
    page.goto(f"{live_server.url}/login/?next=/search/")
    page.fill("#id_username", "rm_test")
    page.fill("#id_password", "x-Strong-Pass-42")
    page.click("button[type=submit]")
    page.wait_for_url("**/search/")
    page.fill("#id_q", "customers who want to build their credit")
    page.click("form.search-form button[type=submit]")
    page.wait_for_selector("table.results tbody tr")

    page.fill("#id_list_name", "Credit calls")
    page.click("form.save-list button[type=submit]")
    page.wait_for_selector("table.lead-entries")
    rows = page.locator("table.lead-entries tbody tr")
    assert rows.count() == 5 and book["student"].last_name in rows.first.inner_text()

    first = rows.nth(0)
    first.locator("select[name=status]").select_option("interested")
    first.locator("input[name=note]").fill("Wants a secured card")
    first.locator("button", has_text="Save").click()
    page.wait_for_selector("progress.progress-called[value='1']")
    rows.nth(1).locator("input[type=checkbox]").check()
    rows.nth(2).locator("input[type=checkbox]").check()
    page.select_option("#bulk-status", "converted")
    page.click("form.bulk-form button[type=submit]")
    page.wait_for_selector("progress.progress-converted[value='2']")

    assert page.locator("progress.progress-called").get_attribute("value") == "3"
    assert page.locator("progress.progress-called").get_attribute("max") == "5"
    assert page.locator("progress.progress-called").is_visible()
    assert sorted(LeadListEntry.objects.values_list("status", flat=True)) == [
        "converted", "converted", "interested", "to_call", "to_call",
    ]  # fmt: skip
    assert refused == []
    page.screenshot(path=str(tmp_path / "lead-list.png"), full_page=True)
    if os.environ.get("LEAD_LIST_SCREENSHOT"):
        shutil.copy(tmp_path / "lead-list.png", os.environ["LEAD_LIST_SCREENSHOT"])
