"""Every CSV the app writes is safe to open in a spreadsheet: a cell that a spreadsheet would run
as a formula (OWASP's CSV injection) starts with a single quote instead, and reads the same."""

import csv
import io
import re
from pathlib import Path

import pytest

from bankcrm import safe_csv

ROOT = Path(__file__).resolve().parent.parent
APP_PACKAGES = ["bankcrm", "customers", "search"]
HOSTILE = [
    '=HYPERLINK("http://evil.example/","click me")',
    "+cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(1+1)",
    "\t=1+1",
    "\r=1+1",
    "\n=1+1",
]


def read(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text)))


@pytest.mark.parametrize("value", HOSTILE)
def test_a_cell_a_spreadsheet_would_run_starts_with_a_quote_and_keeps_its_text(value):
    out = io.StringIO()
    safe_csv.writer(out).writerow(["id", value])
    assert read(out.getvalue()) == [["id", "'" + value]]


def test_ordinary_values_and_numbers_are_written_as_they_are():
    out = io.StringIO()
    writer = safe_csv.DictWriter(out, fieldnames=["name", "score", "income", "note", "none"])
    writer.writeheader()
    writer.writerow({"name": "Dana", "score": -5, "income": "85000.00", "note": "a=b", "none": None})
    assert read(out.getvalue())[1] == ["Dana", "-5", "85000.00", "a=b", ""]


def test_no_csv_is_written_except_through_the_safe_writer():
    """A new export (a lead list, say) must use ``bankcrm.safe_csv``, never ``csv`` directly."""
    writing = re.compile(
        r"\bcsv\s*\.\s*(writer|DictWriter)\b|\bfrom\s+csv\s+import\b[^\n]*\b(writer|DictWriter)\b"
    )
    offenders = [
        str(path.relative_to(ROOT))
        for package in APP_PACKAGES
        for path in (ROOT / package).rglob("*.py")
        if path != ROOT / "bankcrm" / "safe_csv.py" and writing.search(path.read_text())
    ]
    assert offenders == []
