"""How the dashboards write figures: counts, rates, scores, delays, periods, and their tiles."""

import datetime

from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .. import stats
from ..buckets import DURATION_BOUNDS_HOURS
from ..forms_dashboard import bucket_end

DASH = "\u2013"  # en dash: no figure


def number(value) -> str:
    return formats.number_format(value, force_grouping=True)


def percent(rate) -> str:
    return DASH if rate is None else _("%(value)s %%") % {"value": formats.number_format(rate * 100, 0)}


def score(value) -> str:
    return DASH if value is None else _("%(value)s / 5") % {"value": formats.number_format(value, 1)}


def delay(hours, beyond=False) -> str:
    """A duration read from the histograms: the upper bound of its bucket (“≤ 2 days”)."""
    if hours is None:
        return DASH
    labels = stats.duration_bucket_labels()
    if beyond and hours == DURATION_BOUNDS_HOURS[-1]:
        return labels[-1]
    return labels[DURATION_BOUNDS_HOURS.index(hours)] if hours in DURATION_BOUNDS_HOURS else str(hours)


def rate_value(rate):
    return None if rate is None else round(rate * 100, 1)


def score_value(score):
    return None if score is None else round(score, 2)


def bucket_label(period, bucket: datetime.date) -> str:
    if period.granularity == "day":
        return formats.date_format(bucket, "SHORT_DATE_FORMAT")
    if period.granularity == "week":
        return _("Week of %(day)s") % {"day": formats.date_format(bucket, "SHORT_DATE_FORMAT")}
    return formats.date_format(bucket, "YEAR_MONTH_FORMAT")


def bucket_range(period, bucket):
    return max(bucket, period.start), bucket_end(period, bucket)


def change_text(current, previous, unit: str) -> str:
    """How a figure moved since the previous period, in words (read as such by screen readers)."""
    if current is None or previous is None:
        return _("no comparison with the previous period")
    if unit in ("count", "hours"):
        if previous == 0:
            return _("stable compared with the previous period") if current == 0 else _("none in the previous period")
        change = (current - previous) / previous * 100
        amount = _("%(value)s %%") % {"value": formats.number_format(abs(change), 0)}
    elif unit == "rate":
        change = (current - previous) * 100
        points = abs(round(change))
        amount = ngettext("%(value)s point", "%(value)s points", points) % {"value": points}
    else:
        change = current - previous
        amount = formats.number_format(abs(change), 1)
    if round(change, 1) == 0:
        return _("stable compared with the previous period")
    if change > 0:
        return _("up %(amount)s compared with the previous period") % {"amount": amount}
    return _("down %(amount)s compared with the previous period") % {"amount": amount}


def tile(label, value, text, previous, previous_text, unit, url=""):
    return {
        "label": label,
        "value": value,
        "text": text,
        "previous": previous_text,
        "change": change_text(value, previous, unit),
        # A figure of nothing has no list behind it.
        "url": url if value else "",
    }


def shown(value, show) -> str:
    return DASH if value is None else show(value)
