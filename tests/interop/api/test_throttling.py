"""Each caller has a budget of calls; beyond it, 429 until the window passes."""

from .conftest import client_with, make_key


def test_it_throttles_a_key_beyond_its_rate(settings, service):
    settings.API_THROTTLE_RATE = "3/minute"
    _key, secret = make_key(name="Bavard", services=[service])
    _other, other_secret = make_key(name="Discret", services=[service])
    api = client_with(secret)

    statuses = [api.get("/api/v1/services/").status_code for _ in range(4)]

    assert statuses == [200, 200, 200, 429]
    assert "Retry-After" in api.get("/api/v1/services/")
    # Each key has its own budget.
    assert client_with(other_secret).get("/api/v1/services/").status_code == 200


def test_it_throttles_anonymous_readers_of_the_schema(settings, anonymous_api):
    settings.API_THROTTLE_ANON_RATE = "2/minute"

    statuses = [anonymous_api.get("/api/v1/schema/").status_code for _ in range(3)]

    assert statuses == [200, 200, 429]
