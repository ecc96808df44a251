"""One selector narrows the lists of requests of the workbench, the API and the dashboards' links."""

import datetime

from requests_app import workflow
from requests_app.models import OPEN_STATUSES, Ticket
from requests_app.permissions import tickets_visible_to_staff
from requests_app.selectors import Period, TicketFilters, local_day_start, select_tickets
from tests.factories import TicketFactory


def test_it_narrows_nothing_by_default(category, agent):
    tickets = [TicketFactory(category=category) for _ in range(2)]

    assert set(select_tickets(tickets_visible_to_staff(agent), TicketFilters())) == set(tickets)


def test_it_combines_the_filters(category, agent, colleague):
    mine = TicketFactory(category=category, subject="Lampadaire éteint")
    workflow.take_ticket(mine.pk, by=agent)
    nobodys = TicketFactory(category=category, subject="Lampadaire cassé")
    theirs = TicketFactory(category=category, subject="Lampadaire tordu")
    workflow.take_ticket(theirs.pk, by=colleague)

    filters = TicketFilters(statuses=OPEN_STATUSES, assignee=agent, text="Lampadaire")

    assert list(select_tickets(Ticket.objects.all(), filters)) == [mine]
    assert list(select_tickets(Ticket.objects.all(), TicketFilters(unassigned=True))) == [nobodys]


def test_it_reads_local_days_both_included():
    period = Period.of_days(datetime.date(2026, 3, 2), datetime.date(2026, 3, 4))

    assert period == (local_day_start(datetime.date(2026, 3, 2)), local_day_start(datetime.date(2026, 3, 5)))
    assert not Period()
    assert Period.of_days(None, None) == Period()
