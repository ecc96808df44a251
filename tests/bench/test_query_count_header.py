"""The X-Query-Count header the benchmark reads: the SQL statements of that one request."""

import pytest
from django.urls import reverse

MIDDLEWARE = "bench.floors.middleware.QueryCountMiddleware"


def test_it_counts_the_queries_of_the_request(client, settings, floors, floor_table):
    settings.MIDDLEWARE = [MIDDLEWARE, *settings.MIDDLEWARE]
    floors(True)
    row = floor_table.objects.create(label="counted")
    response = client.get(reverse("bench_floors:read", args=[row.pk]))
    assert response["X-Query-Count"] == "1"
    response = client.post(reverse("bench_floors:insert"), {"label": "floor"})
    assert response["X-Query-Count"] == "1"


@pytest.mark.django_db
def test_it_adds_no_header_without_the_floors(client):
    assert "X-Query-Count" not in client.get(reverse("requests_app:accessibility"))
