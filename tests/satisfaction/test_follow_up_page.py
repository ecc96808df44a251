"""The follow-ups page: supervisors see their services' open follow-ups and mark them done with a note."""

import pytest
from django.urls import reverse

from satisfaction import surveys
from satisfaction.models import FollowUp
from tests.accounts.helpers import log_in_with_second_factor
from tests.factories import TicketFactory

PAGE = reverse("survey:follow_ups")


def _done_url(follow_up):
    return reverse("survey:follow_up_done", args=[follow_up.pk])


@pytest.fixture
def follow_up(survey, service_supervisor):
    surveys.record_answer(survey.pk, satisfaction=1, comment="Personne n'est venu.")
    return FollowUp.objects.get(survey=survey)


def test_it_lists_the_open_follow_ups_of_the_supervisors_services(client, follow_up, service_supervisor):
    client.force_login(service_supervisor)

    response = client.get(PAGE, HTTP_ACCEPT_LANGUAGE="en")

    page = response.content.decode()
    assert response.status_code == 200
    assert follow_up.survey.ticket.reference in page
    assert "Personne n&#x27;est venu." in page
    assert _done_url(follow_up) in page


def test_it_shows_nothing_of_other_services(client, follow_up, other_supervisor):
    client.force_login(other_supervisor)

    page = client.get(PAGE, HTTP_ACCEPT_LANGUAGE="en").content.decode()

    assert follow_up.survey.ticket.reference not in page
    assert "No follow-up waiting" in page
    response = client.post(_done_url(follow_up), {f"follow-up-{follow_up.pk}-note": "Rappelé."})
    assert response.status_code == 404
    assert FollowUp.objects.get(pk=follow_up.pk).status == "open"


def test_it_lets_an_administrator_see_every_service(client, follow_up, administrator):
    log_in_with_second_factor(client, administrator)

    assert follow_up.survey.ticket.reference in client.get(PAGE).content.decode()


@pytest.mark.parametrize("persona", ["citizen", "agent", "manager"])
def test_it_refuses_everyone_else(client, follow_up, persona, request):
    client.force_login(request.getfixturevalue(persona))

    assert client.get(PAGE).status_code == 403
    assert client.post(_done_url(follow_up), {f"follow-up-{follow_up.pk}-note": "Vu."}).status_code == 403
    assert FollowUp.objects.get(pk=follow_up.pk).status == "open"


def test_it_sends_anonymous_people_to_the_login_page(client, follow_up):
    response = client.get(PAGE)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))
    assert client.post(_done_url(follow_up)).status_code == 302
    assert FollowUp.objects.get(pk=follow_up.pk).status == "open"


def test_it_marks_one_done_with_a_note(client, follow_up, service_supervisor):
    client.force_login(service_supervisor)

    response = client.post(
        _done_url(follow_up), {f"follow-up-{follow_up.pk}-note": "Rappelée le 12, passage prévu lundi."}, follow=True
    )

    assert response.redirect_chain == [(PAGE, 302)]
    follow_up.refresh_from_db()
    assert (follow_up.status, follow_up.done_by, follow_up.note) == (
        "done",
        service_supervisor,
        "Rappelée le 12, passage prévu lundi.",
    )
    assert follow_up.done_at is not None
    assert follow_up.survey.ticket.reference not in response.content.decode()


def test_it_asks_for_the_note(client, follow_up, service_supervisor):
    client.force_login(service_supervisor)

    response = client.post(_done_url(follow_up), {f"follow-up-{follow_up.pk}-note": "  "}, HTTP_ACCEPT_LANGUAGE="en")

    assert response.status_code == 400
    assert "Say what was done before marking the follow-up done." in response.content.decode()
    assert FollowUp.objects.get(pk=follow_up.pk).status == "open"


def test_it_takes_a_double_click_calmly(client, follow_up, service_supervisor):
    client.force_login(service_supervisor)
    data = {f"follow-up-{follow_up.pk}-note": "Rappelé."}
    client.post(_done_url(follow_up), data)

    response = client.post(_done_url(follow_up), {f"follow-up-{follow_up.pk}-note": "Encore."}, follow=True)

    assert response.status_code == 200
    follow_up.refresh_from_db()
    assert follow_up.note == "Rappelé."


def test_it_reads_the_page_in_a_bounded_number_of_queries(
    client, category, agent, service_supervisor, django_assert_max_num_queries
):
    client.force_login(service_supervisor)

    def add_follow_ups(count):
        for _ in range(count):
            ticket = TicketFactory(category=category, agent=agent, resolved=True)
            surveys.record_answer(ticket.survey.pk, satisfaction=1, comment="Rien n'a changé.")

    add_follow_ups(1)
    with django_assert_max_num_queries(8) as few:
        client.get(PAGE)
    add_follow_ups(6)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(PAGE)
    assert len(response.context["follow_ups"]) == 7
