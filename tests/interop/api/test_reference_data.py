"""Categories with their questions, and services: what an integration needs to file requests."""

from requests_app.models import CategoryField
from tests.factories import CategoryFactory, ServiceFactory


def test_it_lists_active_categories_with_their_questions(api, category, service, django_assert_max_num_queries):
    CategoryField.objects.create(
        category=category,
        code="size",
        label="Size",
        datatype=CategoryField.Datatype.SINGLE_CHOICE,
        values=[{"key": "s", "name": "Small"}, {"key": "l", "name": "Large"}],
    )
    CategoryFactory(service=service, is_active=False)
    for _ in range(5):
        CategoryFactory(service=service)

    with django_assert_max_num_queries(6):
        response = api.get("/api/v1/categories/")

    assert response.status_code == 200
    categories = {c["service_code"]: c for c in response.json()}
    assert len(categories) == 6
    assert categories["nid-de-poule"]["fields"][0]["values"] == [
        {"key": "s", "name": "Small"},
        {"key": "l", "name": "Large"},
    ]


def test_it_lists_active_services(api, service):
    ServiceFactory(name="Ancien service", slug="ancien", is_active=False)

    response = api.get("/api/v1/services/")

    assert [s["slug"] for s in response.json()] == ["voirie"]


def test_it_refuses_reference_data_without_a_key(anonymous_api, service):
    assert anonymous_api.get("/api/v1/categories/").status_code == 401
    assert anonymous_api.get("/api/v1/services/").status_code == 401
