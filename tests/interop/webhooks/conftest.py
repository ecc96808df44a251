import pytest


@pytest.fixture(autouse=True)
def loopback_is_allowed(settings):
    """The test receivers listen on 127.0.0.1, which webhooks refuse unless the town allows it."""
    settings.WEBHOOK_ALLOWED_NETWORKS = ["127.0.0.0/8"]
