"""Fixtures of the satisfaction tests: a resolved request, its survey and its signed link."""

import pytest

from accounts.models import Role
from satisfaction import surveys
from satisfaction.models import BarometerQuestion
from tests.accounts.helpers import log_in_with_second_factor
from tests.factories import TicketFactory, UserFactory


@pytest.fixture
def resolved_ticket(category, agent):
    return TicketFactory(category=category, agent=agent, resolved=True, contact_email="camille@example.fr")


@pytest.fixture
def survey(resolved_ticket):
    return resolved_ticket.survey


@pytest.fixture
def survey_token(survey):
    return surveys.survey_token(survey)


@pytest.fixture
def service_supervisor(service):
    """A supervisor of the service in charge only."""
    return UserFactory(email="cheffe.voirie@mairie.example", role=Role.SUPERVISOR, services=[service])


@pytest.fixture
def other_supervisor(other_service):
    """A supervisor of another service only."""
    return UserFactory(email="chef.etat-civil@mairie.example", role=Role.SUPERVISOR, services=[other_service])


@pytest.fixture
def asked_criteria(db):
    """Three barometer statements asked, one per pillar, in this order."""
    codes = ["clarity", "traceability", "experience"]
    for order, code in enumerate(codes):
        BarometerQuestion.objects.filter(code=code).update(is_asked=True, order=order)
    return codes


@pytest.fixture
def admin_client_for(client, administrator):
    """The test client signed in as the administrator (who may use the admin)."""

    def signed_in():
        log_in_with_second_factor(client, administrator)
        return client

    return signed_in
