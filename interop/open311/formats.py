"""The two Open311 output formats: XML (required by the specification) and JSON.

Responses are built as plain Python values first (dicts in field order, lists, strings, numbers,
booleans, None) and written out here, so the XML and the JSON of one resource cannot drift.
JSON follows the specification's "Spark convention": the root element disappears, a repeated
element becomes an array.
"""

import json
import re
import xml.etree.ElementTree as ET

from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponse

FORMATS = {"xml": "text/xml; charset=utf-8", "json": "application/json; charset=utf-8"}
XML_DECLARATION = b'<?xml version="1.0" encoding="utf-8"?>\n'

# The element that wraps each item of a list, by the list's element name.
ITEM_ELEMENTS = {
    "services": "service",
    "service_requests": "request",
    "service_requests_updates": "request_update",
    "attributes": "attribute",
    "values": "value",
    "endpoints": "endpoint",
    "formats": "format",
    "errors": "error",
}
# Characters XML 1.0 cannot carry at all, even escaped: dropped from any text written out.
XML_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return XML_FORBIDDEN.sub("", str(value))


def _fill(element: ET.Element, value) -> None:
    if isinstance(value, dict):
        for name, child in value.items():
            _fill(ET.SubElement(element, name), child)
    elif isinstance(value, list | tuple):
        item_name = ITEM_ELEMENTS[element.tag]
        for item in value:
            _fill(ET.SubElement(element, item_name), item)
    else:
        text = _text(value)
        if text:
            element.text = text


def to_xml(root: str, value) -> bytes:
    element = ET.Element(root)
    _fill(element, value)
    return XML_DECLARATION + ET.tostring(element, encoding="utf-8", xml_declaration=False)


def to_json(value) -> bytes:
    return json.dumps(value, cls=DjangoJSONEncoder, ensure_ascii=False).encode()


def render(fmt: str, root: str, value, *, status: int = 200) -> HttpResponse:
    """`value` under the XML element `root` (a list: one child per item), or as JSON."""
    body = to_xml(root, value) if fmt == "xml" else to_json(value)
    return HttpResponse(body, status=status, content_type=FORMATS[fmt])


def render_errors(fmt: str, status: int, descriptions: list[str], *, headers: dict | None = None) -> HttpResponse:
    """The specification's error document: one `error` per problem, all with the HTTP status as code."""
    errors = [{"code": status, "description": str(description)} for description in descriptions]
    response = render(fmt, "errors", errors, status=status)
    for name, value in (headers or {}).items():
        response[name] = value
    return response
