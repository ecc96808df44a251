"""Open311 GeoReport v2 endpoints: parse the call, ask the module in charge, answer in the asked format.

Every answer, errors included, is in the format named by the extension (`.xml` or `.json`);
an unknown extension or path is a 404 in XML, the format every client reads.
"""

from functools import wraps

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language, gettext
from django.views.decorators.csrf import csrf_exempt

from citizen_crm import ratelimit

from . import arguments, catalogue, filing, georeport
from .arguments import Open311Error
from .formats import FORMATS, render, render_errors


def endpoint(*methods: str):
    """Check the format, the method and the jurisdiction; turn refusals into the spec's errors."""
    allowed = [*methods, "HEAD"] if "GET" in methods else list(methods)

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, fmt, **kwargs):
            if fmt not in FORMATS:
                return render_errors("xml", 404, [gettext("Unknown format “%(fmt)s”: use xml or json.") % {"fmt": fmt}])
            if request.method not in allowed:
                return render_errors(
                    fmt,
                    405,
                    [gettext("Method %(method)s is not allowed here.") % {"method": request.method}],
                    headers={"Allow": ", ".join(allowed)},
                )
            try:
                params = _params(request)
                arguments.check_no_null_characters(params, kwargs)
                arguments.check_jurisdiction(params)
                return view(request, *args, fmt=fmt, **kwargs)
            except Open311Error as error:
                return render_errors(fmt, error.status, error.descriptions)

        return csrf_exempt(wrapper)

    return decorator


def _params(request):
    """The call's arguments: the form body of a POST, with the query string for what it lacks."""
    if request.method != "POST":
        return request.GET
    params = request.POST.copy()
    for name in request.GET:
        if name not in params:
            params.setlist(name, request.GET.getlist(name))
    return params


@endpoint("GET")
def discovery(request, fmt):
    base_path = reverse("open311:discovery", kwargs={"fmt": fmt}).rsplit("/", 1)[0]
    return render(fmt, "discovery", catalogue.discovery(settings.SITE_URL + base_path))


@endpoint("GET")
def services(request, fmt):
    return render(fmt, "services", catalogue.list_services())


@endpoint("GET")
def service_definition(request, fmt, service_code):
    return render(fmt, "service_definition", catalogue.service_definition(service_code))


@endpoint("GET", "POST")
def service_requests(request, fmt):
    params = _params(request)
    if request.method == "POST":
        try:
            # Per address before the key is checked, so that guessing keys is limited too.
            ratelimit.limit_address(request, "open311_post")
            api_key = arguments.authenticate(params, required=True)
            ratelimit.limit_identity("open311_post", f"key:{api_key.pk}")
        except ratelimit.RateLimited as limited:
            return render_errors(
                fmt,
                429,
                [gettext("Too many requests: try again in %(seconds)d seconds.") % {"seconds": limited.retry_after}],
                headers={"Retry-After": str(limited.retry_after)},
            )
        created = filing.file_request(params, api_key, language=get_language() or settings.LANGUAGE_CODE)
        return render(fmt, "service_requests", [created])
    return render(fmt, "service_requests", georeport.search_requests(params, now=timezone.now()))


@endpoint("GET")
def service_request(request, fmt, service_request_id):
    return render(fmt, "service_requests", georeport.get_request(service_request_id))


@endpoint("GET")
def token(request, fmt, token):
    # Requests are created at once ("realtime"): no token is ever issued, so none can be found.
    raise Open311Error(404, gettext("token “%(token)s” was not found.") % {"token": token})


@endpoint("GET")
def service_request_updates(request, fmt):
    params = _params(request)
    arguments.authenticate(params, required=False)
    return render(fmt, "service_requests_updates", georeport.search_updates(params, now=timezone.now()))


@csrf_exempt
def not_found(request, path=""):
    return render_errors("xml", 404, [gettext("There is no Open311 resource here.")])
