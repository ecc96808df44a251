"""The public service-quality indicators: a page and its open data, without login.

Every answer is cacheable for an hour and carries an ETag that changes when the daily facts
behind it change, so a revalidation costs two small queries and a 304.
"""

import csv

from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.translation import get_language
from django.views.decorators.http import require_safe

from . import public

CACHE_SECONDS = 3600


def _not_modified(request, etag: str):
    """A 304 when the client already holds this version, else None."""
    return get_conditional_response(request, etag=etag)


def _cacheable(response, etag: str, *, public_cache: bool = True, open_data: bool = False):
    response["ETag"] = etag
    if public_cache:
        patch_cache_control(response, public=True, max_age=CACHE_SECONDS)
    else:
        # Only the visitor's browser may keep the page: it carries their CSRF token (the language
        # form) and, once signed in, their name in the menu; a shared cache would hand them on.
        patch_cache_control(response, private=True, max_age=CACHE_SECONDS)
    if open_data:
        response["Access-Control-Allow-Origin"] = "*"
    return response


@require_safe
def indicators_page(request):
    version = public.current_version()
    signed_in = request.user.is_authenticated
    # The page differs by language and by whether someone is signed in (the menu).
    etag = f'W/"{version.etag}-{get_language()}-{f"user{request.user.pk}" if signed_in else "anon"}"'
    response = _not_modified(request, etag)
    if response is None:
        response = render(
            request,
            "public/indicators.html",
            {"indicators": public.compute_indicators(version), "day_steps": public.DAY_STEPS},
        )
    return _cacheable(response, etag, public_cache=False)


@require_safe
def indicators_csv(request):
    version = public.current_version()
    etag = f'W/"{version.etag}-csv"'
    response = _not_modified(request, etag)
    if response is None:
        indicators = public.compute_indicators(version)
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        filename = f"indicateurs-{indicators.period.start:%Y-%m}-{indicators.period.end:%Y-%m}.csv"
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        writer = csv.DictWriter(response, fieldnames=public.FIELDS, lineterminator="\r\n")
        writer.writeheader()
        writer.writerows(_csv_cells(row) for row in public.open_data_rows(indicators))
    return _cacheable(response, etag, open_data=True)


def _csv_cells(row: dict) -> dict:
    """CSV has no null: an empty cell; booleans as true/false, like the JSON."""
    return {
        key: "" if value is None else str(value).lower() if isinstance(value, bool) else value
        for key, value in row.items()
    }


@require_safe
def indicators_json(request):
    version = public.current_version()
    etag = f'W/"{version.etag}-json"'
    response = _not_modified(request, etag)
    if response is None:
        document = public.open_data_document(public.compute_indicators(version))
        response = JsonResponse(document, json_dumps_params={"ensure_ascii": False, "indent": 2})
    return _cacheable(response, etag, open_data=True)
