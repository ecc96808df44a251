"""One table of a dashboard as a file: the page's URL with `?format=csv|xlsx&table=…`."""

from django.http import Http404, HttpResponseBadRequest
from django.utils.translation import gettext as _

from .. import exports

# Query parameters of a download, beside the period and filters.
EXPORT_PARAMETERS = ("format", "table")


def maybe_download(request, builders: dict, period):
    export_format = request.GET.get("format")
    if export_format is None:
        return None
    if export_format not in exports.FORMATS:
        return HttpResponseBadRequest(_("Unknown download format."))
    name = request.GET.get("table", "")
    if name not in builders:
        raise Http404("No such table on this dashboard")
    return exports.download(builders[name](), export_format, start=period.start, end=period.end)
