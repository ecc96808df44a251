"""The dashboards' tables, and their CSV and XLSX downloads.

A dashboard builds each table once as a `Table`; the page renders it next to its chart and the
download writes the same rows, so what is shown and what is exported cannot differ.

CSV files are meant for spreadsheets set to French: UTF-8 with a byte order mark (so accents
survive), ';' between fields and a decimal comma. XLSX files keep numbers and dates as such.
Text cells that a spreadsheet would run as a formula (starting with = + - @, a tab or a
carriage return) get a leading apostrophe in both formats.
"""

import csv
import datetime
import io
from dataclasses import dataclass, field

from django.http import HttpResponse
from django.utils import timezone
from openpyxl import Workbook

CSV_CONTENT_TYPE = "text/csv; charset=utf-8"
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FORMATS = ("csv", "xlsx")
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
# File names are in French, like the published indicators.
FILE_PREFIX = "indicateurs"


@dataclass
class Cell:
    """One value: `value` is what the download writes, `text` what the page shows, `url` where it drills down."""

    value: object
    text: str
    url: str = ""


@dataclass
class Table:
    name: str
    title: str
    columns: list[str]
    # The first cell of each row names the row (a row header on the page).
    rows: list[list[Cell]] = field(default_factory=list)


def neutralise(value):
    """A text a spreadsheet would treat as a formula, made plain text."""
    if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS):
        return "'" + value
    return value


def _csv_value(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return f"{value:.2f}".rstrip("0").rstrip(".").replace(".", ",")
    if isinstance(value, datetime.datetime):
        return _local(value).isoformat(sep=" ", timespec="minutes")
    if isinstance(value, datetime.date):
        return value.isoformat()
    return neutralise(str(value))


def table_csv(table: Table) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow([neutralise(column) for column in table.columns])
    for row in table.rows:
        writer.writerow([_csv_value(cell.value) for cell in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def _local(moment: datetime.datetime) -> datetime.datetime:
    """The site's wall-clock time, without zone: spreadsheets have no time zones."""
    return timezone.localtime(moment).replace(tzinfo=None) if timezone.is_aware(moment) else moment


def _xlsx_value(value):
    if isinstance(value, datetime.datetime):
        return _local(value)
    return neutralise(value)


def table_xlsx(table: Table) -> bytes:
    workbook = Workbook(write_only=True)
    # Sheet titles are limited to 31 characters and some punctuation.
    sheet = workbook.create_sheet(title=_sheet_title(table.title))
    sheet.append([neutralise(column) for column in table.columns])
    for row in table.rows:
        sheet.append([_xlsx_value(cell.value) for cell in row])
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


def _sheet_title(title: str) -> str:
    cleaned = "".join(" " if char in "[]:*?/\\" else char for char in title).strip()
    return cleaned[:31] or "Data"


def file_name(table: Table, start: datetime.date, end: datetime.date, extension: str) -> str:
    return f"{FILE_PREFIX}-{table.name}-{start.isoformat()}_{end.isoformat()}.{extension}"


def download(table: Table, export_format: str, *, start: datetime.date, end: datetime.date) -> HttpResponse:
    if export_format == "csv":
        response = HttpResponse(table_csv(table), content_type=CSV_CONTENT_TYPE)
    else:
        response = HttpResponse(table_xlsx(table), content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{file_name(table, start, end, export_format)}"'
    return response
