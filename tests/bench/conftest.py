import importlib

import pytest
from django.db import connection
from django.urls import clear_url_caches

import citizen_crm.urls


def _reload_urls():
    importlib.reload(citizen_crm.urls)
    clear_url_caches()


@pytest.fixture
def floors(settings):
    """The project's URLs as built with BENCH_FLOORS on or off; back to the real ones after."""

    def switch(enabled: bool):
        settings.BENCH_FLOORS = enabled
        _reload_urls()

    yield switch
    settings.BENCH_FLOORS = False
    _reload_urls()


@pytest.fixture
def floor_table(transactional_db):
    """The floors' table, which only exists in databases migrated with BENCH_FLOORS on."""
    from bench.floors.models import FloorRow

    with connection.schema_editor() as editor:
        editor.create_model(FloorRow)
    yield FloorRow
    with connection.schema_editor() as editor:
        editor.delete_model(FloorRow)
