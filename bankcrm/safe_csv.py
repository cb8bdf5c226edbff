"""The one way the app writes CSV: every cell is safe to open in a spreadsheet.

A cell that starts with ``=``, ``+``, ``-``, ``@``, a tab, a carriage return or a line feed is run
as a formula by Excel, LibreOffice and Google Sheets, so a customer's name, an RM's note or a
search text could put a live link or command into a compliance officer's spreadsheet (OWASP,
"CSV Injection"). Such a cell gets a leading single quote, which spreadsheets show as text and
people read past. Numbers are written as they are: a spreadsheet never runs them.

Write CSV only through ``writer`` and ``DictWriter`` here (a test fails on ``csv.writer``
elsewhere in the app).
"""

import csv
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n")


def safe_cell(value: Any) -> Any:
    """``value`` as a cell no spreadsheet runs: text that would start a formula gets a quote."""
    if value is None or (isinstance(value, int | float | Decimal) and not isinstance(value, bool)):
        return value
    text = str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


class SafeWriter:
    """``csv.writer``, with every cell made safe."""

    def __init__(self, out, **kwargs):
        self._writer = csv.writer(out, **kwargs)

    def writerow(self, row: Iterable[Any]):
        return self._writer.writerow([safe_cell(value) for value in row])

    def writerows(self, rows: Iterable[Iterable[Any]]) -> None:
        for row in rows:
            self.writerow(row)


class DictWriter(csv.DictWriter):
    """``csv.DictWriter``, with every cell (the header's too) made safe."""

    def __init__(self, out, fieldnames, restval="", extrasaction="raise", dialect="excel", **kwargs):
        super().__init__(out, fieldnames, restval, extrasaction, dialect, **kwargs)
        self.writer = SafeWriter(out, dialect=dialect, **kwargs)


def writer(out, **kwargs) -> SafeWriter:
    return SafeWriter(out, **kwargs)
