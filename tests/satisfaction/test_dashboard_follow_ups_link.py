"""The service dashboard tells those who call citizens back how many low scores wait for them."""

import pytest
from django.urls import reverse

from satisfaction import surveys

pytestmark = pytest.mark.django_db

SERVICE = reverse("dashboard:service")


@pytest.fixture
def low_score(survey):
    return surveys.record_answer(survey.pk, satisfaction=1, comment="Personne ne m'a rappelé.")


def test_it_counts_the_open_follow_ups_of_the_supervisors_services(client, service_supervisor, low_score):
    client.force_login(service_supervisor)

    page = client.get(SERVICE, HTTP_ACCEPT_LANGUAGE="en").content.decode()

    assert "1 follow-up of a low score to do" in page
    assert reverse("survey:follow_ups") in page


def test_it_leaves_the_follow_ups_of_other_services_out(client, other_supervisor, low_score):
    client.force_login(other_supervisor)

    page = client.get(SERVICE, HTTP_ACCEPT_LANGUAGE="en").content.decode()

    assert "0 follow-ups of low scores to do" in page


def test_it_shows_no_follow_up_link_to_a_manager(client, manager, low_score):
    client.force_login(manager)

    page = client.get(SERVICE, HTTP_ACCEPT_LANGUAGE="en").content.decode()

    assert reverse("survey:follow_ups") not in page
