"""The agent's request page says how the citizen rated it."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from requests_app.models import Kind
from satisfaction import surveys
from tests.factories import TicketFactory


def _block(client, ticket) -> str:
    page = client.get(ticket.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    start = page.index('id="satisfaction"')
    return page[start : page.index("</section>", start)]


def test_it_says_when_a_request_was_not_surveyed(client, agent, category):
    ticket = TicketFactory(category=category, agent=agent, resolved=True, kind=Kind.COMPLIMENT)
    client.force_login(agent)

    assert "Not surveyed." in _block(client, ticket)


def test_it_says_the_invitation_waits_for_an_answer(client, agent, resolved_ticket):
    client.force_login(agent)

    block = _block(client, resolved_ticket)

    assert "Invitation sent on" in block
    assert "no answer yet" in block


def test_it_shows_the_answer_with_the_barometer_and_the_follow_up(
    client, agent, survey, resolved_ticket, asked_criteria, service_supervisor
):
    surveys.record_answer(
        survey.pk,
        satisfaction=2,
        effort=3,
        resolved=False,
        trust=1,
        comment="Le trou est revenu au bout d'une semaine.",
        criteria={"clarity": 4},
    )
    client.force_login(agent)

    block = _block(client, resolved_ticket)

    assert "2 out of 5" in block
    assert "3 out of 5" in block
    assert "1 out of 5" in block
    assert '<dt class="col-sm-6">Settled</dt><dd class="col-sm-6">No</dd>' in block
    assert "Le trou est revenu au bout d&#x27;une semaine." in block
    assert "The messages I received were clear." in block
    assert "4 — Agree" in block
    assert "Follow-up to do" in block


def test_it_shows_a_follow_up_done(client, service_supervisor, survey, resolved_ticket):
    surveys.record_answer(survey.pk, satisfaction=1, comment="Rien n'a été fait.")
    surveys.mark_follow_up_done(survey.follow_up.pk, by=service_supervisor, note="Rappelée, équipe passée mardi.")
    client.force_login(service_supervisor)

    block = _block(client, resolved_ticket)

    assert "Follow-up done" in block
    assert "Rappelée, équipe passée mardi." in block


def test_it_reads_the_survey_in_one_query(client, agent, category, service_supervisor, asked_criteria):
    quiet = TicketFactory(category=category, agent=agent, resolved=True, kind=Kind.COMPLIMENT)
    rated = TicketFactory(category=category, agent=agent, resolved=True)
    surveys.record_answer(rated.survey.pk, satisfaction=1, comment="Rien.", criteria={"clarity": 1, "traceability": 2})
    surveys.mark_follow_up_done(rated.survey.follow_up.pk, by=service_supervisor, note="Rappelé.")
    client.force_login(agent)
    client.get(quiet.get_absolute_url())  # warm the session

    counts = []
    for ticket in (quiet, rated):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(ticket.get_absolute_url()).status_code == 200
        counts.append(len(queries))

    assert counts[0] == counts[1]
    assert sum("satisfaction_survey" in query["sql"] for query in queries.captured_queries) == 1
