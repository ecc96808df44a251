"""Duration histograms kept in the daily rollups, so medians and p90 come from stored facts.

A duration falls in the first bucket whose upper bound (in hours) it does not exceed; the last
bucket is open-ended. A quantile read from a histogram is the upper bound of the bucket that
holds it ("half of the requests got an answer within 24 hours").
"""

import bisect
import datetime

# Upper bounds in hours: 1 h, 2 h, 4 h, 8 h, 1 d, 2 d, 3 d, 5 d, 7 d, 10 d, 14 d, 21 d, 30 d, 60 d, 90 d, then more.
DURATION_BOUNDS_HOURS = (1, 2, 4, 8, 24, 48, 72, 120, 168, 240, 336, 504, 720, 1440, 2160)
DURATION_BUCKETS = len(DURATION_BOUNDS_HOURS) + 1

# Age of the open requests at the end of a day, in days: 0-2, 3-7, 8-15, 16-30, 31-60, more than 60.
AGE_BOUNDS_DAYS = (2, 7, 15, 30, 60)
AGE_BUCKETS = len(AGE_BOUNDS_DAYS) + 1


def duration_bucket(duration: datetime.timedelta) -> int:
    hours = duration.total_seconds() / 3600
    return bisect.bisect_left(DURATION_BOUNDS_HOURS, hours)


def age_bucket(days: int) -> int:
    return bisect.bisect_left(AGE_BOUNDS_DAYS, days)


def empty_histogram(size: int = DURATION_BUCKETS) -> list[int]:
    return [0] * size


def add_histograms(total: list[int], other: list[int]) -> list[int]:
    """Element-wise sum; a shorter or empty list counts as zeros."""
    size = max(len(total), len(other))
    return [(total[i] if i < len(total) else 0) + (other[i] if i < len(other) else 0) for i in range(size)]


def quantile_bucket(histogram: list[int], q: float) -> int | None:
    """Index of the bucket holding the nearest-rank quantile `q` (0 < q ≤ 1); None when empty.

    Nearest rank: the ⌈q·n⌉-th smallest duration, so a direct computation over the durations
    (sorted, that element, its bucket) gives the same bucket.
    """
    count = sum(histogram)
    if count == 0:
        return None
    rank = q * count
    seen = 0
    for index, size in enumerate(histogram):
        seen += size
        if seen >= rank:
            return index
    return len(histogram) - 1


def bucket_upper_hours(index: int) -> int | None:
    """The bucket's upper bound in hours; None for the open-ended last bucket."""
    return DURATION_BOUNDS_HOURS[index] if index < len(DURATION_BOUNDS_HOURS) else None
