"""Every table downloads as CSV (for French spreadsheets) and XLSX, with the page's period and filters."""

import csv
import datetime
import io

import openpyxl
import pytest
from django.urls import reverse
from django.utils import timezone

from requests_app.models import Channel
from satisfaction import rollups
from satisfaction.exports import Cell, Table, table_csv
from satisfaction.models import Survey
from tests.factories import TicketFactory

OVERVIEW = reverse("dashboard:overview")
FORMULA = '=HYPERLINK("http://pirate.example","Cliquez")'


@pytest.fixture
def figures(category, other_category):
    for channel in (Channel.WEB, Channel.WEB, Channel.PHONE):
        TicketFactory(category=category, channel=channel)
    TicketFactory(category=other_category, channel=Channel.COUNTER)
    resolved = TicketFactory(category=category, resolved=True)
    now = timezone.now()
    # The resolution invited the citizen; they answered.
    Survey.objects.update_or_create(
        ticket=resolved,
        defaults={"answered_at": now, "satisfaction": 1, "effort": 2, "comment": FORMULA},
        create_defaults={
            "contact": "usager@example.fr",
            "via": Survey.Via.EMAIL,
            "invited_at": now - datetime.timedelta(minutes=5),
            "expires_at": now + datetime.timedelta(days=30),
            "answered_at": now,
            "satisfaction": 1,
            "effort": 2,
            "comment": FORMULA,
        },
    )
    rollups.refresh_recent(2)


@pytest.fixture
def signed_in(client, manager):
    client.force_login(manager)
    return client


def read_csv(response) -> list[list[str]]:
    body = response.content
    assert body.startswith("\ufeff".encode())
    return list(csv.reader(io.StringIO(body.decode("utf-8-sig")), delimiter=";"))


def read_xlsx(response) -> list[tuple]:
    workbook = openpyxl.load_workbook(io.BytesIO(response.content))
    return list(workbook.worksheets[0].iter_rows(values_only=True))


def test_it_names_the_file_after_the_table_and_the_period(signed_in, figures):
    today = timezone.localdate()
    start = today - datetime.timedelta(days=6)

    csv_response = signed_in.get(OVERVIEW, {"period": "7", "format": "csv", "table": "volume"})
    xlsx_response = signed_in.get(OVERVIEW, {"period": "7", "format": "xlsx", "table": "volume"})

    assert csv_response["Content-Type"] == "text/csv; charset=utf-8"
    assert xlsx_response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    name = f"indicateurs-volume-{start.isoformat()}_{today.isoformat()}"
    assert csv_response["Content-Disposition"] == f'attachment; filename="{name}.csv"'
    assert xlsx_response["Content-Disposition"] == f'attachment; filename="{name}.xlsx"'


def test_it_downloads_the_key_figures_as_on_the_page(signed_in, figures):
    rows = read_csv(signed_in.get(OVERVIEW, {"format": "csv", "table": "kpis"}, HTTP_ACCEPT_LANGUAGE="en"))
    sheet = read_xlsx(signed_in.get(OVERVIEW, {"format": "xlsx", "table": "kpis"}, HTTP_ACCEPT_LANGUAGE="en"))

    assert rows[0] == ["Indicator", "Period", "Previous period", "Unit"]
    by_name = {row[0]: row for row in rows[1:]}
    assert by_name["New requests"][1:3] == ["5", "0"]
    assert by_name["Satisfaction"][1] == "1"
    assert by_name["Survey response rate"][1] == "100"
    xlsx_by_name = {row[0]: row for row in sheet[1:]}
    # Numbers stay numbers in the workbook; no figure is an empty cell.
    assert xlsx_by_name["New requests"][1:3] == (5, 0)
    assert xlsx_by_name["Resolved within the due date"][2] is None
    assert len(rows) == len(sheet) == 13


