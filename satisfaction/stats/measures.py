"""How figures are measured and named: ratios, quantiles read from histograms, bucket and code labels."""

from django.utils.translation import gettext, ngettext

from requests_app.models import Channel, Kind

from ..buckets import AGE_BOUNDS_DAYS, DURATION_BOUNDS_HOURS, quantile_bucket


def duration_bucket_labels() -> list[str]:
    """'≤ 1 h' … '≤ 90 days', '> 90 days', in the active language."""
    labels = []
    for hours in DURATION_BOUNDS_HOURS:
        if hours < 24:
            labels.append(gettext("≤ %(hours)d h") % {"hours": hours})
        else:
            days = hours // 24
            labels.append(ngettext("≤ %(days)d day", "≤ %(days)d days", days) % {"days": days})
    last = DURATION_BOUNDS_HOURS[-1] // 24
    labels.append(ngettext("> %(days)d day", "> %(days)d days", last) % {"days": last})
    return labels


def age_bucket_labels() -> list[str]:
    """'0 to 2 days', '3 to 7 days' … '> 60 days', in the active language."""
    labels = []
    low = 0
    for high in AGE_BOUNDS_DAYS:
        labels.append(gettext("%(low)d to %(high)d days") % {"low": low, "high": high})
        low = high + 1
    labels.append(gettext("> %(days)d days") % {"days": AGE_BOUNDS_DAYS[-1]})
    return labels


def channel_label(code: str) -> str:
    return str(Channel(code).label) if code in Channel.values else code


def kind_label(code: str) -> str:
    return str(Kind(code).label) if code in Kind.values else code


def ratio(part, whole) -> float | None:
    return part / whole if whole else None


def quantile_hours(histogram: list[int], q: float) -> tuple[int | None, bool]:
    """(upper bound in hours or None when empty, whether it fell in the open-ended bucket)."""
    index = quantile_bucket(histogram, q)
    if index is None:
        return None, False
    if index >= len(DURATION_BOUNDS_HOURS):
        return DURATION_BOUNDS_HOURS[-1], True
    return DURATION_BOUNDS_HOURS[index], False
