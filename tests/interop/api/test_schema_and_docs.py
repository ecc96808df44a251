"""The OpenAPI schema and the documentation page built from it."""

import yaml


def test_it_publishes_an_openapi_3_schema(anonymous_api):
    response = anonymous_api.get("/api/v1/schema/")

    assert response.status_code == 200
    schema = yaml.safe_load(response.content)
    assert schema["openapi"].startswith("3.")
    assert "/api/v1/tickets/{reference}/request-info/" in schema["paths"]
    assert schema["components"]["securitySchemes"]["apiKey"]["scheme"] == "bearer"


def test_it_publishes_the_schema_in_json_too(anonymous_api):
    response = anonymous_api.get("/api/v1/schema/", {"format": "json"})

    assert response.status_code == 200
    assert response.json()["info"]["title"] == "Relation Citoyen API"


def test_it_documents_every_operation_on_one_page(client, db):
    response = client.get("/api/v1/docs/", HTTP_ACCEPT_LANGUAGE="en")

    assert response.status_code == 200
    page = response.content.decode()
    assert "<h1>REST API documentation</h1>" in page
    assert "POST /api/v1/tickets/{reference}/merge/" in page
    assert "<code>into</code>" in page
    assert "Bearer" in page


def test_it_answers_unknown_api_paths_in_json(api):
    response = api.get("/api/v1/nothing-here/")

    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"


def test_it_redirects_a_path_without_its_final_slash(api):
    response = api.get("/api/v1/services")

    assert response.status_code == 301
    assert response["Location"] == "/api/v1/services/"
