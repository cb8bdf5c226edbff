import io
import textwrap

import pytest
from django.core.management import call_command

from customers.importer import import_customers_csv
from customers.models import Customer
from tests.factories import CustomerFactory

pytestmark = pytest.mark.django_db

HEADER = (
    "external_id,first_name,last_name,email,phone,date_of_birth,city,state,occupation,"
    "employment_status,annual_income,investable_assets,credit_score,risk_tolerance,dependents,"
    "customer_since,preferred_channel,products,interests,notes,relationship_manager,last_contact_date"
)


def row(external_id="CORE-1", **overrides):
    values = {
        "external_id": external_id,
        "first_name": "Ana",
        "last_name": "Lopez",
        "email": "ana@example.com",
        "phone": "(305) 555-0101",
        "date_of_birth": "1961-04-02",
        "city": "Miami",
        "state": "FL",
        "occupation": "Retired Teacher",
        "employment_status": "retired",
        "annual_income": "48000",
        "investable_assets": "650000",
        "credit_score": "781",
        "risk_tolerance": "conservative",
        "dependents": "0",
        "customer_since": "1998-09-15",
        "preferred_channel": "branch",
        "products": "checking;savings;retirement_ira",
        "interests": "estate_planning;travel",
        "notes": "Wants to set up a trust for the grandchildren.",
        "relationship_manager": "",
        "last_contact_date": "",
    }
    values.update(overrides)
    return ",".join(f'"{values[name]}"' for name in HEADER.split(","))


def run_import(*lines):
    return import_customers_csv(io.StringIO("\n".join([HEADER, *lines]) + "\n"), embed=False)


def test_valid_rows_are_created_with_their_lists_and_profile_text():
    report = run_import(row("CORE-1"), row("CORE-2", first_name="Ben"))
    assert (report.created, report.updated, report.failed) == (2, 0, 0)
    customer = Customer.objects.get(external_id="CORE-1")
    assert customer.products == ["checking", "savings", "retirement_ira"]
    assert customer.segment == "affluent"
    assert customer.embedding_status == "pending"
    assert "trust for the grandchildren" in customer.profile_text


def test_bad_rows_are_reported_by_line_and_never_stop_the_good_ones():
    report = run_import(
        row("CORE-1"),
        row("CORE-2", credit_score="900"),
        row("CORE-3", state="Texas", products="checking;gold"),
        row("CORE-4", date_of_birth="not a date"),
        row("CORE-5"),
        row("CORE-1", first_name="Again"),
    )
    assert (report.created, report.failed) == (2, 4)
    by_line = {error.line: error for error in report.errors}
    assert set(by_line) == {3, 4, 5, 7}
    assert "credit_score" in by_line[3].errors
    assert {"state", "products"} <= set(by_line[4].errors)
    assert by_line[4].errors["products"] == ['item 2: "gold" is not a valid choice.']
    assert "date_of_birth" in by_line[5].errors
    assert "line 2" in by_line[7].errors["external_id"][0]
    assert set(Customer.objects.values_list("external_id", flat=True)) == {"CORE-1", "CORE-5"}
    assert Customer.objects.get(external_id="CORE-1").first_name == "Ana"


def test_rows_update_existing_customers_on_external_id():
    CustomerFactory(external_id="CORE-9", first_name="Old", credit_score=600)
    report = run_import(row("CORE-9", first_name="New", credit_score="640"))
    assert (report.created, report.updated, report.failed) == (0, 1, 0)
    customer = Customer.objects.get(external_id="CORE-9")
    assert (customer.first_name, customer.credit_score) == ("New", 640)


def test_line_numbers_count_multi_line_notes():
    notes = "Line one.\nLine two."
    report = run_import(row("CORE-1", notes=notes), row("CORE-2", credit_score="12"))
    assert [error.line for error in report.errors] == [4]


def test_wrong_header_imports_nothing_and_says_why():
    report = import_customers_csv(
        io.StringIO("external_id,first_name,favourite_colour\nX,Y,Z\n"), embed=False
    )
    assert report.failed == 1
    assert report.errors[0].line == 1
    message = " ".join(report.errors[0].errors["columns"])
    assert "favourite_colour" in message and "last_name" in message
    assert Customer.objects.count() == 0


def test_ragged_rows_are_reported():
    report = run_import(row("CORE-1") + ',"extra"', '"CORE-2","Short"')
    assert [e.errors for e in report.errors] == [
        {"row": ["More cells than columns."]},
        {"row": ["Fewer cells than columns."]},
    ]


def test_command_exit_status_says_whether_any_row_failed(tmp_path, capsys):
    good = tmp_path / "good.csv"
    good.write_text(textwrap.dedent(f"{HEADER}\n{row('CORE-1')}\n"))
    call_command("import_customers", str(good), no_embed=True)
    assert "1 created, 0 updated, 0 failed" in capsys.readouterr().out

    bad = tmp_path / "bad.csv"
    bad.write_text(f"{HEADER}\n{row('CORE-2')}\n{row('CORE-3', risk_tolerance='yolo')}\n")
    with pytest.raises(SystemExit) as exit_info:
        call_command("import_customers", str(bad), no_embed=True)
    assert exit_info.value.code == 1
    err = capsys.readouterr().err
    assert "line 3 (CORE-3): risk_tolerance" in err
    assert Customer.objects.filter(external_id="CORE-2").exists()
