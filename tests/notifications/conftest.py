import pytest

from tests.factories import TicketFactory

from .backends import REFUSING_MAILERS


@pytest.fixture
def refusing_mailer(settings):
    """Every e-mail is refused, as when the SMTP relay is down."""
    settings.MAILERS = REFUSING_MAILERS


@pytest.fixture
def ticket(category):
    """A request filed on the web without an account; its acknowledgement is still pending."""
    return TicketFactory(
        category=category,
        subject="Lampadaire éteint rue Victor-Hugo",
        contact_name="Camille Martin",
        contact_email="camille@example.fr",
    )
