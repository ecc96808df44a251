"""The benchmark's floor views: served only with BENCH_FLOORS on, one INSERT and one read each."""

import pytest
from django.urls import NoReverseMatch, reverse


def test_it_inserts_one_row_per_post_when_enabled(client, floors, floor_table):
    floors(True)
    response = client.post(reverse("bench_floors:insert"), {"label": "floor"})
    assert response.status_code == 201
    row = floor_table.objects.get()
    assert response.json() == {"id": row.pk}
    assert row.label == "floor"


def test_it_reads_one_row_by_primary_key_when_enabled(client, floors, floor_table):
    floors(True)
    row = floor_table.objects.create(label="read me")
    response = client.get(reverse("bench_floors:read", args=[row.pk]))
    assert response.status_code == 200
    assert response.json() == {"id": row.pk, "label": "read me"}
    assert client.get(reverse("bench_floors:read", args=[row.pk + 1])).status_code == 404


def test_it_refuses_a_get_on_the_insert_floor(client, floors, floor_table):
    floors(True)
    assert client.get(reverse("bench_floors:insert")).status_code == 405
    assert not floor_table.objects.exists()


@pytest.mark.django_db
def test_it_serves_no_floor_when_disabled(client, floors):
    floors(False)
    with pytest.raises(NoReverseMatch):
        reverse("bench_floors:insert")
    assert client.post("/bench/floors/insert/", {"label": "floor"}).status_code == 404
    assert client.get("/bench/floors/read/1/").status_code == 404
