"""The API's documentation page, rendered on the server from the same OpenAPI schema as /schema/.

No script and nothing from a CDN: one accessible page listing each operation by tag with its
parameters, request fields and responses.
"""

from django.shortcuts import render
from django.views.decorators.http import require_safe
from drf_spectacular.generators import SchemaGenerator

from .permissions import scope_for_method

METHODS = ("get", "post", "put", "patch", "delete")


def _resolve(schema: dict, components: dict) -> dict:
    ref = schema.get("$ref", "")
    if ref.startswith("#/components/schemas/"):
        return components.get(ref.rsplit("/", 1)[-1], {})
    return schema


def _type_of(schema: dict, components: dict) -> str:
    if "$ref" in schema:
        target = schema["$ref"].rsplit("/", 1)[-1]
        resolved = components.get(target, {})
        if "enum" in resolved:
            return " | ".join(str(value) for value in resolved["enum"] if value not in ("", None))
        return target
    if "allOf" in schema or "oneOf" in schema:
        parts = schema.get("allOf") or schema.get("oneOf")
        return " | ".join(_type_of(part, components) for part in parts)
    kind = schema.get("type", "object")
    if kind == "array":
        return f"[{_type_of(schema.get('items', {}), components)}]"
    if "enum" in schema:
        return " | ".join(str(value) for value in schema["enum"] if value not in ("", None))
    return f"{kind} ({schema['format']})" if "format" in schema else kind


def _fields(schema: dict, components: dict) -> list[dict]:
    schema = _resolve(schema, components)
    required = set(schema.get("required", []))
    return [
        {
            "name": name,
            "type": _type_of(field, components) + (" | null" if field.get("nullable") else ""),
            "required": name in required,
            "read_only": field.get("readOnly", False),
            "description": field.get("description", ""),
        }
        for name, field in schema.get("properties", {}).items()
    ]


def _operation(path: str, method: str, operation: dict, components: dict) -> dict:
    body = operation.get("requestBody", {}).get("content", {})
    media_types = list(body)
    fields = _fields(body[media_types[0]].get("schema", {}), components) if media_types else []
    responses = []
    for code, response in operation.get("responses", {}).items():
        content = response.get("content", {})
        schema = next(iter(content.values()), {}).get("schema", {}) if content else {}
        responses.append(
            {
                "code": code,
                "description": response.get("description", ""),
                "type": _type_of(schema, components) if schema else "",
            }
        )
    return {
        "id": operation.get("operationId", f"{method}-{path}"),
        "method": method.upper(),
        "path": path,
        "summary": operation.get("summary", ""),
        "scope": scope_for_method(method).value,
        "description": operation.get("description", ""),
        "parameters": [
            {
                "name": parameter["name"],
                "location": parameter["in"],
                "required": parameter.get("required", False),
                "type": _type_of(parameter.get("schema", {}), components),
                "description": parameter.get("description", ""),
            }
            for parameter in operation.get("parameters", [])
        ],
        "media_types": media_types,
        "fields": fields,
        "responses": responses,
    }


def documentation(schema: dict) -> list[dict]:
    """Operations grouped by their first tag, in path order."""
    components = schema.get("components", {}).get("schemas", {})
    groups: dict[str, list[dict]] = {}
    for path, item in schema.get("paths", {}).items():
        for method in METHODS:
            if method in item:
                operation = item[method]
                tag = (operation.get("tags") or ["api"])[0]
                groups.setdefault(tag, []).append(_operation(path, method, operation, components))
    return [{"tag": tag, "operations": operations} for tag, operations in groups.items()]


@require_safe
def api_docs(request):
    schema = SchemaGenerator().get_schema(request=None, public=True)
    context = {"schema_info": schema.get("info", {}), "groups": documentation(schema)}
    return render(request, "api/docs.html", context)
