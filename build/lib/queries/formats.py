"""Rendering query results: CSV that spreadsheet programs open correctly with Chinese."""

from __future__ import annotations

import csv
import io
import json
from typing import Any


def cell(value: Any) -> str:
    """Scalars as text; lists and maps (evidence, reasons) as compact JSON."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool | int | float):
        return json.dumps(value)
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def to_csv(columns: list[str] | tuple[str, ...], rows: list[dict[str, Any]]) -> str:
    """CSV with a header row, starting with a UTF-8 byte order mark: without it, Excel
    reads UTF-8 CSV as the local code page and garbles Chinese."""
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([cell(row.get(c)) for c in columns])
    return buffer.getvalue()
