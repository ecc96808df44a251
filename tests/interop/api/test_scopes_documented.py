"""The documentation page and the schema say which scope each call needs."""

import re


def test_it_names_the_scope_of_each_operation(client, db):
    page = client.get("/api/v1/docs/", HTTP_ACCEPT_LANGUAGE="en").content.decode()

    operations = re.findall(r'<h3 id="[^"]+" class="h4"><code>(\w+) [^<]+</code></h3>', page)
    scopes = re.findall(r"Key scope needed: <code>([a-z0-9:]+)</code>", page)
    assert operations and len(scopes) == len(operations)
    assert all(
        scope == ("api:read" if method == "GET" else "api:write")
        for method, scope in zip(operations, scopes, strict=True)
    )
    assert "<code>open311:file</code> is for reporting applications" in page


def test_it_explains_scopes_in_the_schema(anonymous_api, db):
    schema = anonymous_api.get("/api/v1/schema/?format=json").json()

    description = schema["components"]["securitySchemes"]["apiKey"]["description"]
    assert "`api:read` for GET" in description
    assert "missing_scope" in schema["components"]["schemas"]["Error"]["properties"]
