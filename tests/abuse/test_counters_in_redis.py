"""With Redis, the counters are shared by every web node and expire with their window."""

import os
import subprocess
import sys

import pytest
import redis
from django.conf import settings
from django.core.cache import cache
from django.urls import reverse

from citizen_crm import ratelimit
from tests.accounts.helpers import signup_data

pytestmark = pytest.mark.redis

ANOTHER_NODE = """
import django
django.setup()
from citizen_crm import ratelimit
for _attempt in range(2):
    ratelimit.limit_identity("signup", "sasha@example.fr")
"""


def test_it_counts_what_another_node_counted(client, db, limit):
    limit("signup", identity="2/day")
    # Another process, as another web node would be, signs the same address up twice.
    environment = {**os.environ, "REDIS_URL": settings.REDIS_URL, "RATE_LIMIT_SIGNUP_PER_EMAIL": "2/day"}
    subprocess.run([sys.executable, "-c", ANOTHER_NODE], env=environment, check=True, cwd=settings.BASE_DIR)

    response = client.post(reverse("accounts:signup"), signup_data(email="sasha@example.fr"))

    assert response.status_code == 429


def test_it_stores_counters_that_expire_with_their_window(limit):
    limit("tracking_lookup", identity="5/hour")
    ratelimit.limit_identity("tracking_lookup", "sasha@example.fr")

    server = redis.Redis.from_url(settings.REDIS_URL)
    generation = cache.get(ratelimit.GENERATION_KEY)
    keys = list(server.scan_iter(match=f"*ratelimit:{generation}:tracking_lookup:identity:*"))
    assert len(keys) == 1
    assert b"sasha" not in keys[0]  # a hash of the address, not the address
    assert 0 < server.ttl(keys[0]) <= 3601
    assert int(server.get(keys[0])) == 1
