"""The catalogue: the discovery document and the services (categories) the server accepts reports in.

Published ("services"): the active categories of kind *report* (problems in public space) of
active services; Open311 is a protocol for such reports, not for questions or complaints.
"""

from django.conf import settings
from django.utils.translation import gettext

from interop.models import ApiKey
from requests_app.models import Category, Kind

from .arguments import Open311Error

SPECIFICATION = "http://wiki.open311.org/GeoReport_v2"
# When this server's Open311 interface last changed (the discovery document's changeset).
CHANGESET = "2026-11-23T00:00:00+01:00"


def discovery(base_url: str) -> dict:
    return {
        "changeset": CHANGESET,
        "contact": gettext("%(name)s — %(email)s — %(phone)s")
        % {
            "name": settings.MUNICIPALITY_NAME,
            "email": settings.MUNICIPALITY_EMAIL,
            "phone": settings.MUNICIPALITY_PHONE,
        },
        "key_service": gettext("Ask the town hall for an API key: %(email)s") % {"email": settings.MUNICIPALITY_EMAIL},
        "endpoints": [
            {
                "specification": SPECIFICATION,
                "url": base_url,
                "changeset": CHANGESET,
                "type": "production",
                "formats": ["text/xml", "application/json"],
            }
        ],
    }


def open311_categories():
    return Category.objects.filter(is_active=True, service__is_active=True, kind=Kind.REPORT)


def list_services() -> list[dict]:
    categories = (
        open311_categories().select_related("service").prefetch_related("fields").order_by("service__name", "name")
    )
    return [
        {
            "service_code": category.service_code,
            "service_name": category.name,
            "description": category.description,
            "metadata": bool(category.fields.all()),
            "type": "realtime",
            "keywords": ", ".join([category.service.name, category.get_kind_display()]),
            "group": category.service.name,
        }
        for category in categories
    ]


def get_category(service_code: str, *, api_key: ApiKey | None = None) -> Category:
    """The Open311 category of `service_code` (404 otherwise).

    With `api_key`, the category says in `key_may_file` whether the key may file there, from the
    same query.
    """
    categories = open311_categories().select_related("service").filter(service_code=service_code)
    if api_key is not None:
        categories = categories.annotate(key_may_file=api_key.may_file_in_expression())
    category = categories.first()
    if category is None:
        raise Open311Error(404, gettext("service_code “%(code)s” was not found.") % {"code": service_code})
    return category


def service_definition(service_code: str) -> dict:
    category = get_category(service_code)
    attributes = []
    for position, field in enumerate(category.fields.order_by("order", "pk"), start=1):
        attributes.append(
            {
                "variable": True,
                "code": field.code,
                "datatype": field.datatype,
                "required": field.required,
                "datatype_description": field.help_text or field.get_datatype_display(),
                "order": position,
                "description": field.label,
                "values": [{"key": value["key"], "name": value["name"]} for value in field.values or []],
            }
        )
    return {"service_code": category.service_code, "attributes": attributes}


def service_notice(category: Category) -> str:
    return gettext("Handled by %(service)s; answer expected within %(days)d business days.") % {
        "service": category.service.name,
        "days": category.sla_days,
    }