def test_it_follows_the_filters_of_the_page(signed_in, figures, category):
    params = {"service": category.service_id, "channel": Channel.WEB, "table": "volume"}

    rows = read_csv(signed_in.get(OVERVIEW, {**params, "format": "csv"}, HTTP_ACCEPT_LANGUAGE="en"))
    sheet = read_xlsx(signed_in.get(OVERVIEW, {**params, "format": "xlsx"}, HTTP_ACCEPT_LANGUAGE="en"))

    assert rows[0] == ["Period", "Web form", "Total"]
    assert sum(int(row[-1]) for row in rows[1:]) == 3  # two web requests and the resolved one
    assert sum(row[-1] for row in sheet[1:]) == 3
    assert isinstance(sheet[1][0], datetime.datetime)  # the period's first day, as a date cell


def test_it_writes_the_same_rows_in_both_formats(signed_in, figures):
    for table in ("volume", "backlog", "sla", "delays", "satisfaction", "pillars", "categories", "comments"):
        rows = read_csv(signed_in.get(OVERVIEW, {"format": "csv", "table": table}))
        sheet = read_xlsx(signed_in.get(OVERVIEW, {"format": "xlsx", "table": table}))
        assert len(rows) == len(sheet) > 1, table
        assert rows[0] == list(sheet[0]), table


def test_it_disarms_formulas_in_both_formats(signed_in, figures):
    rows = read_csv(signed_in.get(OVERVIEW, {"format": "csv", "table": "comments"}))
    sheet = read_xlsx(signed_in.get(OVERVIEW, {"format": "xlsx", "table": "comments"}))

    assert rows[1][-1] == "'" + FORMULA
    assert sheet[1][-1] == "'" + FORMULA
    assert rows[1][3] == "1"  # the score, a number


def test_it_disarms_every_formula_trigger_but_keeps_negative_numbers():
    table = Table(name="t", title="T", columns=["Name", "Value"])
    for text in ("=1+1", "+33 6 00", "-2", "@SUM(A1)", "\tx", "plain"):
        table.rows.append([Cell(text, text), Cell(-2, "-2")])

    rows = list(csv.reader(io.StringIO(table_csv(table).decode("utf-8-sig")), delimiter=";"))

    assert [row[0] for row in rows[1:]] == ["'=1+1", "'+33 6 00", "'-2", "'@SUM(A1)", "'\tx", "plain"]
    assert {row[1] for row in rows[1:]} == {"-2"}


def test_it_writes_decimals_with_a_comma_in_csv():
    table = Table(name="t", title="T", columns=["Name", "Rate"], rows=[[Cell("a", "a"), Cell(87.5, "87,5 %")]])

    assert table_csv(table).decode("utf-8-sig").splitlines()[1] == "a;87,5"


def test_it_downloads_the_workload_and_an_agents_figures(client, supervisor, agent, figures):
    client.force_login(supervisor)
    rows = read_csv(
        client.get(reverse("dashboard:service"), {"format": "csv", "table": "workload"}, HTTP_ACCEPT_LANGUAGE="en")
    )
    assert rows[0][:3] == ["Agent", "Open now", "Overdue now"]
    assert len(rows) >= 2

    client.force_login(agent)
    sheet = read_xlsx(client.get(reverse("dashboard:mine"), {"format": "xlsx", "table": "figures"}))
    assert len(sheet) == 11


def test_it_writes_times_in_the_towns_time_zone(signed_in, figures):
    answered = Survey.objects.exclude(answered_at=None).get().answered_at
    local = timezone.localtime(answered)

    rows = read_csv(signed_in.get(OVERVIEW, {"format": "csv", "table": "comments"}))
    sheet = read_xlsx(signed_in.get(OVERVIEW, {"format": "xlsx", "table": "comments"}))

    assert rows[1][0] == local.strftime("%Y-%m-%d %H:%M")
    assert sheet[1][0].replace(microsecond=0) == local.replace(tzinfo=None, microsecond=0)
