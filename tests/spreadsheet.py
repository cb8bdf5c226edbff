"""Reading a downloaded CSV the way a spreadsheet would."""

import csv
import io

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n")


def rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def formula_cells(text: str) -> list[str]:
    """Cells a spreadsheet would run as a formula: those starting with = + - @ or a tab/CR/LF."""
    return [cell for row in csv.reader(io.StringIO(text)) for cell in row if cell.startswith(FORMULA_STARTS)]
