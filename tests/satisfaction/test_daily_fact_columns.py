"""The integer columns the dashboards add up are kept by the database from the facts' JSON."""

from django.utils import timezone

from satisfaction.buckets import DURATION_BUCKETS
from satisfaction.models import DailyFact, duration_bucket_column, pillar_column
from satisfaction.podium import PILLAR_LABELS


def test_it_mirrors_every_bucket_and_pillar_sum_in_its_column(category):
    first = list(range(1, DURATION_BUCKETS + 1))
    resolution = [0] * (DURATION_BUCKETS - 1) + [7]
    pillar = next(iter(PILLAR_LABELS))
    fact = DailyFact.objects.create(
        day=timezone.localdate(),
        service=category.service,
        category=category,
        channel="web",
        kind="report",
        first_response_histogram=first,
        resolution_histogram=resolution,
        pillar_sums={pillar: [17, 5]},
    )
    fact.refresh_from_db()

    assert [
        getattr(fact, duration_bucket_column("first_response_histogram", i)) for i in range(DURATION_BUCKETS)
    ] == first
    assert [
        getattr(fact, duration_bucket_column("resolution_histogram", i)) for i in range(DURATION_BUCKETS)
    ] == resolution
    assert getattr(fact, pillar_column(pillar, "sum")) == 17
    assert getattr(fact, pillar_column(pillar, "count")) == 5
    others = [code for code in PILLAR_LABELS if code != pillar]
    assert all(getattr(fact, pillar_column(code, "sum")) is None for code in others)


def test_it_follows_a_rewritten_histogram(category):
    fact = DailyFact.objects.create(
        day=timezone.localdate(), service=category.service, channel="web", kind="report", resolution_histogram=[]
    )
    fact.refresh_from_db()
    assert getattr(fact, duration_bucket_column("resolution_histogram", 0)) is None

    DailyFact.objects.filter(pk=fact.pk).update(resolution_histogram=[3] + [0] * (DURATION_BUCKETS - 1))
    fact.refresh_from_db()

    assert getattr(fact, duration_bucket_column("resolution_histogram", 0)) == 3
